import type { BridgeOutcome } from './bridgeOutcome';
import { spokenText } from './spokenText';

/** What the agent hears when no key (or another key than 1) was pressed. */
export const NOT_ACCEPTED_MESSAGE = 'The callback was not connected. Goodbye.';

/** What the agent hears once the call with the lead is over or could not be made. */
export function afterDialMessage(outcome: BridgeOutcome, leadName: string): string {
	const name = spokenText(leadName, 60);
	const who = name === '' ? 'The lead' : name;
	if (outcome.connected) return 'The call has ended. Goodbye.';
	switch (outcome.outcome) {
		case 'lead-busy':
			return `${who} was busy. The callback was not connected. Goodbye.`;
		case 'lead-voicemail':
			return `${who}'s voicemail answered, so the callback was not connected. Goodbye.`;
		case 'lead-failed':
			return `The call to ${name === '' ? 'the lead' : name} could not be placed. Goodbye.`;
		case 'canceled':
			return 'The callback was canceled. Goodbye.';
		case 'outside-calling-window':
			return `It is now outside ${name === '' ? "the lead's" : `${name}'s`} calling hours, so they will not be called now. Goodbye.`;
		default:
			return `${who} did not answer. The callback was not connected. Goodbye.`;
	}
}
