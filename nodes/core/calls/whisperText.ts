import { sentence, spokenText } from './spokenText';

/** Longest parts of a whisper: the agent hears it before every callback, so it stays short. */
export const WHISPER_LIMITS = {
	name: 60,
	reason: 160,
	contextEntries: 5,
	contextKey: 30,
	contextValue: 80,
} as const;

export const DEFAULT_ACCEPT_PROMPT = 'Press 1 to connect.';

export interface WhisperInput {
	/** The lead's name as the form gave it; empty when unknown. */
	leadName: string;
	/** Why the lead asked for a call; empty when not given. */
	reason: string;
	/** Notes kept with the callback (Tag Router's context), read out as "key: value". */
	context?: Readonly<Record<string, unknown>>;
	/** What the agent must do to take the call. */
	acceptPrompt?: string;
}

/**
 * What the business hears when it picks up, before anyone is connected:
 * "Callback request from Jane Doe about billing. Press 1 to connect."
 * Every part that came from a form is one line and length-capped.
 */
export function whisperText(input: WhisperInput): string {
	const name = spokenText(input.leadName, WHISPER_LIMITS.name);
	const reason = spokenText(input.reason, WHISPER_LIMITS.reason);
	let text = `Callback request from ${name === '' ? 'a lead' : name}`;
	text += reason === '' ? '.' : ` about ${sentence(reason)}`;
	const notes = contextNotes(input.context ?? {});
	if (notes !== '') text += ` Notes: ${sentence(notes)}`;
	const prompt = spokenText(input.acceptPrompt ?? DEFAULT_ACCEPT_PROMPT, 120);
	return `${text} ${prompt === '' ? DEFAULT_ACCEPT_PROMPT : prompt}`;
}

function contextNotes(context: Readonly<Record<string, unknown>>): string {
	const notes: string[] = [];
	for (const [key, value] of Object.entries(context)) {
		if (notes.length >= WHISPER_LIMITS.contextEntries) break;
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
		const label = spokenText(key.replace(/[_-]+/g, ' '), WHISPER_LIMITS.contextKey);
		const said = spokenText(typeof value === 'boolean' ? (value ? 'yes' : 'no') : value, WHISPER_LIMITS.contextValue);
		if (label !== '' && said !== '') notes.push(`${label}: ${said}`);
	}
	return notes.join('; ');
}
