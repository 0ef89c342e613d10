import { SmsTextError } from './errors';
import type { SmsSegments } from './segmentCount';

/** Past this many characters a text is long for an SMS: it may arrive in parts and cost more. */
export const ADVISED_MAX_CHARACTERS = 140;
/** The product's hard limit; a longer text is an error, never cut short. */
export const MAX_CHARACTERS = 500;

/**
 * The notice for a long text (null when it is short enough), or an error over the hard limit.
 * A text is never truncated: half a message (a time without its date, a cut-off link) is worse
 * than none.
 */
export function lengthNotice(segments: SmsSegments): string | null {
	if (segments.characters > MAX_CHARACTERS) {
		throw new SmsTextError(
			`The text is ${segments.characters} characters, over the ${MAX_CHARACTERS}-character limit for these texts (it would go out as ${segments.segments} ${segments.encoding} segments). Shorten the message; it is never cut off.`,
		);
	}
	if (segments.characters <= ADVISED_MAX_CHARACTERS) return null;
	return `The text is ${segments.characters} characters; keep it within ${ADVISED_MAX_CHARACTERS} so it reads as one short message (it goes out as ${segments.segments} ${segments.encoding} segment${segments.segments === 1 ? '' : 's'}).`;
}
