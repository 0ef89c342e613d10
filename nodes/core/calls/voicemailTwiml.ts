import { VoiceResponse } from '../twiml/voiceResponse';
import type { PickedUpBy } from './answeredBy';
import type { SpeechVoice } from './speechVoice';

/** The prerecorded message: an audio file, or a text Twilio reads out. */
export type VoicemailMessage = { kind: 'audio'; url: string } | { kind: 'text'; text: string; voice: SpeechVoice };

/** What happens when a person picks up instead of a machine. */
export type PersonAnswers =
	| { kind: 'liveMessage'; text: string; voice: SpeechVoice }
	| { kind: 'connect'; intro: string; voice: SpeechVoice; business: string; callerId: string; ringSeconds: number }
	| { kind: 'hangUp' };

function playMessage(response: VoiceResponse, message: VoicemailMessage): VoiceResponse {
	return message.kind === 'audio' ? response.play(message.url) : response.say(message.text, message.voice);
}

/**
 * The lead's call once answering machine detection has decided (after the greeting and its
 * beep, with DetectMessageEnd): a machine gets the message, a fax nothing, a person (or a
 * party detection could not tell) the chosen option.
 */
export function voicemailAnsweredTwiml(party: PickedUpBy | null, message: VoicemailMessage, person: PersonAnswers): string {
	const response = new VoiceResponse();
	if (party === 'machine') return playMessage(response, message).hangup().toXml();
	if (party === 'fax') return response.hangup().toXml();
	switch (person.kind) {
		case 'liveMessage':
			return response.say(person.text, person.voice).hangup().toXml();
		case 'connect':
			if (person.intro !== '') response.say(person.intro, person.voice);
			return response
				.dial({ callerId: person.callerId, timeout: person.ringSeconds }, (targets) => {
					targets.number(person.business);
				})
				.hangup()
				.toXml();
		default:
			return response.hangup().toXml();
	}
}
