import type { NumberScenario } from './scenarios';

/**
 * Demo phones: with `startTwilioSandbox({ phonesByLastDigit: true })`, a number that has no
 * scenario of its own behaves by its last digit, so a person trying the demo can pick what
 * happens just by the number they type into the callback form. A number given its own
 * scenario keeps it.
 */

/** One line of the rule, as the demo's form and the sandbox's page show it. */
export interface LastDigitPhone {
	/** The last digits this line covers. */
	digits: readonly string[];
	/** How pages name those digits: "Ends in 7", …, "Any other digit". */
	ending: string;
	/** What the phone does, in words. */
	behaviour: string;
}

/** Seconds a demo phone rings before a person or an answering machine picks up. */
const RINGS_FOR = 3;
/** Seconds a person talks once the call bridges them to someone. */
const TALKS_FOR = 20;

interface Rule extends LastDigitPhone {
	scenario: Omit<NumberScenario, 'number'>;
}

/** Every digit no other line takes. */
const PERSON_ANSWERS: Rule = {
	digits: ['0', '1', '2', '3', '4', '5', '6'],
	ending: 'Any other digit',
	behaviour: `A person answers after ${RINGS_FOR} s and, once connected, talks for ${TALKS_FOR} s.`,
	scenario: { answerAfter: RINGS_FOR, talkFor: TALKS_FOR },
};

const RULES: readonly Rule[] = [
	{ digits: ['7'], ending: 'Ends in 7', behaviour: 'Nobody answers: it rings out.', scenario: { noAnswer: true } },
	{
		digits: ['8'],
		ending: 'Ends in 8',
		behaviour: `Voicemail picks up after ${RINGS_FOR} s: a greeting, then a beep.`,
		scenario: { answerAfter: RINGS_FOR, voicemail: true },
	},
	{ digits: ['9'], ending: 'Ends in 9', behaviour: 'Busy.', scenario: { busy: true } },
	PERSON_ANSWERS,
];

/** The rule in words, one line per ending, for the demo's form text and the sandbox's page. */
export const LAST_DIGIT_PHONES: readonly LastDigitPhone[] = RULES.map(({ digits, ending, behaviour }) => ({ digits, ending, behaviour }));

/** The scenario a number without one of its own gets under the rule. */
export function lastDigitScenario(number: string): NumberScenario {
	const lastDigit = /(\d)\D*$/.exec(number)?.[1];
	const rule = RULES.find((candidate) => lastDigit !== undefined && candidate.digits.includes(lastDigit)) ?? PERSON_ANSWERS;
	return { number, ...rule.scenario };
}
