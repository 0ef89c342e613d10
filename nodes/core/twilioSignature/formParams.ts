import type { TwilioFormParams } from './twilioSignature';

/**
 * A form body's parameters exactly as sent, with a name given several times keeping every value
 * in order. Read from the raw body, so the signature check sees what Twilio signed rather than
 * what a body parser made of it.
 */
export function formParams(rawBody: string): Record<string, string | string[]> {
	const params: Record<string, string | string[]> = {};
	for (const [name, value] of new URLSearchParams(rawBody)) {
		const existing = params[name];
		if (existing === undefined) params[name] = value;
		else params[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return params;
}

/** Parameters a body parser produced, as text: anything that is not text or a list of text is left out. */
export function paramsFromParsedBody(body: unknown): TwilioFormParams {
	const params: Record<string, string | string[]> = {};
	if (typeof body !== 'object' || body === null) return params;
	for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
		if (typeof value === 'string') params[name] = value;
		else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) params[name] = value as string[];
	}
	return params;
}

/** One parameter as text: the first value of a repeated one, '' when absent. */
export function formValue(params: TwilioFormParams, name: string): string {
	const value = params[name];
	if (value === undefined) return '';
	return typeof value === 'string' ? value : (value[0] ?? '');
}
