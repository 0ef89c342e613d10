import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { HumanCheckProvider } from '../../nodes/core/abuse/humanCheck';

/**
 * A local stand-in for the siteverify endpoints of Cloudflare Turnstile, hCaptcha and Google
 * reCAPTCHA, on 127.0.0.1. It answers as each provider documents: the same paths, a form-encoded
 * POST with `secret`, `response` and optionally `remoteip` (and `sitekey` for hCaptcha), and the
 * same JSON (`success`, `challenge_ts`, `hostname`, `action`/`score` where the provider has them,
 * `error-codes` with the provider's own codes).
 *
 * Two kinds of keys work, as with the real services:
 * - the providers' published test keys (TEST_KEYS): Turnstile's always-pass, always-fail and
 *   already-spent secrets with its dummy token, hCaptcha's test secret with its dummy response,
 *   and reCAPTCHA's test secret, which passes any token;
 * - one "production" key pair per provider (`keys(provider)`), whose tokens a test makes with
 *   `issueToken`: each verifies once, for the hostname (and action and score) it was made for.
 *   A second check of the same token, or one older than the provider's lifetime, is refused as
 *   the provider refuses it. Production secrets refuse the test tokens.
 *
 * `outage` makes it answer as a provider in trouble: 503, HTML instead of JSON, or a dropped
 * connection. Every request is kept in `requests`.
 */

export const VERIFY_PATHS: Readonly<Record<HumanCheckProvider, string>> = {
	turnstile: '/turnstile/v0/siteverify',
	hcaptcha: '/siteverify',
	'recaptcha-v2': '/recaptcha/api/siteverify',
	'recaptcha-v3': '/recaptcha/api/siteverify',
};

/** The providers' own published test keys and tokens. */
export const TEST_KEYS = {
	turnstile: {
		/** Sitekey that always passes (visible widget). */
		siteKey: '1x00000000000000000000AA',
		passSecret: '1x0000000000000000000000000000000AA',
		failSecret: '2x0000000000000000000000000000000AA',
		spentSecret: '3x0000000000000000000000000000000AA',
		/** What Turnstile's test sitekeys put in the form. */
		dummyToken: 'XXXX.DUMMY.TOKEN.XXXX',
	},
	hcaptcha: {
		siteKey: '10000000-ffff-ffff-ffff-000000000001',
		secret: '0x0000000000000000000000000000000000000000',
		dummyToken: '10000000-aaaa-bbbb-cccc-000000000001',
	},
	recaptcha: {
		/** reCAPTCHA's v2 test keys: every check passes, whatever the token. */
		siteKey: '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI',
		secret: '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe',
	},
} as const;

/** How long each provider's tokens live, in seconds. */
const TOKEN_LIFETIME_S: Readonly<Record<HumanCheckProvider, number>> = {
	turnstile: 300,
	hcaptcha: 120,
	'recaptcha-v2': 120,
	'recaptcha-v3': 120,
};

export type Outage = 'unavailable' | 'html' | 'drop';

export interface IssueOptions {
	/** Where the widget ran; default the double's hostname. */
	hostname?: string;
	/** Turnstile and reCAPTCHA v3; default 'callback_request', the hosted form's. */
	action?: string;
	/** reCAPTCHA v3 only; default 0.9. */
	score?: number;
	/** How long ago the widget made it; past the provider's lifetime it is refused as expired. */
	ageSeconds?: number;
}

interface IssuedToken extends Required<Omit<IssueOptions, 'ageSeconds'>> {
	provider: HumanCheckProvider;
	issuedAt: number;
	spent: boolean;
}

export interface RecordedVerify {
	path: string;
	method: string;
	contentType: string;
	/** The form fields as received. */
	params: Record<string, string>;
	status: number;
	answer: unknown;
}

export interface HumanCheckDoubleOptions {
	/** The hostname answered for issued tokens and test keys alike; default 'localhost'. */
	hostname?: string;
}

type Answer = { status: number; body: unknown };

function nowIso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export class HumanCheckDouble {
	readonly requests: RecordedVerify[] = [];
	/** While set, every verify request meets this failure. */
	outage: Outage | null = null;
	readonly hostname: string;
	private readonly issued = new Map<string, IssuedToken>();
	private readonly sockets = new Set<Socket>();
	private readonly productionKeys: Record<HumanCheckProvider, { siteKey: string; secret: string }>;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		options: HumanCheckDoubleOptions,
	) {
		this.hostname = options.hostname ?? 'localhost';
		const key = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
		this.productionKeys = {
			turnstile: { siteKey: key('0x4AAAAAAA'), secret: key('0x4AAAAAAA-secret-') },
			hcaptcha: { siteKey: `${randomBytes(4).toString('hex')}-aaaa-bbbb-cccc-${randomBytes(6).toString('hex')}`, secret: key('0xES') },
			'recaptcha-v2': { siteKey: key('6Lv2'), secret: key('6Lv2-secret-') },
			'recaptcha-v3': { siteKey: key('6Lv3'), secret: key('6Lv3-secret-') },
		};
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	static async start(options: HumanCheckDoubleOptions = {}): Promise<HumanCheckDouble> {
		let double: HumanCheckDouble | undefined;
		const server = createServer((request, response) => {
			void double!.handle(request, response);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const { port } = server.address() as AddressInfo;
		double = new HumanCheckDouble(server, `http://127.0.0.1:${port}`, options);
		return double;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** The Verify URL to put in the provider's credential. */
	verifyUrl(provider: HumanCheckProvider): string {
		return `${this.baseUrl}${VERIFY_PATHS[provider]}`;
	}

	/** The double's own site key and secret for a provider, as its dashboard would show them. */
	keys(provider: HumanCheckProvider): { siteKey: string; secret: string } {
		return { ...this.productionKeys[provider] };
	}

	/** A token as the widget would make it for the double's production keys. */
	issueToken(provider: HumanCheckProvider, options: IssueOptions = {}): string {
		const body = randomBytes(48).toString('base64url');
		const token = provider === 'turnstile' ? `0.${body}` : provider === 'hcaptcha' ? `P1_${body}` : `03A${body}`;
		this.issued.set(token, {
			provider,
			hostname: options.hostname ?? this.hostname,
			action: options.action ?? 'callback_request',
			score: options.score ?? 0.9,
			issuedAt: Date.now() - (options.ageSeconds ?? 0) * 1000,
			spent: false,
		});
		return token;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = (request.url ?? '/').split('?')[0];
		const text = await readBody(request);
		const contentType = String(request.headers['content-type'] ?? '');
		if (this.outage === 'drop') {
			request.socket.destroy();
			return;
		}
		let params: Record<string, string> = {};
		if (contentType.startsWith('application/json')) {
			try {
				params = Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
			} catch {
				params = {};
			}
		} else {
			params = Object.fromEntries(new URLSearchParams(text));
		}

		const answer = this.answer(path, request.method ?? 'GET', contentType, params);
		this.requests.push({ path, method: request.method ?? 'GET', contentType, params, status: answer.status, answer: answer.body });
		if (typeof answer.body === 'string') {
			response.writeHead(answer.status, { 'Content-Type': 'text/html; charset=utf-8' });
			response.end(answer.body);
			return;
		}
		response.writeHead(answer.status, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(answer.body));
	}

	private answer(path: string, method: string, contentType: string, params: Record<string, string>): Answer {
		if (this.outage === 'unavailable') return { status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>' };
		if (this.outage === 'html') return { status: 200, body: '<!doctype html><title>Just a moment...</title><p>Checking your browser</p>' };
		const providers = (Object.keys(VERIFY_PATHS) as HumanCheckProvider[]).filter((provider) => VERIFY_PATHS[provider] === path);
		if (providers.length === 0) return { status: 404, body: { success: false, 'error-codes': ['not-found'] } };
		if (method !== 'POST') return { status: 405, body: { success: false, 'error-codes': ['bad-request'] } };
		const family = providers[0];
		// Turnstile also takes JSON; the others only form posts.
		if (family !== 'turnstile' && !contentType.startsWith('application/x-www-form-urlencoded')) return this.refuse(family, 'bad-request');
		if (family === 'turnstile') return this.turnstile(params);
		if (family === 'hcaptcha') return this.hcaptcha(params);
		return this.recaptcha(params);
	}

	private refuse(provider: HumanCheckProvider, ...codes: string[]): Answer {
		// Turnstile adds an empty `messages`; the others answer only these two fields.
		const body: Record<string, unknown> = { success: false, 'error-codes': codes };
		if (provider === 'turnstile') body.messages = [];
		return { status: 200, body };
	}

	/** Checks an issued token once; undefined when the token is not one the double made. */
	private spend(provider: HumanCheckProvider, token: string): IssuedToken | 'expired' | 'spent' | undefined {
		const issued = this.issued.get(token);
		if (!issued || issued.provider !== provider) return undefined;
		if (issued.spent) return 'spent';
		issued.spent = true;
		if (Date.now() - issued.issuedAt > TOKEN_LIFETIME_S[provider] * 1000) return 'expired';
		return issued;
	}

	private turnstile(params: Record<string, string>): Answer {
		const { secret, response } = params;
		if (!secret) return this.refuse('turnstile', 'missing-input-secret');
		const test = TEST_KEYS.turnstile;
		const production = this.productionKeys.turnstile.secret;
		if (![test.passSecret, test.failSecret, test.spentSecret, production].includes(secret)) return this.refuse('turnstile', 'invalid-input-secret');
		if (!response) return this.refuse('turnstile', 'missing-input-response');
		if (response.length > 2048) return this.refuse('turnstile', 'invalid-input-response');
		const success = (hostname: string, action: string, issuedAt: number): Answer => ({
			status: 200,
			body: { success: true, 'error-codes': [], challenge_ts: nowIso(issuedAt), hostname, action, cdata: '', metadata: { interactive: false } },
		});
		if (secret !== production) {
			// Test secrets take the dummy token only.
			if (response !== test.dummyToken) return this.refuse('turnstile', 'invalid-input-response');
			if (secret === test.failSecret) return this.refuse('turnstile', 'invalid-input-response');
			if (secret === test.spentSecret) return this.refuse('turnstile', 'timeout-or-duplicate');
			return success(this.hostname, '', Date.now());
		}
		const issued = this.spend('turnstile', response);
		if (issued === undefined) return this.refuse('turnstile', 'invalid-input-response');
		if (issued === 'spent' || issued === 'expired') return this.refuse('turnstile', 'timeout-or-duplicate');
		return success(issued.hostname, issued.action, issued.issuedAt);
	}

	private hcaptcha(params: Record<string, string>): Answer {
		const { secret, response, sitekey } = params;
		const test = TEST_KEYS.hcaptcha;
		const production = this.productionKeys.hcaptcha;
		if (!secret) return this.refuse('hcaptcha', 'missing-input-secret');
		if (secret !== test.secret && secret !== production.secret) return this.refuse('hcaptcha', 'invalid-input-secret');
		if (!response) return this.refuse('hcaptcha', 'missing-input-response');
		const success = (hostname: string, issuedAt: number): Answer => ({
			status: 200,
			body: { success: true, challenge_ts: nowIso(issuedAt), hostname, credit: false },
		});
		if (secret === test.secret) {
			if (sitekey && sitekey !== test.siteKey) return this.refuse('hcaptcha', 'sitekey-secret-mismatch');
			if (response !== test.dummyToken) return this.refuse('hcaptcha', 'not-using-dummy-passcode');
			return success(this.hostname, Date.now());
		}
		if (sitekey && sitekey !== production.siteKey) return this.refuse('hcaptcha', 'sitekey-secret-mismatch');
		const issued = this.spend('hcaptcha', response);
		if (issued === undefined) return this.refuse('hcaptcha', 'invalid-input-response');
		if (issued === 'spent') return this.refuse('hcaptcha', 'already-seen-response');
		if (issued === 'expired') return this.refuse('hcaptcha', 'expired-input-response');
		return success(issued.hostname, issued.issuedAt);
	}

	private recaptcha(params: Record<string, string>): Answer {
		const { secret, response } = params;
		if (!secret) return this.refuse('recaptcha-v2', 'missing-input-secret');
		const version = secret === this.productionKeys['recaptcha-v3'].secret ? 'recaptcha-v3' : 'recaptcha-v2';
		const known = [TEST_KEYS.recaptcha.secret, this.productionKeys['recaptcha-v2'].secret, this.productionKeys['recaptcha-v3'].secret];
		if (!known.includes(secret)) return this.refuse(version, 'invalid-input-secret');
		if (!response) return this.refuse(version, 'missing-input-response');
		if (secret === TEST_KEYS.recaptcha.secret) {
			return { status: 200, body: { success: true, challenge_ts: nowIso(Date.now()), hostname: this.hostname } };
		}
		const issued = this.spend(version, response);
		if (issued === undefined) return this.refuse(version, 'invalid-input-response');
		if (issued === 'spent' || issued === 'expired') return this.refuse(version, 'timeout-or-duplicate');
		const body: Record<string, unknown> = { success: true, challenge_ts: nowIso(issued.issuedAt), hostname: issued.hostname };
		if (version === 'recaptcha-v3') Object.assign(body, { score: issued.score, action: issued.action });
		return { status: 200, body };
	}
}
