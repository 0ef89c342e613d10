/**
 * How many SMS segments a body takes, as Twilio bills and reports it in `num_segments`.
 *
 * A body made only of GSM-7 characters travels 7 bits a character: 160 fit one SMS, and a
 * longer body is split into parts of 153 (the rest of each part carries the concatenation
 * header). Characters of the GSM extension table (`^{}\[~]|€` and form feed) take two septets
 * each. Any other character switches the whole body to UCS-2: 70 UTF-16 code units in one
 * SMS, 67 per part. A part never ends in the middle of an escape sequence or a surrogate pair,
 * so an emoji or a `€` at a part boundary moves to the next part.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
	encoding: SmsEncoding;
	segments: number;
	/** Septets for GSM-7, UTF-16 code units for UCS-2. */
	units: number;
}

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(GSM_BASIC);
const extensionSet = new Set(GSM_EXTENSION);

/** Septets a character takes in GSM-7, or undefined when it is not in the GSM-7 alphabet. */
function gsmSeptets(character: string): number | undefined {
	if (basicSet.has(character)) return 1;
	if (extensionSet.has(character)) return 2;
	return undefined;
}

export function segmentCount(body: string): SegmentCount {
	const characters = Array.from(body);
	const septets = characters.map(gsmSeptets);
	if (septets.every((value): value is number => value !== undefined)) {
		return { encoding: 'GSM-7', ...pack(septets, 160, 153) };
	}
	// UCS-2 on the wire is UTF-16: a character outside the BMP is two code units.
	return { encoding: 'UCS-2', ...pack(characters.map((character) => character.length), 70, 67) };
}

/** Greedy packing of indivisible characters into parts. */
function pack(sizes: number[], single: number, perPart: number): { segments: number; units: number } {
	const units = sizes.reduce((sum, size) => sum + size, 0);
	if (units === 0) return { segments: 0, units };
	if (units <= single) return { segments: 1, units };
	let segments = 1;
	let used = 0;
	for (const size of sizes) {
		if (used + size > perPart) {
			segments += 1;
			used = 0;
		}
		used += size;
	}
	return { segments, units };
}
