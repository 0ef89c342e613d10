import fc from 'fast-check';

import { OPT_OUT_KEYWORDS } from '../../../../nodes/core/sms/carrierKeywords';
import { readReplyIntent, type ReplyIntent } from '../../../../nodes/core/sms/replyIntent';

type Expected = ReplyIntent['kind'] | Partial<ReplyIntent>;

/** Replies as leads write them, and what each must be read as. */
const REPLIES: Array<[string, Expected]> = [
	// Carrier opt-out words, alone, in any case and dress.
	['STOP', { kind: 'optOut', keyword: 'STOP', cancelsCallback: false }],
	['stop', 'optOut'],
	['Stop.', 'optOut'],
	[' STOP ', 'optOut'],
	['STOP!!!', 'optOut'],
	['stop 🛑', 'optOut'],
	['Stopall', { kind: 'optOut', keyword: 'STOPALL' }],
	['STOP ALL', { kind: 'optOut', keyword: 'STOPALL' }],
	['unsubscribe', { kind: 'optOut', keyword: 'UNSUBSCRIBE' }],
	['CANCEL', { kind: 'optOut', keyword: 'CANCEL', cancelsCallback: true }],
	['cancel', { kind: 'optOut', keyword: 'CANCEL', cancelsCallback: true }],
	['Cancel.', { kind: 'optOut', cancelsCallback: true }],
	['end', { kind: 'optOut', keyword: 'END' }],
	['QUIT', { kind: 'optOut', keyword: 'QUIT' }],
	['opt out', { kind: 'optOut', keyword: 'OPTOUT' }],
	['OPT-OUT', { kind: 'optOut', keyword: 'OPTOUT' }],
	['revoke', { kind: 'optOut', keyword: 'REVOKE' }],
	// Asking to stop in a sentence: treated as an opt-out, never as another command.
	['Please stop texting me', { kind: 'optOut', cancelsCallback: false }],
	['stop texting me!!', 'optOut'],
	['pls STOP', 'optOut'],
	['STOP sending me these', 'optOut'],
	['unsubscribe me please', 'optOut'],
	['quit messaging me', 'optOut'],
	['Please opt out this number', 'optOut'],
	// Opt-in and help.
	['START', { kind: 'optIn', keyword: 'START' }],
	['start', 'optIn'],
	['Yes', { kind: 'optIn', keyword: 'YES' }],
	['YES!', 'optIn'],
	['unstop', { kind: 'optIn', keyword: 'UNSTOP' }],
	['HELP', { kind: 'help', keyword: 'HELP' }],
	['help?', 'help'],
	['info', { kind: 'help', keyword: 'INFO' }],
	// The package's @-commands, with typos and spacing.
	['@status', 'status'],
	['@STATUS', 'status'],
	['@ status', 'status'],
	['@staus', 'status'],
	['@stauts', 'status'],
	['@xyz', 'other'],
	['@stop', 'optOut'],
	['@callmee', 'callMe'],
	['what is my @status', 'status'],
	['@cancel', 'cancel'],
	['@Cancel please', 'cancel'],
	['@cancle', 'cancel'],
	['@cancel 🙏', 'cancel'],
	['@callme', 'callMe'],
	['@call me', 'callMe'],
	['@call-me', 'callMe'],
	['@CALLME now', 'callMe'],
	['@calme', 'callMe'],
	['Hi, @callme when you can', 'callMe'],
	// STATUS, RESCHEDULE and UPDATE as the first word.
	['status', 'status'],
	['STATUS?', 'status'],
	['Status please', 'status'],
	['status of my callback', 'status'],
	['RESCHEDULE', { kind: 'reschedule', when: '' }],
	['reschedule tomorrow 3pm', { kind: 'reschedule', when: 'tomorrow 3pm' }],
	['Reschedule to Monday 10:30', { kind: 'reschedule', when: 'monday 10:30' }],
	['reschedual for tomorrow at 10am', { kind: 'reschedule', when: 'tomorrow at 10am' }],
	['re-schedule friday 2 pm', { kind: 'reschedule', when: 'friday 2 pm' }],
	['RESCHEDULE next tuesday morning', { kind: 'reschedule', when: 'next tuesday morning' }],
	['UPDATE +1 415 555 0123', { kind: 'updateNumber', number: '+1 415 555 0123' }],
	['update my number to (646) 555-0199', { kind: 'updateNumber', number: '(646) 555-0199' }],
	['Update number: 4155550111', { kind: 'updateNumber', number: '4155550111' }],
	['updte 415-555-0100', { kind: 'updateNumber', number: '415-555-0100' }],
	['UPDATE', { kind: 'updateNumber', number: '' }],
	// Everything else.
	['Thanks!', 'other'],
	['ok', 'other'],
	['👍', 'other'],
	['', 'other'],
	['Who is this?', 'other'],
	['Can I cancel my appointment?', 'other'],
	['I will be at the end of the street', 'other'],
	['yes please call me tomorrow', 'other'],
	['Please call me back', 'other'],
	['stopped by yesterday, nobody there', 'other'],
	['my status changed, I moved', 'other'],
	['starting at 5 I am free', 'other'],
];

describe('readReplyIntent', () => {
	it(`reads ${REPLIES.length} replies as leads write them`, () => {
		expect(REPLIES.length).toBeGreaterThanOrEqual(60);
		const wrong = REPLIES.flatMap(([reply, expected]) => {
			const intent = readReplyIntent(reply);
			const wanted = typeof expected === 'string' ? { kind: expected } : expected;
			const matches = Object.entries(wanted).every(([key, value]) => (intent as Record<string, unknown>)[key] === value);
			return matches ? [] : [{ reply, expected: wanted, got: intent }];
		});
		expect(wrong).toEqual([]);
	});

	it('reads every carrier opt-out word alone as an opt-out, whatever the case and dress around it', () => {
		const dressed = fc.tuple(fc.constantFrom(...OPT_OUT_KEYWORDS), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.constantFrom('', ' ', '!', '.', ' 🙂', '\n'));
		fc.assert(
			fc.property(dressed, ([word, upper, around]) => {
				const cased = [...word].map((letter, index) => (upper[index % upper.length] ? letter : letter.toLowerCase())).join('');
				const intent = readReplyIntent(`${around}${cased}${around}`);
				return intent.kind === 'optOut' && intent.keyword === word;
			}),
		);
	});

	it('never reads a carrier opt-out word as one of the package commands', () => {
		fc.assert(
			fc.property(fc.constantFrom(...OPT_OUT_KEYWORDS), fc.string({ maxLength: 20 }), (word, tail) => {
				const intent = readReplyIntent(`${word} ${tail}`);
				return !['status', 'cancel', 'callMe', 'reschedule', 'updateNumber'].includes(intent.kind) || tail.includes('@');
			}),
		);
	});
});
