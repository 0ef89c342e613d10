/**
 * The URL Twilio requested, which its signature covers: the public address the node gave Twilio
 * (n8n's webhook base, as a proxy in front of n8n exposes it) with the query string exactly as
 * it reached n8n. The path and host n8n sees locally may differ behind a proxy; the query does
 * not, and it carries the step the request is for.
 */
export function requestedUrl(publicUrl: string, requestTarget: string): string {
	const base = publicUrl.split(/[?#]/, 1)[0];
	const queryStart = requestTarget.indexOf('?');
	if (queryStart === -1) return base;
	const query = requestTarget.slice(queryStart + 1).split('#', 1)[0];
	return query === '' ? base : `${base}?${query}`;
}
