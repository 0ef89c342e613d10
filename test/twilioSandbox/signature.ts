// The webhooks module alone: the SDK's REST client is not needed to sign.
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';

/** Form parameters as Twilio sends them: a value, or the key repeated for several values. */
export type WebhookParams = Record<string, string | string[]>;

/**
 * The `X-Twilio-Signature` Twilio puts on every webhook, computed by Twilio's own SDK so that a
 * receiver validating with `twilio.validateRequest` sees exactly what real Twilio would send.
 * For POST the URL is the configured one and the form parameters are signed with it; for GET
 * the parameters travel in the query string, so the full URL is signed with no parameters.
 */
export function twilioSignature(authToken: string, url: string, params: WebhookParams): string {
	return getExpectedTwilioSignature(authToken, url, params);
}

/** The URL Twilio requests for a GET webhook: the configured URL with the parameters appended. */
export function urlWithQuery(url: string, params: WebhookParams): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) {
		for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
	}
	const text = query.toString();
	if (text === '') return url;
	return url + (url.includes('?') ? '&' : '?') + text;
}

export function formBody(params: WebhookParams): string {
	return urlWithQuery('', params).replace(/^\?/, '');
}

/** Checks a signature the way a webhook receiver does, for the sandbox's own tests and tools. */
export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: WebhookParams): boolean {
	return validateRequest(authToken, signature, url, params);
}
