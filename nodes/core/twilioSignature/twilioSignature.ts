import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters of a Twilio request: a value, or the values of a key sent several times. */
export type TwilioFormParams = Readonly<Record<string, string | readonly string[]>>;

/**
 * The `X-Twilio-Signature` Twilio puts on a request: HMAC-SHA1 with the account's auth token
 * over the full URL it requested, followed by every POST parameter as name and value, sorted by
 * name (a repeated name contributes each distinct value, sorted), in base64. For a GET request
 * the parameters are in the URL and `params` is empty.
 */
export function expectedTwilioSignature(authToken: string, url: string, params: TwilioFormParams): string {
	let data = url;
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
		for (const item of values) data += name + item;
	}
	return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

/**
 * Whether a request carries Twilio's signature for this URL and these parameters. Twilio signs
 * the URL as it was configured; a proxy may add or drop the default port on the way, so the
 * URL is also tried with and without it. An empty auth token or signature never matches.
 */
export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: TwilioFormParams): boolean {
	if (authToken === '' || signature === undefined || signature === '') return false;
	const received = Buffer.from(signature);
	return urlVariants(url).some((candidate) => {
		const expected = Buffer.from(expectedTwilioSignature(authToken, candidate, params));
		return expected.length === received.length && timingSafeEqual(expected, received);
	});
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d+)?(.*)$/is;

/** The URL as given, without its port, and with the scheme's default port. */
function urlVariants(url: string): string[] {
	const match = URL_PARTS.exec(url);
	if (match === null) return [url];
	const [, scheme, userInfo = '', host, port, rest] = match;
	const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
	const withoutPort = scheme + userInfo + host + rest;
	const withPort = scheme + userInfo + host + (port ?? defaultPort) + rest;
	return [...new Set([url, withoutPort, withPort])];
}
