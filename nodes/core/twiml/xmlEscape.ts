/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
 * Text a person typed may hold them; Twilio refuses a document that does, so they are dropped
 * rather than escaped (no escape makes them legal).
 */
const ILLEGAL_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutIllegalXmlCharacters(text: string): string {
	return text.replace(ILLEGAL_XML_CHARACTERS, '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

/** Text between tags: nothing in it can open or close an element. */
export function escapeXmlText(text: string): string {
	return withoutIllegalXmlCharacters(text).replace(/[&<>\r]/g, (character) => TEXT_ESCAPES[character]);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };

/**
 * A value inside a double-quoted attribute: the quote cannot end it, and whitespace characters
 * are kept as references so that an XML parser does not fold them into spaces.
 */
export function escapeXmlAttribute(value: string): string {
	return withoutIllegalXmlCharacters(value).replace(/[&<"\t\n\r]/g, (character) => ATTRIBUTE_ESCAPES[character]);
}
