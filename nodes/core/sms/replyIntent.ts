import { carrierKeyword, OPT_OUT_KEYWORDS } from './carrierKeywords';

/**
 * What a lead means by a text sent to the business number. Carrier keywords come first and keep
 * their carrier meaning; the package's own commands are words no carrier acts on.
 */
export type ReplyIntent =
	| { kind: 'optOut'; keyword: string; /** CANCEL opts out at the carrier and calls the callback off too. */ cancelsCallback: boolean }
	| { kind: 'optIn'; keyword: string }
	| { kind: 'help'; keyword: string }
	| { kind: 'status' }
	| { kind: 'cancel' }
	| { kind: 'callMe' }
	| { kind: 'reschedule'; /** The time asked for, in the lead's words ("tomorrow 3pm"), or '' when none was given. */ when: string }
	| { kind: 'updateNumber'; /** What followed UPDATE, to be read as a phone number, or '' when nothing did. */ number: string }
	| { kind: 'other' };

/** The package's @-commands, by the name a lead types after "@". */
const AT_COMMANDS: Record<string, 'status' | 'cancel' | 'callMe'> = { status: 'status', cancel: 'cancel', callme: 'callMe' };

/** Lower case, NFKC, emoji and symbols gone, spaces collapsed. */
function normalize(reply: string): string {
	return reply
		.normalize('NFKC')
		.replace(/[^\p{L}\p{N}@+()\-.:/\s]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/**
 * Edits between two short words, a swap of two neighbouring letters counting as one ("cancle"),
 * as typing mistakes usually are (optimal string alignment distance).
 */
function editDistance(a: string, b: string): number {
	const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
		}
	}
	return rows[a.length][b.length];
}

/**
 * The command word closest to `typed` when only one is close enough: exact, or one edit away
 * (two for words of eight letters or more). Ambiguous or distant words match nothing.
 */
function closestCommand<T extends string>(typed: string, commands: Record<string, T>): T | null {
	if (typed in commands) return commands[typed];
	const near = Object.keys(commands).filter((word) => editDistance(typed, word) <= (word.length >= 8 ? 2 : 1));
	return near.length === 1 ? commands[near[0]] : null;
}

/** "@call me", "@ cancel", "@call-me": the @-word with what follows joined up to it. */
function atCommand(text: string): 'status' | 'cancel' | 'callMe' | null {
	const match = /(?:^|\s)@\s?([a-z]+(?:[\s-]?me)?)\b/.exec(text);
	if (match === null) return null;
	return closestCommand(match[1].replace(/[\s-]/g, ''), AT_COMMANDS);
}

/** A reply that reads as "stop texting me" though it is not the bare keyword. */
function asksToStop(original: string, text: string): boolean {
	// A keyword written in capitals inside a sentence is meant as the keyword ("please STOP").
	const capitals = new RegExp(`(?:^|[^A-Za-z])(?:${OPT_OUT_KEYWORDS.filter((word) => word !== 'CANCEL' && word !== 'END').join('|')})(?![A-Za-z])`);
	if (capitals.test(original)) return true;
	return /^@?(?:please\s+)?(?:stop|unsubscribe|opt\s?out)\b/.test(text) || /\b(?:stop|quit)\s+(?:texting|messaging|sending|contacting)\b/.test(text) || /\bunsubscribe\s+me\b/.test(text);
}

/**
 * Reads a lead's text. In order: a carrier keyword alone (the carrier has acted on it already);
 * an @-command anywhere; STATUS, RESCHEDULE or UPDATE as the first word; a sentence asking to stop
 * texts (treated as an opt-out: nobody who asked to stop is texted again); anything else is other.
 */
export function readReplyIntent(reply: string): ReplyIntent {
	const keyword = carrierKeyword(reply);
	if (keyword !== null) {
		if (keyword.kind === 'optOut') return { kind: 'optOut', keyword: keyword.keyword, cancelsCallback: keyword.keyword === 'CANCEL' };
		return { kind: keyword.kind, keyword: keyword.keyword };
	}
	const text = normalize(reply);
	const command = atCommand(text);
	if (command !== null) return { kind: command };

	const [first = '', ...rest] = text.split(' ');
	const word = first.replace(/[^a-z-]/g, '');
	const lead = closestCommand(word.replace(/-/g, ''), { status: 'status', reschedule: 'reschedule', update: 'updateNumber' } as const);
	if (lead === 'status' && rest.length <= 3) return { kind: 'status' };
	if (lead === 'reschedule') return { kind: 'reschedule', when: rest.join(' ').replace(/^(?:to|for|at)\s+/, '').trim() };
	if (lead === 'updateNumber') return { kind: 'updateNumber', number: rest.join(' ').replace(/^(?:my\s+)?(?:number|phone|no\.?)\s*(?:to|is|:)?\s*/, '').trim() };

	if (asksToStop(reply, text)) return { kind: 'optOut', keyword: 'STOP', cancelsCallback: false };
	return { kind: 'other' };
}
