const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
};

/**
 * Escapes text for use both between tags and inside a quoted attribute value. One function for
 * both keeps callers from picking the weaker one by mistake; quoting every attribute with `"` is
 * what makes escaping the quote characters sufficient.
 */
export function escapeHtml(value: unknown): string {
	const text = value === undefined || value === null ? '' : String(value);
	return text.replace(/[&<>"'`]/g, (character) => HTML_ESCAPES[character]);
}

/** Escaped text whose line breaks are kept as `<br>`, for short paragraphs a business writes. */
export function escapeMultilineText(value: string): string {
	return value
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => escapeHtml(line))
		.join('<br>');
}
