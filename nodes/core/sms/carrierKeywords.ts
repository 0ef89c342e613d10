/**
 * The words carriers and Twilio act on when a phone texts them to a business number. They belong
 * to the carrier: the package honours them and never gives them another meaning.
 */

/** Texting one of these stops all texts from the sender (Twilio's default opt-out words). */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'] as const;

/** Texting one of these lets texts through again. */
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;

/** Texting one of these asks for the sender's help text. */
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type CarrierKeywordKind = 'optOut' | 'optIn' | 'help';

/**
 * The carrier's reading of a whole reply: a keyword when the reply is that word alone (any case,
 * with spaces, punctuation or emoji around it), as Twilio matches them; null otherwise. An "@"
 * makes it a command of the package instead ("@cancel" is not CANCEL).
 */
export function carrierKeyword(reply: string): { kind: CarrierKeywordKind; keyword: string } | null {
	const word = reply
		.normalize('NFKC')
		.replace(/[^\p{L}\p{N}@]+/gu, '')
		.toUpperCase();
	if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return { kind: 'optOut', keyword: word };
	if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return { kind: 'optIn', keyword: word };
	if ((HELP_KEYWORDS as readonly string[]).includes(word)) return { kind: 'help', keyword: word };
	return null;
}
