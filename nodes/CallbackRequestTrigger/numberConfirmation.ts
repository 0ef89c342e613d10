import { NodeOperationError, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

import {
	checkConfirmationToken,
	codeMatches,
	CONFIRMATION_CODE_FIELD,
	CONFIRMATION_MESSAGES,
	CONFIRMATION_TOKEN_FIELD,
	DEFAULT_CODE_VALID_MINUTES,
	DEFAULT_MAX_CODE_TRIES,
	issueConfirmation,
	newConfirmationCode,
	readTypedCode,
	submissionDigest,
} from '../core/abuse/numberConfirmation';
import { takeSlot, type Counter } from '../core/abuse/rateLimit';
import { parseLeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { parseCallingWindow } from '../core/schedule/callingWindow';
import { leadLocalTimeText } from '../core/schedule/leadLocalTime';
import { decideLeadWindow } from '../core/schedule/leadWindow';
import { twilioErrorCode } from '../transport/twilioApiError';
import { createMessage } from '../transport/twilioMessages';
import { DEFAULT_CODE_TEXT } from './description/confirmation.properties';
import { ensureFormSecret, singleString } from './formTiming';
import { openCounterStore, type RateLimitSettings } from './rateLimits';

/** Twilio's codes for a number that cannot get this text: opted out, or not a number that takes texts. */
const OPTED_OUT = 21610;
const NOT_TEXTABLE = new Set([21211, 21214, 21408, 21612, 21614]);

export interface ConfirmationSettings {
	from: string;
	text: string;
	businessName: string;
	validMinutes: number;
	maxTries: number;
	secret: () => string;
	formId: string;
	counters: RateLimitSettings;
}

/** Fields the digest leaves out besides the confirmation's own: they only carry one-time checks. */
export type CheckFields = readonly string[];

/** The trigger's number confirmation, or null when it is off. Settings that cannot work fail with what to fix. */
export function readConfirmationSettings(context: IWebhookFunctions, counters: RateLimitSettings | null, businessName: string): ConfirmationSettings | null {
	if (context.getNodeParameter('confirmNumber', 'off') !== 'textCode') return null;
	if (counters === null) {
		throw new NodeOperationError(context.getNode(), "Confirm the Lead's Number needs Rate Limits on: codes tried and confirmations used are counted in the Rate Limit Table.", {
			description: 'Set Rate Limits to "On (Counted in a Data Table)", or turn Confirm the Lead\'s Number off.',
		});
	}
	const fromText = String(context.getNodeParameter('confirmationFrom', '') ?? '').trim();
	const from = parseLeadPhoneNumber(fromText, { defaultCountry: 'US', allowedCountries: [] });
	if (!from.ok) {
		throw new NodeOperationError(context.getNode(), `Send Codes From: "${fromText}" is not a phone number. Enter your Twilio number in international format, e.g. +14155550100.`);
	}
	const node = context.getNode();
	return {
		from: from.e164,
		text: String(context.getNodeParameter('confirmationText', DEFAULT_CODE_TEXT) ?? '').trim() || DEFAULT_CODE_TEXT,
		businessName,
		validMinutes: DEFAULT_CODE_VALID_MINUTES,
		maxTries: DEFAULT_MAX_CODE_TRIES,
		secret: () => ensureFormSecret(context.getWorkflowStaticData('node')),
		formId: `${node.id || node.name}/${String(context.getNodeParameter('path', '') ?? '')}/confirm`,
		counters,
	};
}

/** Whether a submission is the second step: it carries a confirmation token. */
export function isConfirmationStep(body: IDataObject): boolean {
	return CONFIRMATION_TOKEN_FIELD in body;
}

export type CodeSent =
	| { sent: true; token: string; expiresAt: number }
	| { sent: false; status: number; error: 'outside-texting-hours' | 'timezone-unknown' | 'number-cannot-be-texted' | 'opted-out' | 'code-not-sent'; message: string; retryAt?: number };

function codeText(settings: ConfirmationSettings, code: string): string {
	const text = settings.text.replace(/\{\{\s*business\s*\}\}/g, settings.businessName.trim() || 'us');
	return /\{\{\s*code\s*\}\}/.test(text) ? text.replace(/\{\{\s*code\s*\}\}/g, code) : `${text} Code: ${code}`;
}

/**
 * Texts a new code to the lead, inside the lead's texting hours only (the one window check every
 * node that texts asks), and returns the token for the page. Twilio's refusal of the number
 * (opted out, not a mobile) is an answer for the person, not a failure of the workflow.
 */
export async function sendConfirmationCode(
	context: IWebhookFunctions,
	settings: ConfirmationSettings,
	request: { callbackId: string; phone: string; timezone: string | null; digest: string; now: number },
): Promise<CodeSent> {
	const window = decideLeadWindow({
		now: request.now,
		itemTimezone: request.timezone,
		phoneE164: request.phone,
		rules: { window: parseCallingWindow(), unknownLeadTimezone: 'doNotCall', businessTimezone: 'UTC' },
		contact: 'texting',
	});
	if (!window.allowed) {
		if (window.reason === 'timezone-unknown') {
			return { sent: false, status: 422, error: 'timezone-unknown', message: 'We could not tell your local time from this number, so we cannot text you a code. Please call us instead.' };
		}
		const opens = window.opensAt === null || window.leadZone === null ? '' : ` Please send the form again from ${leadLocalTimeText(window.opensAt, window.leadZone)}.`;
		return {
			sent: false,
			status: 409,
			error: 'outside-texting-hours',
			message: `We only text between 8:00 AM and 9:00 PM your time, so we cannot send your code now.${opens}`,
			...(window.opensAt === null ? {} : { retryAt: window.opensAt }),
		};
	}
	const code = newConfirmationCode();
	const issued = issueConfirmation({ secret: settings.secret(), formId: settings.formId, callbackId: request.callbackId, code, digest: request.digest, now: request.now, validMinutes: settings.validMinutes });
	try {
		await createMessage.call(context, { to: request.phone, from: settings.from, body: codeText(settings, code) });
	} catch (error) {
		const twilioCode = twilioErrorCode(error);
		if (twilioCode === OPTED_OUT) {
			return { sent: false, status: 422, error: 'opted-out', message: `This number has asked us not to text it. Text START to ${settings.from} first, then send the form again.` };
		}
		if (twilioCode !== null && NOT_TEXTABLE.has(twilioCode)) {
			return { sent: false, status: 422, error: 'number-cannot-be-texted', message: 'We cannot text a code to this number. Please use a mobile number.' };
		}
		// Anything else (Twilio down, the credential refused) is the business's to fix: logged for
		// them, and the person is asked to try again shortly. Nothing starts.
		context.logger?.error(`Callback Request Trigger could not text a confirmation code: ${(error as Error).message}`);
		return { sent: false, status: 503, error: 'code-not-sent', message: 'We could not text you a code just now. Please try again in a minute.', retryAt: request.now + 60_000 };
	}
	return { sent: true, token: issued.token, expiresAt: issued.expiresAt };
}

export type ConfirmationCheck =
	| { confirmed: true; callbackId: string; firstUse: boolean }
	| { confirmed: false; status: number; error: string; message: string; /** The page may ask for the code again with the same token. */ askAgain: boolean };

/** This confirmation's own counter: one row per callback, made on first use. */
function confirmationCounter(settings: ConfirmationSettings, kind: 'tries' | 'use', callbackId: string): Counter<string> {
	const max = kind === 'tries' ? settings.maxTries : 1;
	return { key: `${settings.counters.scope}:confirm-${kind}:${callbackId}`, name: kind, max, windowMs: 2 * settings.validMinutes * 60_000 };
}

/**
 * The second step: the token is checked first (ours, these answers, in time), then one try is
 * counted, then the code compared; a right code is used once, so the same confirmation sent
 * twice starts one execution (the second is answered like a duplicate).
 */
export async function checkConfirmation(context: IWebhookFunctions, settings: ConfirmationSettings, body: IDataObject, checkFields: CheckFields, now: number): Promise<ConfirmationCheck> {
	const token = checkConfirmationToken({ secret: settings.secret(), formId: settings.formId, token: singleString(body[CONFIRMATION_TOKEN_FIELD]), digest: submissionDigest(body, checkFields), now });
	if (!token.ok) return { confirmed: false, status: token.problem === 'expired' ? 410 : 422, error: `confirmation-${token.problem}`, message: token.message, askAgain: false };
	const typed = readTypedCode(singleString(body[CONFIRMATION_CODE_FIELD]));
	if (typed === null) return { confirmed: false, status: 422, error: 'confirmation-code-missing', message: CONFIRMATION_MESSAGES['no-code'], askAgain: true };

	const store = await openCounterStore(context, settings.counters);
	const tries = await takeSlot(store, [confirmationCounter(settings, 'tries', token.callbackId)], now);
	if (!tries.admitted) return { confirmed: false, status: 429, error: 'confirmation-too-many-tries', message: CONFIRMATION_MESSAGES['too-many-tries'], askAgain: false };
	if (!codeMatches(settings.secret(), settings.formId, token, typed)) {
		return { confirmed: false, status: 422, error: 'confirmation-wrong-code', message: CONFIRMATION_MESSAGES['wrong-code'], askAgain: true };
	}
	const use = await takeSlot(store, [confirmationCounter(settings, 'use', token.callbackId)], now);
	return { confirmed: true, callbackId: token.callbackId, firstUse: use.admitted };
}
