/** How Twilio speaks a text: a voice name (`Polly.Joanna`, `alice`) and a language (`en-US`). Empty: Twilio's default. */
export interface SpeechVoice {
	voice?: string;
	language?: string;
}

const VOICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export class SpeechVoiceError extends Error {}

/** Checks a voice and language as typed in a node; both are attributes of <Say>. */
export function speechVoice(voice: string, language: string): SpeechVoice {
	const name = voice.trim();
	const tag = language.trim();
	if (name !== '' && !VOICE_NAME.test(name)) throw new SpeechVoiceError(`Voice "${name}" is not a Twilio voice name, e.g. Polly.Joanna or alice`);
	if (tag !== '' && !LANGUAGE_TAG.test(tag)) throw new SpeechVoiceError(`Language "${tag}" is not a language tag, e.g. en-US`);
	return { ...(name === '' ? {} : { voice: name }), ...(tag === '' ? {} : { language: tag }) };
}

/** An absolute http(s) URL Twilio can fetch audio from; `label` names the setting in the error. */
export function audioUrl(value: string, label: string): string {
	const text = value.trim();
	const url = URL.canParse(text) ? new URL(text) : null;
	if (url === null) throw new SpeechVoiceError(`${label} "${text}" is not a URL; give the https:// address of an MP3 or WAV file`);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SpeechVoiceError(`${label} must be an http(s) URL of an MP3 or WAV file, not ${url.protocol}`);
	return url.toString();
}
