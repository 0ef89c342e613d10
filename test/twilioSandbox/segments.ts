/**
 * How many SMS segments a body takes, as Twilio bills and reports it in `num_segments`: the
 * count of Twilio's own segment calculator (npm `sms-segments-calculator`, the code behind
 * twiliodeved.github.io/message-segment-calculator), without Smart Encoding.
 *
 * A body made only of GSM-7 characters travels 7 bits a character: 160 fit one SMS, and a
 * longer body is split into parts of 153 (the rest of each part carries the concatenation
 * header). Characters of the GSM extension table (`^{}\[~]|€` and form feed) take two septets
 * each. Any other character switches the whole body to UCS-2: 70 UTF-16 code units in one
 * SMS, 67 per part. A part never splits a character as a person sees it (a grapheme cluster:
 * an emoji with its skin tone, a flag, a ZWJ family), so one that does not fit at a part's end
 * moves whole to the next part.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
	encoding: SmsEncoding;
	/** 0 for an empty body (a media-only message); the calculator would say 1. */
	segments: number;
	/** Septets for GSM-7, UTF-16 code units for UCS-2. */
	units: number;
}

export function segmentCount(body: string): SegmentCount {
	if (body === '') return { encoding: 'GSM-7', segments: 0, units: 0 };
	const message = new SegmentedMessage(body);
	// Each encoded character lists its septets (GSM-7) or its UTF-16 code units (UCS-2).
	const units = message.encodedChars.reduce((sum, character) => sum + character.codeUnits.length, 0);
	return { encoding: message.encodingName, segments: message.segmentsCount, units };
}
