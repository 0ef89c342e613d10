import type { SpeechVoice } from '../calls/speechVoice';
import { VoiceResponse } from '../twiml/voiceResponse';
import { callbackMenuPrompt, MENU_KEYS, type GatherStep } from './callbackMenu';

/** Seconds Twilio waits for a key before it posts an empty choice. */
export const MENU_KEY_SECONDS = 6;
/** Seconds Twilio waits between keys of a number being keyed in. */
export const NUMBER_KEY_SECONDS = 10;

export interface CallbackMenuGather {
	/** Where Twilio posts the keys (and an empty choice: no key is an answer too). */
	actionUrl: string;
	voice: SpeechVoice;
	/** Said before the offer's menu, e.g. waitAnnouncementText; empty for none. */
	announcement?: string;
}

/**
 * The <Gather> of a menu step, its prompt said inside so a key cuts it short. The offer and the
 * confirmation take one key; a keyed-in number ends with #.
 */
export function callbackMenuTwiml(step: GatherStep, gather: CallbackMenuGather): string {
	const oneKey = step.step !== 'keyNumber';
	const announcement = step.step === 'offer' && step.notice === '' ? (gather.announcement ?? '').trim() : '';
	return new VoiceResponse()
		.gather(
			{
				input: 'dtmf',
				action: gather.actionUrl,
				method: 'POST',
				timeout: oneKey ? MENU_KEY_SECONDS : NUMBER_KEY_SECONDS,
				...(oneKey ? { numDigits: 1 } : { finishOnKey: MENU_KEYS.endNumber }),
				actionOnEmptyResult: true,
			},
			(prompts) => {
				if (announcement !== '') prompts.say(announcement, gather.voice);
				prompts.say(callbackMenuPrompt(step), gather.voice);
			},
		)
		.toXml();
}
