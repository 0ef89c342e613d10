import type { SpeechVoice } from '../calls/speechVoice';
import { VoiceResponse } from '../twiml/voiceResponse';
import type { RingTeam } from './ringTeam';

/** How the node answers an incoming call and rings its team. */
export interface RingTeamCall {
	team: RingTeam;
	/** Said before the first ring, as typed; empty for none. */
	greeting: string;
	voice: SpeechVoice;
	/**
	 * Requested on a team member's leg once they pick up, before the caller is joined (the
	 * whisper, e.g. agentWhisperTwiml); null to join at once.
	 */
	whisperUrl: string | null;
	/** Caller ID the team sees; null shows the caller's own number (Twilio's default). */
	callerId: string | null;
}

/**
 * The document that rings the team from `position`: the greeting (at position 0 only), then one
 * <Dial> that comes back to `dialDoneUrl` when it ends. One by one, it rings the member at
 * `position`; all at once, every member in one <Dial> (position 0 only). Ask afterTeamDial what
 * follows, and call this again with the next position.
 */
export function ringTeamTwiml(call: RingTeamCall, position: number, dialDoneUrl: string): string {
	const { team } = call;
	const last = team.order === 'all-at-once' ? 0 : team.numbers.length - 1;
	if (!Number.isInteger(position) || position < 0 || position > last) throw new RangeError(`No team number to ring at position ${position}`);
	const response = new VoiceResponse();
	const greeting = call.greeting.trim();
	if (position === 0 && greeting !== '') response.say(greeting, call.voice);
	const rung = team.order === 'all-at-once' ? team.numbers : [team.numbers[position]];
	const whisper = call.whisperUrl === null ? {} : { url: call.whisperUrl, method: 'POST' as const };
	return response
		.dial({ action: dialDoneUrl, method: 'POST', ...(call.callerId === null ? {} : { callerId: call.callerId }), timeout: team.ringSeconds }, (targets) => {
			for (const number of rung) targets.number(number, whisper);
		})
		.toXml();
}
