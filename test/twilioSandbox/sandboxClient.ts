import type { CallRecord } from './calls';
import type { CallbackDrop, RequestFault } from './faults';
import type { InboundCall, InboundSms, InboundSmsResult } from './inbound';
import type { CallWithLegs } from './inspection';
import type { MessageRecord } from './messages';
import type { NotificationRecord } from './notifications';
import type { ContentTemplate, MessagingService, RequestRecord } from './sandboxState';
import type { NumberScenario } from './scenarios';
import type { WebhookDelivery, WebhookKind } from './webhooks';

/** A record as it arrives over JSON: dates become ISO strings. */
export type Serialized<T> = T extends Date
	? string
	: T extends (infer Item)[]
		? Serialized<Item>[]
		: T extends object
			? { [Key in keyof T]: Serialized<T[Key]> }
			: T;

export type SandboxMessage = Serialized<MessageRecord>;
export type SandboxCall = Serialized<CallWithLegs>;
export type SandboxCallLeg = Serialized<CallRecord>;
export type SandboxRequest = Serialized<RequestRecord>;
export type SandboxWebhook = Serialized<WebhookDelivery>;
export type SandboxNotification = Serialized<NotificationRecord>;

export interface SandboxAccountView {
	sid: string;
	authToken: string;
	apiKeys: { sid: string; secret: string }[];
	phoneNumbers: string[];
	messagingServices: MessagingService[];
}

export interface RegisterNumber {
	phoneNumber: string;
	accountSid?: string;
	smsUrl?: string;
	smsMethod?: 'GET' | 'POST';
	voiceUrl?: string;
	voiceMethod?: 'GET' | 'POST';
	voiceFallbackUrl?: string;
	statusCallback?: string;
	statusCallbackMethod?: 'GET' | 'POST';
	friendlyName?: string;
}

export interface RequestFaultInput {
	/** operationId (`CreateMessage`), `METHOD /path/template`, or `*`. */
	operation: string;
	status: 429 | 500 | 503;
	count?: number;
	retryAfter?: number;
	afterEffect?: boolean;
}

export interface CallbackDropInput {
	number?: string;
	sid?: string;
	count?: number;
	kinds?: WebhookKind[];
}

export interface RestResponse {
	status: number;
	headers: Headers;
	body: Record<string, unknown> | undefined;
}

export class SandboxClientError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = 'SandboxClientError';
	}
}

/** Typed access to the sandbox's /__sandbox/ API, for tests and the demo. */
export class TwilioSandboxClient {
	constructor(readonly baseUrl: string) {}

	health(): Promise<{ ok: boolean; accounts: number; messages: number; calls: number; requests: number }> {
		return this.request('GET', '/health');
	}

	accounts(): Promise<SandboxAccountView[]> {
		return this.request('GET', '/accounts');
	}

	messages(filter: { sid?: string; to?: string; from?: string; direction?: string } = {}): Promise<SandboxMessage[]> {
		return this.request('GET', `/messages${query(filter)}`);
	}

	/** Calls (dialled legs included, each with `childCalls`). */
	calls(filter: { to?: string; from?: string; parentCallSid?: string } = {}): Promise<SandboxCall[]> {
		return this.request('GET', `/calls${query(filter)}`);
	}

	call(sid: string): Promise<SandboxCall> {
		return this.request('GET', `/calls/${sid}`);
	}

	requests(operationId?: string): Promise<SandboxRequest[]> {
		return this.request('GET', `/requests${query({ operationId })}`);
	}

	webhooks(filter: { kind?: WebhookKind; sid?: string } = {}): Promise<SandboxWebhook[]> {
		return this.request('GET', `/webhooks${query(filter)}`);
	}

	notifications(): Promise<SandboxNotification[]> {
		return this.request('GET', '/notifications');
	}

	scenarios(): Promise<NumberScenario[]> {
		return this.request('GET', '/scenarios');
	}

	setScenario(scenario: NumberScenario): Promise<NumberScenario>;
	setScenario(scenarios: NumberScenario[]): Promise<NumberScenario[]>;
	setScenario(scenario: NumberScenario | NumberScenario[]): Promise<NumberScenario | NumberScenario[]> {
		return this.request('POST', '/scenarios', scenario);
	}

	registerNumber(number: RegisterNumber): Promise<Record<string, unknown>> {
		return this.request('POST', '/numbers', number);
	}

	addMessagingService(service: { phoneNumbers: string[]; sid?: string; accountSid?: string }): Promise<MessagingService> {
		return this.request('POST', '/messaging-services', service);
	}

	addContentTemplate(template: { body: string; sid?: string; accountSid?: string }): Promise<ContentTemplate> {
		return this.request('POST', '/content-templates', template);
	}

	setOptOut(number: string, optedOut: boolean, accountSid?: string): Promise<{ accountSid: string; number: string; optedOut: boolean }> {
		return this.request('POST', '/opt-outs', { number, optedOut, accountSid });
	}

	/** A phone texts one of the account's numbers; resolves once its SmsUrl has answered. */
	injectSms(sms: InboundSms): Promise<Serialized<InboundSmsResult>> {
		return this.request('POST', '/inbound/sms', sms);
	}

	/** A phone calls one of the account's numbers; resolves at once with the new call. */
	injectCall(call: InboundCall): Promise<SandboxCallLeg> {
		return this.request('POST', '/inbound/call', call);
	}

	addFault(fault: RequestFaultInput): Promise<RequestFault> {
		return this.request('POST', '/faults', fault);
	}

	dropCallbacks(drop: CallbackDropInput): Promise<CallbackDrop> {
		return this.request('POST', '/faults', { dropCallbacks: drop });
	}

	faults(): Promise<{ requests: RequestFault[]; callbacks: CallbackDrop[] }> {
		return this.request('GET', '/faults');
	}

	reset(): Promise<{ ok: boolean }> {
		return this.request('POST', '/reset');
	}

	waitForCall(predicate: (call: SandboxCall) => boolean, timeoutMs = 10_000): Promise<SandboxCall> {
		return this.waitFor(() => this.calls(), predicate, timeoutMs, 'call');
	}

	waitForMessage(predicate: (message: SandboxMessage) => boolean, timeoutMs = 10_000): Promise<SandboxMessage> {
		return this.waitFor(() => this.messages(), predicate, timeoutMs, 'message');
	}

	waitForWebhook(predicate: (webhook: SandboxWebhook) => boolean, timeoutMs = 10_000): Promise<SandboxWebhook> {
		return this.waitFor(() => this.webhooks(), predicate, timeoutMs, 'webhook');
	}

	/** A REST request as a Twilio client would send it (form body, HTTP Basic). */
	async rest(credentials: { username: string; password: string }, method: 'GET' | 'POST' | 'DELETE', path: string, params?: Record<string, string | string[]>): Promise<RestResponse> {
		const form = new URLSearchParams();
		for (const [name, value] of Object.entries(params ?? {})) {
			for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
		}
		const headers: Record<string, string> = {
			Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
		};
		const hasBody = method === 'POST';
		if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
		const url = `${this.baseUrl}${path}${!hasBody && form.toString() !== '' ? `?${form.toString()}` : ''}`;
		const response = await fetch(url, { method, headers, body: hasBody ? form.toString() : undefined });
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
	}

	private async waitFor<T>(list: () => Promise<T[]>, predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = (await list()).find(predicate);
			if (found !== undefined) return found;
			if (Date.now() > deadline) throw new Error(`no ${what} matched within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/__sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const payload: unknown = text === '' ? undefined : JSON.parse(text);
		if (!response.ok) {
			const message = typeof payload === 'object' && payload !== null && 'error' in payload ? String(payload.error) : text;
			throw new SandboxClientError(response.status, `${method} /__sandbox${path}: ${response.status} ${message}`);
		}
		return payload as T;
	}
}

function query(filter: Record<string, string | undefined>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, value);
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}
