import { OPT_OUT_KEYWORDS } from './carrierKeywords';

/**
 * Opt-out wording in SMS. Carriers and Twilio expect the first text to a number to say how to
 * stop further texts; later texts need not repeat it.
 */

/** What is added to a text that has no opt-out wording of its own. */
export const OPT_OUT_NOTICE = 'Reply STOP to opt out.';

// The carrier's opt-out words (carrierKeywords.ts). Written in capitals in a text they read as an
// instruction ("Text STOP"), in lower case they are ordinary words ("we will stop by"), so only
// the capitalised form counts on its own.

const INSTRUCTION = new RegExp(`\\b(?:reply|text|txt|send|respond)(?:\\s+with)?\\s+["'“‘]?(?:${OPT_OUT_KEYWORDS.join('|')})\\b`, 'i');
const CAPITAL_KEYWORD = new RegExp(`(?:^|[^A-Za-z])(?:${OPT_OUT_KEYWORDS.filter((word) => word.length > 3).join('|')})(?![A-Za-z])`);
const PHRASES = /\bopt[\s-]?out\b|\bunsubscribe\b/i;

/** Whether the text already tells the lead how to stop texts ("Reply STOP", "opt out", "unsubscribe"). */
export function hasOptOutLanguage(text: string): boolean {
	return INSTRUCTION.test(text) || CAPITAL_KEYWORD.test(text) || PHRASES.test(text);
}

export type OptOutLanguageRule = 'firstMessage' | 'everyMessage' | 'never';

/**
 * The text as it goes out: with the opt-out notice on its own line when the rule asks for it
 * and the text has no opt-out wording yet. `firstMessage` adds it only on the first text to a
 * number; `everyMessage` on every text; `never` leaves the text as written.
 */
export function withOptOutLanguage(text: string, rule: OptOutLanguageRule, isFirstMessage: boolean): { text: string; added: boolean } {
	const wanted = rule === 'everyMessage' || (rule === 'firstMessage' && isFirstMessage);
	if (!wanted || hasOptOutLanguage(text)) return { text, added: false };
	return { text: `${text.trimEnd()}\n${OPT_OUT_NOTICE}`, added: true };
}
