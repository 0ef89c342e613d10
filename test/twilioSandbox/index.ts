/** The Twilio sandbox for tests and the demo (never part of the published package). */
export { LAST_DIGIT_PHONES, type LastDigitPhone } from './lastDigitPhones';
export { startTwilioSandbox, type SandboxAccountInfo, type TwilioSandbox, type TwilioSandboxOptions } from './server';
export {
	SandboxClientError,
	TwilioSandboxClient,
	type SandboxCall,
	type SandboxCallLeg,
	type SandboxMessage,
	type SandboxRequest,
	type SandboxWebhook,
} from './sandboxClient';
export type { NumberScenario } from './scenarios';
export { isValidTwilioSignature, twilioSignature } from './signature';
export { segmentCount } from './segments';
