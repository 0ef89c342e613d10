/**
 * The GSM 03.38 default alphabet that SMS uses unless a text needs UCS-2, in the order of its
 * 7-bit codes (0x00 '@' … 0x7F 'à'). 0x1B is the escape to the extension table and is not a
 * character of its own, so it is left out.
 */
const BASIC_TABLE =
	'@£$¥èéùìòÇ\nØø\rÅå' +
	'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
	' !"#¤%&\'()*+,-./' +
	'0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNO' +
	'PQRSTUVWXYZÄÖÑÜ§' +
	'¿abcdefghijklmno' +
	'pqrstuvwxyzäöñüà';

/** Characters reached through the escape code: each costs two septets. */
const EXTENSION_TABLE = '\f^{}\\[~]|€';

const basic = new Set(BASIC_TABLE);
const extension = new Set(EXTENSION_TABLE);

/**
 * Septets one character (a code point) takes in GSM-7: 1 for the basic table, 2 for the
 * extension table, undefined when GSM-7 cannot carry it and the whole text needs UCS-2.
 */
export function gsmSeptets(character: string): 1 | 2 | undefined {
	if (basic.has(character)) return 1;
	if (extension.has(character)) return 2;
	return undefined;
}
