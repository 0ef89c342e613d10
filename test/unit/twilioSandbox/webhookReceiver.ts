import http from 'node:http';
import type { AddressInfo } from 'node:net';

import twilio from 'twilio';

/** One request the sandbox made to the test's web server, with its signature checked. */
export interface ReceivedWebhook {
	method: string;
	path: string;
	url: string;
	params: Record<string, string | string[]>;
	signature: string;
	signatureValid: boolean;
	userAgent: string;
}

export interface WebhookAnswer {
	status?: number;
	contentType?: string;
	body?: string;
}

type Route = (request: ReceivedWebhook) => WebhookAnswer | string;

/**
 * A local web server standing in for the n8n webhooks Twilio calls: it records every request,
 * validates `X-Twilio-Signature` with the twilio SDK's `validateRequest`, and answers each path
 * with the TwiML (or status) a test configures.
 */
export class WebhookReceiver {
	readonly received: ReceivedWebhook[] = [];
	private readonly routes = new Map<string, Route>();
	private server: http.Server | undefined;
	baseUrl = '';

	constructor(private readonly authToken: string) {}

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const url = `${this.baseUrl}${request.url ?? '/'}`;
				const parsed = new URL(url);
				const params: Record<string, string | string[]> = {};
				if (request.method === 'POST') {
					for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
						const existing = params[name];
						params[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
					}
				}
				const signature = String(request.headers['x-twilio-signature'] ?? '');
				const received: ReceivedWebhook = {
					method: request.method ?? '',
					path: parsed.pathname,
					url,
					params: request.method === 'POST' ? params : Object.fromEntries(parsed.searchParams),
					signature,
					signatureValid: twilio.validateRequest(this.authToken, signature, url, request.method === 'POST' ? params : {}),
					userAgent: String(request.headers['user-agent'] ?? ''),
				};
				this.received.push(received);
				const route = this.routes.get(parsed.pathname);
				const answer = route === undefined ? { status: 200, contentType: 'text/plain', body: '' } : route(received);
				const normalized: WebhookAnswer = typeof answer === 'string' ? { body: answer } : answer;
				response.writeHead(normalized.status ?? 200, { 'Content-Type': normalized.contentType ?? 'text/xml' });
				response.end(normalized.body ?? '');
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
		return this;
	}

	/** Answers requests to `path`: TwiML text, a full answer, or a function of the request. */
	on(path: string, route: Route | WebhookAnswer | string): this {
		this.routes.set(path, typeof route === 'function' ? route : () => route);
		return this;
	}

	url(path: string): string {
		return `${this.baseUrl}${path}`;
	}

	at(path: string): ReceivedWebhook[] {
		return this.received.filter((request) => request.path === path);
	}

	clear(): void {
		this.received.length = 0;
		this.routes.clear();
	}

	async waitFor(predicate: (request: ReceivedWebhook) => boolean, timeoutMs = 5000): Promise<ReceivedWebhook> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.received.find(predicate);
			if (found !== undefined) return found;
			if (Date.now() > deadline) throw new Error(`no webhook matched within ${timeoutMs} ms; got ${this.received.map((r) => r.path).join(', ')}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	stop(): Promise<void> {
		return new Promise((resolve) => {
			if (this.server === undefined) return resolve();
			this.server.closeAllConnections();
			this.server.close(() => resolve());
		});
	}
}
