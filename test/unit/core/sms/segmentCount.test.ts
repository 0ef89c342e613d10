import fc from 'fast-check';

import { segmentCount } from '../../../../nodes/core/sms/segmentCount';
import { segmentCount as sandboxSegmentCount } from '../../../twilioSandbox/segments';

const a = (count: number): string => 'a'.repeat(count);

describe('segmentCount: GSM-7', () => {
	it.each([
		['Hello', 1, 5],
		[a(160), 1, 160],
		[a(161), 2, 161],
		[a(306), 2, 306],
		[a(307), 3, 307],
		['', 0, 0],
	])('%#: %j takes %i segment(s), %i septets', (text, segments, units) => {
		expect(segmentCount(text)).toEqual({ encoding: 'GSM-7', segments, units, characters: text.length });
	});

	it('keeps accented letters of the GSM alphabet (é, ñ, ü, Ç) in GSM-7', () => {
		expect(segmentCount('Café Señor Müller Ça va').encoding).toBe('GSM-7');
	});

	it('counts each extension-table character (€ [ ] { } ~ ^ \\ |) as two septets', () => {
		expect(segmentCount('€[]{}~^\\|')).toEqual({ encoding: 'GSM-7', segments: 1, units: 18, characters: 9 });
		expect(segmentCount('€'.repeat(80))).toMatchObject({ segments: 1, units: 160 });
		expect(segmentCount('€'.repeat(81))).toMatchObject({ segments: 2, units: 162 });
	});

	it('never splits an escape sequence across parts: a € at a part end moves to the next part', () => {
		// 306 septets would fit two parts of 153, but the € cannot straddle the boundary.
		const text = `${a(152)}€${a(152)}`;
		expect(segmentCount(text)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306, characters: 305 });
	});
});

describe('segmentCount: UCS-2', () => {
	it('switches the whole text to UCS-2 for one character outside GSM-7 (ç, ’, ş, Cyrillic)', () => {
		for (const text of ['Merci ç', 'We’ll call', 'Beşiktaş', 'Привет']) expect(segmentCount(text).encoding).toBe('UCS-2');
	});

	it('fits 70 units in one SMS, then parts of 67', () => {
		expect(segmentCount('ж'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 });
		expect(segmentCount('ж'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2, units: 71 });
		expect(segmentCount('ж'.repeat(134))).toMatchObject({ segments: 2 });
		expect(segmentCount('ж'.repeat(135))).toMatchObject({ segments: 3 });
	});

	it('counts an emoji as two UTF-16 units but one character', () => {
		expect(segmentCount('Hi Jane 👋')).toEqual({ encoding: 'UCS-2', segments: 1, units: 10, characters: 9 });
		expect(segmentCount('😀'.repeat(35))).toMatchObject({ segments: 1, units: 70, characters: 35 });
		expect(segmentCount('😀'.repeat(36))).toMatchObject({ segments: 2, units: 72, characters: 36 });
	});

	it('never splits a surrogate pair: an emoji at a part end moves to the next part', () => {
		const text = `${'ж'.repeat(66)}😀${'ж'.repeat(66)}`;
		expect(segmentCount(text)).toMatchObject({ encoding: 'UCS-2', segments: 3, units: 134 });
	});
});

describe('segmentCount agrees with the Twilio sandbox (an independent implementation)', () => {
	const alphabet = fc.constantFrom('a', 'Z', ' ', '0', 'é', 'ñ', '\n', '€', '[', '~', '|', 'ç', '’', 'ж', '😀', '👋🏽');
	it('for random texts up to 700 characters', () => {
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 700 }), (parts) => {
				const text = parts.join('');
				const ours = segmentCount(text);
				const sandbox = sandboxSegmentCount(text);
				expect({ encoding: ours.encoding, segments: ours.segments, units: ours.units }).toEqual(sandbox);
			}),
			{ numRuns: 500 },
		);
	});
});
