import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';

import { segmentCount, smsCharacters } from '../../../../nodes/core/sms/segmentCount';
import { segmentCount as sandboxSegmentCount } from '../../../twilioSandbox/segments';

const a = (count: number): string => 'a'.repeat(count);

/** Twilio's own calculator (sms-segments-calculator), the oracle: encoding and segments. */
function twilio(text: string): { encoding: string; segments: number } {
	const message = new SegmentedMessage(text);
	return { encoding: message.encodingName, segments: message.segmentsCount };
}

function ours(text: string): { encoding: string; segments: number } {
	const { encoding, segments } = segmentCount(text);
	return { encoding, segments };
}

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

	it('agrees with Twilio at 160 and 161 GSM characters', () => {
		expect(ours(a(160))).toEqual(twilio(a(160)));
		expect(ours(a(161))).toEqual(twilio(a(161)));
		expect(twilio(a(161))).toEqual({ encoding: 'GSM-7', segments: 2 });
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

	it.each(['€', '^', '{', '}', '[', ']', '~', '|', '\\'])('moves %s at the 153-septet boundary to the next part, as Twilio does', (extension) => {
		// Septets 152-153 of part one: the escape and its code cannot be split.
		const straddling = `${a(152)}${extension}${a(152)}`;
		expect(ours(straddling)).toEqual({ encoding: 'GSM-7', segments: 3 });
		expect(ours(straddling)).toEqual(twilio(straddling));
		// Septets 152-153 of a 1-septet-shorter start fit part one exactly.
		const fitting = `${a(151)}${extension}${a(153)}`;
		expect(ours(fitting)).toEqual({ encoding: 'GSM-7', segments: 2 });
		expect(ours(fitting)).toEqual(twilio(fitting));
	});

	it('counts CR LF as two characters, as Twilio does', () => {
		const text = `${a(79)}\r\n${a(79)}`;
		expect(segmentCount(text)).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, characters: 160 });
		expect(ours(`${text}a`)).toEqual(twilio(`${text}a`));
	});
});

describe('segmentCount: UCS-2', () => {
	it('switches the whole text to UCS-2 for one character outside GSM-7 (ç, ’, ş, Cyrillic)', () => {
		for (const text of ['Merci ç', 'We’ll call', 'Beşiktaş', 'Привет']) {
			expect(segmentCount(text).encoding).toBe('UCS-2');
			expect(ours(text)).toEqual(twilio(text));
		}
	});

	it('fits 70 units in one SMS, then parts of 67', () => {
		expect(segmentCount('ж'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 });
		expect(segmentCount('ж'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2, units: 71 });
		expect(segmentCount('ж'.repeat(134))).toMatchObject({ segments: 2 });
		expect(segmentCount('ж'.repeat(135))).toMatchObject({ segments: 3 });
		for (const count of [70, 71, 134, 135]) expect(ours('ж'.repeat(count))).toEqual(twilio('ж'.repeat(count)));
	});

	it('counts an emoji as two UTF-16 units but one character', () => {
		expect(segmentCount('Hi Jane 👋')).toEqual({ encoding: 'UCS-2', segments: 1, units: 10, characters: 9 });
		expect(segmentCount('😀'.repeat(35))).toMatchObject({ segments: 1, units: 70, characters: 35 });
		expect(segmentCount('😀'.repeat(36))).toMatchObject({ segments: 2, units: 72, characters: 36 });
	});

	it('never splits a surrogate pair: an emoji at a part end moves to the next part', () => {
		const text = `${'ж'.repeat(66)}😀${'ж'.repeat(66)}`;
		expect(segmentCount(text)).toMatchObject({ encoding: 'UCS-2', segments: 3, units: 134 });
		expect(ours(text)).toEqual(twilio(text));
	});
});

describe('segmentCount never splits a character as a person sees it, as Twilio', () => {
	it('moves a thumbs up with a skin tone whole to the next part', () => {
		// 65 + 4 = 69 units do not fit a 67-unit part: 👍🏽 (👍 + 🏽) moves whole to part two.
		const text = `${a(65)}👍🏽${a(65)}`;
		expect(twilio(text)).toEqual({ encoding: 'UCS-2', segments: 3 });
		expect(segmentCount(text)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134, characters: 131 });
	});

	it.each([
		['a ZWJ family', '👨‍👩‍👧‍👦', 11],
		['a flag', '🇺🇸', 4],
		['a keycap', '1\ufe0f\u20e3', 3],
		['a heart with its variation selector', '\u2764\ufe0f', 2],
		['a letter with a combining accent', 'e\u0301', 2],
		['a coder with a skin tone', '👩🏽‍💻', 7],
	])('keeps %s (%s) whole at every position around a part boundary', (_, emoji, length) => {
		expect(smsCharacters(emoji)).toEqual([emoji]);
		expect(emoji).toHaveLength(length);
		for (let before = 60; before <= 70; before++) {
			const text = `${'ж'.repeat(before)}${emoji}${'ж'.repeat(140 - before)}`;
			expect(ours(text)).toEqual(twilio(text));
		}
	});

	it('counts the family as one character and 11 units, on both sides of the 67-unit boundary', () => {
		// 56 + 11 = 67 units: the family ends part one exactly.
		expect(segmentCount(`${a(56)}👨‍👩‍👧‍👦${a(67)}`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 134, characters: 124 });
		// 57 + 11 = 68: it moves whole to part two, which then overflows into a third.
		expect(segmentCount(`${a(57)}👨‍👩‍👧‍👦${a(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134, characters: 124 });
		expect(twilio(`${a(56)}👨‍👩‍👧‍👦${a(67)}`).segments).toBe(2);
		expect(twilio(`${a(57)}👨‍👩‍👧‍👦${a(66)}`).segments).toBe(3);
	});

	it('splits ZWJ sequences newer than Unicode 10 between their parts, as the calculator does', () => {
		// 🧑‍🤝‍🧑 (people holding hands, Unicode 12) is three characters to the calculator.
		expect(smsCharacters('🧑‍🤝‍🧑')).toEqual(['🧑‍', '🤝‍', '🧑']);
		const text = `${a(64)}🧑‍🤝‍🧑${a(64)}`;
		expect(ours(text)).toEqual(twilio(text));
	});

	it('counts 70 and 71 UCS-2 units with emoji like Twilio', () => {
		for (const text of [`${'ж'.repeat(66)}👍🏽`, `${'ж'.repeat(67)}👍🏽`, `${'ж'.repeat(59)}👨‍👩‍👧‍👦`, `${'ж'.repeat(60)}👨‍👩‍👧‍👦`]) {
			expect(ours(text)).toEqual(twilio(text));
		}
		expect(ours(`${'ж'.repeat(59)}👨‍👩‍👧‍👦`)).toEqual({ encoding: 'UCS-2', segments: 1 });
		expect(ours(`${'ж'.repeat(60)}👨‍👩‍👧‍👦`)).toEqual({ encoding: 'UCS-2', segments: 2 });
	});

	it('gives a character longer than a whole part a part of its own, like Twilio', () => {
		const zalgo = `e${'\u0301'.repeat(80)}`;
		for (const text of [zalgo, `${a(10)}${zalgo}`, `${a(100)}${zalgo}${a(100)}`, `${a(66)}${zalgo}${zalgo}`]) {
			expect(ours(text)).toEqual(twilio(text));
		}
	});
});

/** Characters of each kind a message may mix. */
const GSM_BASIC = Array.from('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const LINE_BREAKS = ['\n', '\r', '\r\n'];
const GSM_EXTENSION = Array.from('€^{}[]~|\\\f');
const ACCENTED_LATIN = Array.from('çâêîôûëïÿãõáíóúşğıłżźćńřšžčďťňőűÁÍÓÚÂÊÔÇŞ’‘“”…–—').concat(['e\u0301', 'a\u0308', 'n\u0303']);
const CJK = Array.from('日本語中文字漢字한국어가나다ひらがなカタカナ').concat(['\u1100\u1161\u11a8', '\u{20000}', '\u{2A6D6}']);
const EMOJI_BASES = ['👍', '👋', '👨', '👩', '👧', '👦', '🧑', '✌', '☝', '🤝', '💪', '🙏', '👮', '🏃', '🚴'];
const SKIN_TONES = ['🏻', '🏼', '🏽', '🏾', '🏿'];
const PLAIN_EMOJI = ['😀', '🎉', '❤', '❤️', '☺️', '✈️', '🔥', '🚀', '💻', '🌈', '🏳️', '🤖', '🦄', '⭐', '✅'];
const ZWJ_SEQUENCES = ['👨‍👩‍👧‍👦', '👩‍❤️‍💋‍👨', '👨🏽‍💻', '👩🏿‍🚀', '🏳️‍🌈', '🏳️‍⚧️', '🧑‍🤝‍🧑', '❤️‍🔥', '👁️‍🗨️', '🏃‍♀️', '🧑🏾‍🍳', '👩‍👩‍👦'];
const REGIONAL_INDICATORS = Array.from({ length: 26 }, (_, index) => String.fromCodePoint(0x1f1e6 + index));
const KEYCAP_BASES = Array.from('0123456789#*');

const gsmPiece = fc.oneof(
	{ arbitrary: fc.constantFrom(...GSM_BASIC), weight: 20 },
	{ arbitrary: fc.constantFrom(...LINE_BREAKS), weight: 1 },
	{ arbitrary: fc.constantFrom(...GSM_EXTENSION), weight: 4 },
);
const skinToned = fc.tuple(fc.constantFrom(...EMOJI_BASES), fc.constantFrom(...SKIN_TONES)).map(([base, tone]) => base + tone);
const flag = fc.tuple(fc.constantFrom(...REGIONAL_INDICATORS), fc.constantFrom(...REGIONAL_INDICATORS)).map(([first, second]) => first + second);
const keycap = fc.constantFrom(...KEYCAP_BASES).map((base) => `${base}\ufe0f\u20e3`);
/** Any emoji (toned or not) joined to others by ZWJ, including joins no font shows as one. */
const zwjJoined = fc.array(fc.oneof(fc.constantFrom(...EMOJI_BASES, ...PLAIN_EMOJI), skinToned), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('\u200d'));
const emojiPiece = fc.oneof(
	fc.constantFrom(...PLAIN_EMOJI),
	fc.constantFrom(...EMOJI_BASES),
	skinToned,
	flag,
	fc.constantFrom(...REGIONAL_INDICATORS), // a lone regional indicator: pairs form across pieces
	keycap,
	fc.constantFrom(...ZWJ_SEQUENCES),
	zwjJoined,
	fc.constantFrom(...SKIN_TONES, '\u200d', '\ufe0f'), // a modifier, joiner or selector on its own
);
const anyPiece = fc.oneof(
	{ arbitrary: gsmPiece, weight: 12 },
	{ arbitrary: fc.constantFrom(...ACCENTED_LATIN), weight: 2 },
	{ arbitrary: fc.constantFrom(...CJK), weight: 2 },
	{ arbitrary: emojiPiece, weight: 3 },
);

/**
 * A message of 0-600 pieces: either GSM-7 only (basic and extension characters, line breaks),
 * or a mix of those with accented Latin, CJK and emoji sequences.
 */
const message = fc
	.tuple(fc.boolean(), fc.integer({ min: 0, max: 600 }))
	.chain(([gsmOnly, length]) => fc.array(gsmOnly ? gsmPiece : anyPiece, { minLength: length, maxLength: length }))
	.map((pieces) => pieces.join(''));

describe('segmentCount agrees with Twilio’s calculator (sms-segments-calculator)', () => {
	it('on encoding and segments for 5,000 random messages of 0-600 characters', () => {
		fc.assert(
			fc.property(message, (text) => {
				const expected = text === '' ? { encoding: 'GSM-7', segments: 0 } : twilio(text); // Twilio refuses an empty body
				expect(ours(text)).toEqual(expected);
			}),
			{ numRuns: 5000 },
		);
	});

	it('on encoding and segments for random strings of any Unicode code points', () => {
		const anyText = fc.array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\ud83d', '\u0301', '\u0903', '\u200d', '\ufe0f', '\u{1f3fd}', '\u{1f1fa}', '\u1100', '\u1161', '\u11a8', '\u0600')), { maxLength: 200 });
		fc.assert(
			fc.property(anyText, (characters) => {
				const text = characters.join('');
				if (text !== '') expect(ours(text)).toEqual(twilio(text));
			}),
			{ numRuns: 2000 },
		);
	});

	it('and the Twilio sandbox counts the same, units included', () => {
		fc.assert(
			fc.property(message, (text) => {
				const { encoding, segments, units } = segmentCount(text);
				expect(sandboxSegmentCount(text)).toEqual({ encoding, segments, units });
			}),
			{ numRuns: 500 },
		);
	});
});
