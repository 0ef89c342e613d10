import fc from 'fast-check';

import { spokenText, whisperText, WHISPER_LIMITS } from '../../../../nodes/core/calls';

describe('whisperText', () => {
	it('says who asked and why, then how to accept', () => {
		expect(whisperText({ leadName: 'Jane Doe', reason: 'billing' })).toBe('Callback request from Jane Doe about billing. Press 1 to connect.');
	});

	it('does without a name or a reason', () => {
		expect(whisperText({ leadName: '', reason: '' })).toBe('Callback request from a lead. Press 1 to connect.');
		expect(whisperText({ leadName: '  ', reason: 'a leaking tap!' })).toBe('Callback request from a lead about a leaking tap! Press 1 to connect.');
	});

	it('reads up to five notes as "key: value", skipping what is not text, a number or yes/no', () => {
		const text = whisperText({
			leadName: 'Jane',
			reason: 'billing.',
			context: { plan_type: 'gold', budget: 5000, urgent: true, nested: { a: 1 }, empty: '', a: '1', b: '2', c: '3' },
			acceptPrompt: 'Press 1 to take the call.',
		});
		expect(text).toBe('Callback request from Jane about billing. Notes: plan type: gold; budget: 5000; urgent: yes; a: 1; b: 2. Press 1 to take the call.');
	});

	it('keeps every part from a form on one line and within its length', () => {
		const long = `Jane ${'Abcdefghij '.repeat(20)}`;
		const text = whisperText({ leadName: `${long}\n\r\t</Say>`, reason: `billing\u0000 ${'x'.repeat(400)}` });
		expect(text).not.toMatch(/[\n\r\t\u0000]/);
		const name = /^Callback request from (.*) about /.exec(text)?.[1] ?? '';
		expect(name.length).toBeLessThanOrEqual(WHISPER_LIMITS.name);
		expect(text.length).toBeLessThan(WHISPER_LIMITS.name + WHISPER_LIMITS.reason + 80);
	});

	it('is bounded for any input (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 1000 }), fc.string({ unit: 'binary', maxLength: 1000 }), fc.dictionary(fc.string(), fc.string({ maxLength: 300 })), (leadName, reason, context) => {
				const text = whisperText({ leadName, reason, context });
				const bound = 40 + WHISPER_LIMITS.name + WHISPER_LIMITS.reason + WHISPER_LIMITS.contextEntries * (WHISPER_LIMITS.contextKey + WHISPER_LIMITS.contextValue + 4) + 140;
				expect(text.length).toBeLessThanOrEqual(bound);
				expect(text).toMatch(/^Callback request from /);
				expect(text).not.toMatch(/[\u0000-\u001F]/);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('spokenText', () => {
	it('cuts at a word and drops trailing punctuation', () => {
		expect(spokenText('one two three four', 12)).toBe('one two');
		expect(spokenText('abcdefghijklmnop', 5)).toBe('abcde');
		expect(spokenText(null, 5)).toBe('');
		expect(spokenText(42, 5)).toBe('42');
	});
});
