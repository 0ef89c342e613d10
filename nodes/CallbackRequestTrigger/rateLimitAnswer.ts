import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { CounterStore, SlotDecision } from '../core/abuse/rateLimit';
import { messagePage } from './pages';
import { takeRequestSlot, type RateLimitSettings } from './rateLimits';
import { sendJson, sendPage } from './webhookRequest';
import type { WebhookSettings } from './webhookSettings';

type UnavailableSlot = { admitted: false; limit: 'unavailable'; reason: 'unavailable'; retryAfterSeconds: number };

/** The slot decision, with the counters it was taken in (none when they could not be reached). */
type SlotOutcome = { decision: SlotDecision | UnavailableSlot; store?: CounterStore };

/**
 * The slot for this request. When the counters cannot be reached (n8n's API down, the key
 * revoked) the request is refused for a short while rather than let through uncounted: an
 * outage must not open the form to a flood. The error is logged for the business to fix.
 */
export async function takeSlotOrAnswer(context: IWebhookFunctions, settings: RateLimitSettings, ip: string | null, phone: string, now: number): Promise<SlotOutcome> {
	try {
		return await takeRequestSlot(context, settings, ip, phone, now);
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not count a request against its rate limits, so it was refused: ${(error as Error).message}`);
		return { decision: { admitted: false, limit: 'unavailable', reason: 'unavailable', retryAfterSeconds: 60 } };
	}
}

function waitText(seconds: number): string {
	if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 90) return `${minutes} minutes`;
	const hours = Math.ceil(minutes / 60);
	return hours < 36 ? `${hours} hours` : `${Math.ceil(hours / 24)} days`;
}

/** Over a limit: 429 with Retry-After (503 when the counters could not be reached), nothing started. */
export function refuseRateLimited(context: IWebhookFunctions, settings: WebhookSettings, asPage: boolean, slot: Extract<SlotDecision | UnavailableSlot, { admitted: false }>): IWebhookResponseData {
	const unavailable = slot.reason === 'unavailable';
	const status = unavailable ? 503 : 429;
	const headers = { 'Retry-After': String(slot.retryAfterSeconds) };
	const message = unavailable
		? `Requests cannot be taken right now. Please try again in ${waitText(slot.retryAfterSeconds)}.`
		: `Too many callback requests were sent from here or for numbers like this one. Please try again in ${waitText(slot.retryAfterSeconds)}.`;
	context.logger?.info(`Callback Request Trigger refused a request: ${slot.reason === 'unavailable' ? 'rate-limit counters unavailable' : `${slot.limit} limit ${slot.reason}`}`);
	if (asPage) {
		const page = messagePage(status, 'Please try again later', message, settings.form.businessName);
		return sendPage(context, { ...page, headers: { ...page.headers, ...headers } });
	}
	return sendJson(context, status, { ok: false, error: unavailable ? 'rate-limit-unavailable' : 'rate-limited', limit: slot.limit, retryAfterSeconds: slot.retryAfterSeconds, message }, headers);
}
