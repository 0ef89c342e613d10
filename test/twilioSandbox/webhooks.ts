import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import type { SandboxClock } from './clock';
import { formBody, twilioSignature, urlWithQuery, type WebhookParams } from './signature';

/** What a webhook was for, as the inspection API groups them. */
export type WebhookKind =
	| 'message-status'
	| 'call-status'
	| 'amd-status'
	| 'voice'
	| 'voice-action'
	| 'sms'
	| 'sms-action';

export type WebhookMethod = 'GET' | 'POST';

export interface WebhookDelivery {
	id: number;
	/** Simulated time the request was made (ISO 8601). */
	at: string;
	kind: WebhookKind;
	method: WebhookMethod;
	/** The URL as configured (what the signature covers for POST). */
	url: string;
	/** The URL actually requested (with the parameters in the query string for GET). */
	requestedUrl: string;
	params: WebhookParams;
	signature: string;
	/** The Call or Message SID the request is about. */
	relatedSid: string;
	/** A fault rule suppressed it: nothing was sent. */
	dropped: boolean;
	status?: number;
	contentType?: string;
	body?: string;
	error?: string;
}

export interface WebhookRequest {
	kind: WebhookKind;
	url: string;
	method: WebhookMethod;
	params: WebhookParams;
	authToken: string;
	relatedSid: string;
	dropped?: boolean;
}

/** Twilio gives up on a webhook after 15 seconds. */
const WEBHOOK_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 1_000_000;

/**
 * Sends Twilio-style webhooks: form-encoded, signed with the account's auth token, with the
 * headers Twilio's proxy adds. Every attempt is kept for the inspection API.
 */
export class WebhookSender {
	readonly deliveries: WebhookDelivery[] = [];
	private nextId = 1;
	/** Status callbacks for one resource leave in order, one at a time, as Twilio's do. */
	private readonly chains = new Map<string, Promise<unknown>>();

	constructor(
		private readonly clock: SandboxClock,
		private readonly log: (line: string) => void,
	) {}

	/** Bumped by reset: requests still queued from before are not sent. */
	private epoch = 0;

	reset(): void {
		this.epoch += 1;
		this.deliveries.length = 0;
		this.chains.clear();
	}

	/** Queues a request behind earlier ones for the same key (usually a SID). */
	sendInOrder(key: string, request: WebhookRequest): Promise<WebhookDelivery> {
		const previous = this.chains.get(key) ?? Promise.resolve();
		const epoch = this.epoch;
		const next = previous.then(() => (epoch === this.epoch ? this.send(request) : this.send({ ...request, dropped: true }, false)));
		this.chains.set(
			key,
			next.catch(() => undefined),
		);
		return next;
	}

	async send(request: WebhookRequest, keep = true): Promise<WebhookDelivery> {
		const requestedUrl = request.method === 'GET' ? urlWithQuery(request.url, request.params) : request.url;
		const signature = twilioSignature(request.authToken, requestedUrl, request.method === 'GET' ? {} : request.params);
		const delivery: WebhookDelivery = {
			id: this.nextId++,
			at: this.clock.now().toISOString(),
			kind: request.kind,
			method: request.method,
			url: request.url,
			requestedUrl,
			params: request.params,
			signature,
			relatedSid: request.relatedSid,
			dropped: request.dropped === true,
		};
		if (keep) this.deliveries.push(delivery);
		if (delivery.dropped) {
			this.log(`webhook ${request.kind} ${request.method} ${requestedUrl} dropped by a fault rule`);
			return delivery;
		}
		if (this.clock.isStopped) {
			delivery.error = 'sandbox stopped';
			return delivery;
		}
		try {
			const response = await httpRequest(request.method, requestedUrl, signature, request.method === 'POST' ? formBody(request.params) : undefined);
			delivery.status = response.status;
			delivery.contentType = response.contentType;
			delivery.body = response.body;
			this.log(`webhook ${request.kind} ${request.method} ${requestedUrl} -> ${response.status}`);
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
			this.log(`webhook ${request.kind} ${request.method} ${requestedUrl} failed: ${delivery.error}`);
		}
		return delivery;
	}
}

interface HttpResponse {
	status: number;
	contentType: string;
	body: string;
}

function httpRequest(method: WebhookMethod, url: string, signature: string, body: string | undefined): Promise<HttpResponse> {
	return new Promise((resolve, reject) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			reject(new Error(`invalid URL ${url}`));
			return;
		}
		const transport = target.protocol === 'https:' ? https : http;
		const headers: Record<string, string> = {
			'X-Twilio-Signature': signature,
			'User-Agent': 'TwilioProxy/1.1',
			'I-Twilio-Idempotency-Token': randomUUID(),
			Accept: '*/*',
			'Cache-Control': 'max-age=259200',
		};
		if (body !== undefined) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			headers['Content-Length'] = String(Buffer.byteLength(body));
		}
		const request = transport.request(target, { method, headers, agent: false, timeout: WEBHOOK_TIMEOUT_MS }, (response) => {
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
			});
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					contentType: String(response.headers['content-type'] ?? ''),
					body: Buffer.concat(chunks).toString('utf8'),
				}),
			);
			response.on('error', reject);
		});
		request.on('timeout', () => request.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
		request.on('error', reject);
		if (body !== undefined) request.write(body);
		request.end();
	});
}
