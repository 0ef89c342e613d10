import { gsmSeptets } from './gsmAlphabet';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
	encoding: SmsEncoding;
	/** How many SMS the text travels as (and is billed as); 0 for an empty text. */
	segments: number;
	/** Septets for GSM-7, UTF-16 code units for UCS-2. */
	units: number;
	/** Characters as a person counts them (code points): an emoji is one. */
	characters: number;
}

/** Units that fit one SMS on its own, and one part of a longer, concatenated text. */
const CAPACITY: Record<SmsEncoding, { single: number; part: number }> = {
	// A concatenated part spends 7 septets (or 3 UCS-2 units) on the header that joins them.
	'GSM-7': { single: 160, part: 153 },
	'UCS-2': { single: 70, part: 67 },
};

/**
 * The encoding and number of segments of an SMS text, as carriers split it and Twilio reports
 * it in `num_segments`. One character outside the GSM-7 alphabet makes the whole text UCS-2,
 * where a character beyond the Basic Multilingual Plane (most emoji) takes two units. Phones
 * never split an escape sequence or a surrogate pair across two parts, so such a character at
 * a part's end moves to the next part.
 */
export function segmentCount(text: string): SmsSegments {
	const characters = Array.from(text);
	const septets = characters.map(gsmSeptets);
	const isGsm = septets.every((size) => size !== undefined);
	const encoding: SmsEncoding = isGsm ? 'GSM-7' : 'UCS-2';
	const sizes = isGsm ? (septets as number[]) : characters.map((character) => character.length);
	const units = sizes.reduce((sum, size) => sum + size, 0);
	return { encoding, segments: partsNeeded(sizes, units, CAPACITY[encoding]), units, characters: characters.length };
}

function partsNeeded(sizes: number[], units: number, capacity: { single: number; part: number }): number {
	if (units === 0) return 0;
	if (units <= capacity.single) return 1;
	let parts = 1;
	let filled = 0;
	for (const size of sizes) {
		if (filled + size > capacity.part) {
			parts += 1;
			filled = 0;
		}
		filled += size;
	}
	return parts;
}
