import { segmentCount } from '../../twilioSandbox/segments';

describe('segmentCount', () => {
	it.each([
		['empty body', '', 'GSM-7', 0],
		['160 GSM-7 characters fit one SMS', 'a'.repeat(160), 'GSM-7', 1],
		['161 need two parts of 153', 'a'.repeat(161), 'GSM-7', 2],
		['306 fill two parts exactly', 'a'.repeat(306), 'GSM-7', 2],
		['307 need a third part', 'a'.repeat(307), 'GSM-7', 3],
		['GSM accents stay GSM-7', 'Ça coûte 5€ à Zürich', 'UCS-2', 1],
		['accents of the GSM table', 'èéùìòÇØøÅåÄÖÑÜäöñüà', 'GSM-7', 1],
		['70 UCS-2 characters fit one SMS', 'ж'.repeat(70), 'UCS-2', 1],
		['71 need two parts of 67', 'ж'.repeat(71), 'UCS-2', 2],
		['134 fill two parts exactly', 'ж'.repeat(134), 'UCS-2', 2],
		['135 need a third part', 'ж'.repeat(135), 'UCS-2', 3],
	])('%s', (_, body, encoding, segments) => {
		expect(segmentCount(body)).toMatchObject({ encoding, segments });
	});

	it('counts GSM extension characters as two septets', () => {
		expect(segmentCount('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
		expect(segmentCount(`${'€'.repeat(80)}a`)).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
		expect(segmentCount('{}[]~|^\\').units).toBe(16);
	});

	it('never splits an escape sequence across parts', () => {
		// 306 septets would fill two parts of 153, but the '€' (escape + code) would straddle
		// septet 153: it moves to part two, which then overflows into a third.
		const body = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
		expect(segmentCount(body)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
	});

	it('counts an emoji as two UTF-16 units and never splits the pair', () => {
		expect(segmentCount('👍')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
		expect(segmentCount('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
		// 134 units would fill two 67-unit parts, but the emoji cannot start at unit 67: it moves to
		// part two, which then overflows into a third.
		const body = `${'ж'.repeat(66)}😀${'ж'.repeat(66)}`;
		expect(segmentCount(body)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 });
	});

	it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
		expect(segmentCount(`${'a'.repeat(100)}’`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 101 });
	});
});
