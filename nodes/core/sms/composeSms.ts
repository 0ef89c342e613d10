import { SmsTextError } from './errors';
import { withOptOutLanguage, type OptOutLanguageRule } from './optOutLanguage';
import { fillPlaceholders, type PlaceholderValues } from './placeholders';
import { segmentCount, type SmsEncoding } from './segmentCount';
import { lengthNotice } from './smsLength';

export interface ComposeSmsInput {
	/** The message with its placeholders marked (`markPlaceholders`) and n8n's expressions resolved. */
	readonly marked: string;
	readonly values: PlaceholderValues;
	readonly optOutLanguage: OptOutLanguageRule;
	/** Whether this number has never had a text from us (unknown counts as first). */
	readonly isFirstMessage: boolean;
	/** Adds to the filled text before the opt-out check, e.g. the success text's survey link. */
	readonly extend?: (text: string) => string;
}

export interface ComposedSms {
	readonly text: string;
	readonly encoding: SmsEncoding;
	readonly segmentCount: number;
	readonly characters: number;
	/** Set when the text is longer than advised; the text is still sent. */
	readonly notice: string | null;
	readonly optOutLanguageAdded: boolean;
}

/** The exact text that goes to the lead, with what Twilio will make of it. */
export function composeSms(input: ComposeSmsInput): ComposedSms {
	const filled = fillPlaceholders(input.marked, input.values).trim();
	if (filled === '') throw new SmsTextError('The message is empty; write the text to send.');
	const extended = input.extend === undefined ? filled : input.extend(filled);
	const { text, added } = withOptOutLanguage(extended, input.optOutLanguage, input.isFirstMessage);
	const segments = segmentCount(text);
	const notice = lengthNotice(segments);
	return {
		text,
		encoding: segments.encoding,
		segmentCount: segments.segments,
		characters: segments.characters,
		notice,
		optOutLanguageAdded: added,
	};
}
