import { withoutIllegalXmlCharacters } from '../twiml/xmlEscape';

/**
 * Text a person typed, made fit to be read out: one line, no control characters, at most
 * `maxLength` characters cut at a word where possible. It is still escaped when written into
 * TwiML; this only keeps a whisper short and clean.
 */
export function spokenText(value: unknown, maxLength: number): string {
	if (value === undefined || value === null) return '';
	const text = withoutIllegalXmlCharacters(typeof value === 'string' ? value : String(value))
				.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (text.length <= maxLength) return text;
	const cut = text.slice(0, maxLength);
	const lastSpace = cut.lastIndexOf(' ');
	return (lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '');
}

/** A sentence ends once: "about billing." not "about billing..". */
export function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}
