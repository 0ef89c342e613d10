import {
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { abortableDelay } from './abortableDelay';
import { formEncode, type TwilioParams } from './formEncode';
import { isRetryableStatus, retryDelayMs } from './retryPolicy';
import { TwilioApiError, twilioErrorDetails, type TwilioErrorDetails } from './twilioApiError';

export const TWILIO_CREDENTIAL = 'callbackTwilioApi';
export const API_VERSION_ROOT = '/2010-04-01';

export type TwilioContext = IExecuteFunctions | IWebhookFunctions;

export interface TwilioRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Below the account (`Messages.json`, `Calls/CA…json`), or from the API root when it starts with `/`. */
	path: string;
	query?: TwilioParams;
	body?: TwilioParams;
	/**
	 * Sending the request twice does no harm (reads, deletes, and updates that set the same
	 * values). Such requests are retried after any 429 or 5xx.
	 */
	idempotent?: boolean;
	/**
	 * For a request that creates something (a message, a call): after an answer that does not
	 * tell whether Twilio acted (a 5xx, a lost connection), looks for what the request would have
	 * created and returns it, or undefined when there is none and the request may be sent again.
	 * A create without it is not retried after such an answer, since a second text or call would
	 * reach the lead.
	 */
	findCreated?: () => Promise<IDataObject | undefined>;
	itemIndex?: number;
}

/** What one attempt gave: Twilio's answer, or no answer at all. */
type Attempt = { kind: 'answer'; status: number; headers: Record<string, unknown>; body: unknown } | { kind: 'noAnswer'; error: Error };

/** Where the credential's Twilio REST API is (Twilio's own, or a test double), without a trailing slash. */
export function apiBaseUrl(credentials: IDataObject): string {
	return String(credentials.baseUrl ?? 'https://api.twilio.com').trim().replace(/\/+$/, '');
}

/**
 * The one way the package talks to Twilio's REST API: authenticated by the node's
 * `callbackTwilioApi` credential through n8n, form-encoded, with Twilio's refusals turned into
 * node errors that carry Twilio's code.
 *
 * Retries never send a text or place a call twice. A 429 means Twilio refused the request
 * before acting on it, so it is always sent again (after Retry-After). A 5xx or a lost
 * connection may come after Twilio acted, so a create is sent again only when `findCreated`
 * shows that nothing was created; other requests are retried when marked idempotent.
 */
export async function twilioRequest(this: TwilioContext, request: TwilioRequest): Promise<IDataObject> {
	const credentials = await this.getCredentials(TWILIO_CREDENTIAL, request.itemIndex);
	const baseUrl = apiBaseUrl(credentials);
	const accountSid = String(credentials.accountSid ?? '').trim();
	const path = request.path.startsWith('/') ? request.path : `${API_VERSION_ROOT}/Accounts/${encodeURIComponent(accountSid)}/${request.path}`;
	const query = formEncode(request.query);
	const body = request.method === 'POST' ? formEncode(request.body) : '';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${path}${query === '' ? '' : `?${query}`}`,
		// Twilio reads bodies as forms only; a string keeps repeated keys exactly as encoded.
		...(request.method === 'POST' ? { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 30_000,
	};
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;

	let retriesMade = 0;
	let waitedMs = 0;
	for (;;) {
		const attempt = await send(this, options);
		if (attempt.kind === 'answer' && attempt.status < 300) return asObject(attempt.body);

		const failure = failureOf(attempt);
		const refusedUnread = attempt.kind === 'answer' && attempt.status === 429;
		// After anything but a 429, a create may have happened although the answer says otherwise.
		const mayHaveActed = !refusedUnread && request.idempotent !== true;
		const retryable = attempt.kind === 'noAnswer' || isRetryableStatus(attempt.status);
		const safeToRepeat = refusedUnread || request.idempotent === true || request.findCreated !== undefined;
		const delay = retryable && safeToRepeat ? retryDelayMs({ retriesMade, waitedMs }, retryAfterOf(attempt)) : null;
		if (delay !== null) {
			await abortableDelay(delay, signal);
			waitedMs += delay;
			retriesMade += 1;
		}
		if (retryable && mayHaveActed && request.findCreated !== undefined) {
			const created = await request.findCreated();
			if (created !== undefined) return created;
		}
		if (delay === null) throw new TwilioApiError(this.getNode(), failure, { itemIndex: request.itemIndex, attempts: retriesMade + 1 });
	}
}

async function send(context: TwilioContext, options: IHttpRequestOptions): Promise<Attempt> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, TWILIO_CREDENTIAL, { ...options })) as IN8nHttpFullResponse;
		return { kind: 'answer', status: response.statusCode, headers: response.headers as Record<string, unknown>, body: response.body };
	} catch (error) {
		// With HTTP errors ignored, only a request that got no answer (refused, reset, timed out) lands here.
		return { kind: 'noAnswer', error: error as Error };
	}
}

function failureOf(attempt: Attempt): TwilioErrorDetails {
	if (attempt.kind === 'answer') return twilioErrorDetails(attempt.status, attempt.body);
	return { status: 0, code: null, message: `No answer from Twilio: ${attempt.error.message}`, moreInfo: null };
}

function retryAfterOf(attempt: Attempt): string | undefined {
	if (attempt.kind !== 'answer') return undefined;
	const value = attempt.headers['retry-after'] ?? attempt.headers['Retry-After'];
	return value === undefined || value === null ? undefined : String(value);
}

function asObject(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { body };
		}
	}
	return body as IDataObject;
}
