import { segmentCount } from '../../../../nodes/core/sms/segmentCount';
import { lengthNotice } from '../../../../nodes/core/sms/smsLength';

describe('lengthNotice', () => {
	it('says nothing up to 140 characters', () => {
		expect(lengthNotice(segmentCount('a'.repeat(140)))).toBeNull();
	});

	it('gives a notice past 140 characters, with the segments the text takes', () => {
		expect(lengthNotice(segmentCount('a'.repeat(141)))).toBe(
			'The text is 141 characters; keep it within 140 so it reads as one short message (it goes out as 1 GSM-7 segment).',
		);
		expect(lengthNotice(segmentCount('ж'.repeat(200)))).toContain('3 UCS-2 segments');
	});

	it('accepts 500 characters and refuses 501 with an error, never cutting the text', () => {
		expect(lengthNotice(segmentCount('a'.repeat(500)))).toContain('500 characters');
		expect(() => lengthNotice(segmentCount('a'.repeat(501)))).toThrow(/501 characters, over the 500-character limit .* 4 GSM-7 segments/);
	});

	it('counts an emoji as one character', () => {
		expect(lengthNotice(segmentCount('😀'.repeat(140)))).toBeNull();
		expect(() => lengthNotice(segmentCount('😀'.repeat(501)))).toThrow('501 characters');
	});

	it('counts an emoji sequence (skin tone, flag, ZWJ family) as one character, as a person sees it', () => {
		expect(segmentCount('👍🏽🇺🇸👨‍👩‍👧‍👦').characters).toBe(3);
		expect(lengthNotice(segmentCount('👨‍👩‍👧‍👦'.repeat(140)))).toBeNull();
		expect(lengthNotice(segmentCount('🇺🇸'.repeat(141)))).toBe(
			'The text is 141 characters; keep it within 140 so it reads as one short message (it goes out as 9 UCS-2 segments).',
		);
	});
});
