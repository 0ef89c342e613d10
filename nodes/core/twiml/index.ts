export { escapeXmlAttribute, escapeXmlText, withoutIllegalXmlCharacters } from './xmlEscape';
export {
	DialTargets,
	GatherPrompts,
	VoiceResponse,
	type DialOptions,
	type DialRecording,
	type GatherOptions,
	type NumberOptions,
	type PauseOptions,
	type PlayOptions,
	type RedirectOptions,
	type SayOptions,
	type TwimlMethod,
} from './voiceResponse';
