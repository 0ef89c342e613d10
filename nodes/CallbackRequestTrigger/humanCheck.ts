import type { IDataObject, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import {
	DEFAULT_MIN_SCORE,
	humanCheckRequest,
	readHumanCheckAnswer,
	type HumanCheckFailureReason,
	type HumanCheckProvider,
} from '../core/abuse/humanCheck';
import { PROVIDER_FACTS } from '../core/abuse/humanCheckProviders';
import type { FormHumanCheck } from '../core/form/renderCallbackFormPage';

/**
 * The trigger's "are you human" check. When the business turns it on, every submission (from
 * the hosted form or a funnel's JSON post) must carry the token the provider's widget made, and
 * the provider must confirm it before anything is stored or any workflow starts. The check fails
 * closed: a missing or refused token is sent back to the lead with a message, and when the
 * provider cannot be asked the lead is asked to try again later; nothing is ever let through
 * unchecked.
 */

/** The trigger's Human Check parameter. reCAPTCHA's v2 or v3 comes from its credential. */
export type HumanCheckChoice = 'none' | 'turnstile' | 'hcaptcha' | 'recaptcha';

export const HUMAN_CHECK_CREDENTIALS: Readonly<Record<Exclude<HumanCheckChoice, 'none'>, string>> = {
	turnstile: 'callbackTurnstileApi',
	hcaptcha: 'callbackHCaptchaApi',
	recaptcha: 'callbackRecaptchaApi',
};

/** The JSON field a funnel may send the token in, whatever the provider. */
export const HUMAN_CHECK_TOKEN_KEY = 'humanCheckToken';

/**
 * Fields that carry a widget's token, never anything about the lead: they are kept out of the
 * callback's custom data (a token is up to 2,048 characters and means nothing once checked).
 */
export const HUMAN_CHECK_TOKEN_FIELDS: readonly string[] = [
	...new Set(Object.values(PROVIDER_FACTS).map((facts) => facts.tokenField)),
	HUMAN_CHECK_TOKEN_KEY,
];

/** No provider issues tokens anywhere near this long; longer ones are refused without asking. */
export const MAX_TOKEN_LENGTH = 8192;

/** How long the provider may take to answer before the lead is asked to try again. */
export const VERIFY_TIMEOUT_MS = 10_000;

/** What a lead is told to wait for when the provider cannot be reached, in seconds. */
export const RETRY_AFTER_SECONDS = 60;

export interface HumanCheckSettings {
	provider: HumanCheckProvider;
	siteKey: string;
	secretKey: string;
	/** The provider's siteverify address, or a local stand-in for tests. */
	verifyUrl: string;
	/** reCAPTCHA v3 only. */
	minScore: number;
	/** Where the widget may have run. Empty: the host the request came to. */
	hostnames: string[];
}

interface HumanCheckCredential {
	siteKey?: string;
	secretKey?: string;
	verifyUrl?: string;
	version?: 'v2' | 'v3';
	minScore?: number;
}

/** "www.example.com, Example.com." → ['www.example.com', 'example.com']. */
export function parseHostnames(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\s,]+/)
				.map((name) => name.trim().toLowerCase().replace(/\.$/, ''))
				.filter((name) => name !== ''),
		),
	];
}

/** The trigger's human check, with its credential, or null when it is off. */
export async function readHumanCheckSettings(context: IWebhookFunctions): Promise<HumanCheckSettings | null> {
	const choice = context.getNodeParameter('humanCheck', 'none') as HumanCheckChoice;
	if (choice === 'none' || !(choice in HUMAN_CHECK_CREDENTIALS)) return null;
	const credential = await context.getCredentials<HumanCheckCredential>(HUMAN_CHECK_CREDENTIALS[choice]);
	const provider: HumanCheckProvider = choice === 'recaptcha' ? (credential.version === 'v3' ? 'recaptcha-v3' : 'recaptcha-v2') : choice;
	const minScore = Number(credential.minScore ?? DEFAULT_MIN_SCORE);
	return {
		provider,
		siteKey: String(credential.siteKey ?? '').trim(),
		secretKey: String(credential.secretKey ?? ''),
		verifyUrl: String(credential.verifyUrl ?? '').trim() || PROVIDER_FACTS[provider].verifyUrl,
		minScore: Number.isFinite(minScore) ? minScore : DEFAULT_MIN_SCORE,
		hostnames: parseHostnames(String(context.getNodeParameter('humanCheckHostnames', '') ?? '')),
	};
}

/** What the hosted form needs to show the widget: never the secret. */
export function formHumanCheck(settings: HumanCheckSettings | null): FormHumanCheck | undefined {
	return settings ? { provider: settings.provider, siteKey: settings.siteKey } : undefined;
}

function singleString(value: unknown): string | undefined {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	return typeof single === 'string' && single.trim() !== '' ? single.trim() : undefined;
}

/** The token in the provider's own field (as the widget posts it), else in `humanCheckToken`. */
export function submittedToken(body: IDataObject, provider: HumanCheckProvider): string | undefined {
	return singleString(body[PROVIDER_FACTS[provider].tokenField]) ?? singleString(body[HUMAN_CHECK_TOKEN_KEY]);
}

/** The hostname of a Host header: "Example.com:5678" → "example.com", "[::1]:5678" → "::1". */
export function requestHostname(host: string | undefined): string | undefined {
	if (!host || /[\s/?#@]/.test(host)) return undefined;
	try {
		const hostname = new URL(`http://${host}`).hostname.toLowerCase();
		return hostname.replace(/^\[(.*)\]$/, '$1') || undefined;
	} catch {
		return undefined;
	}
}

export type HumanCheckOutcome =
	| { passed: true; score?: number }
	| {
			passed: false;
			/** 422: the lead can do the check again. 503: the provider could not answer, or the setup is wrong. */
			status: 422 | 503;
			/** For JSON clients. */
			error: 'human-check-failed' | 'human-check-unavailable';
			reason: HumanCheckFailureReason;
			/** For the person at the form. */
			message: string;
			/** The provider's own codes, for the business owner's logs. */
			errorCodes: string[];
			headers: Record<string, string>;
	  };

/** What the provider itself answers when no token, or nonsense, is sent: no need to ask it. */
function refusedWithoutAsking(provider: HumanCheckProvider, code: 'missing-input-response' | 'invalid-input-response'): HumanCheckOutcome {
	return outcomeOf(readHumanCheckAnswer(provider, { success: false, 'error-codes': [code] }));
}

function outcomeOf(result: ReturnType<typeof readHumanCheckAnswer>): HumanCheckOutcome {
	if (result.passed) return result;
	const unavailable = result.reason === 'provider-error';
	return {
		passed: false,
		status: unavailable ? 503 : 422,
		error: unavailable ? 'human-check-unavailable' : 'human-check-failed',
		reason: result.reason,
		message: result.message,
		errorCodes: result.errorCodes,
		headers: unavailable ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {},
	};
}

function parsedAnswer(body: unknown): unknown {
	if (typeof body !== 'string') return Buffer.isBuffer(body) ? parsedAnswer(body.toString('utf8')) : body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

export interface HumanCheckRequestFacts {
	/** The lead's address, sent to the provider as `remoteip`. */
	ip?: string;
	/** The Host header: the hostname the widget must have run on, unless the trigger names others. */
	host?: string;
}

/**
 * Asks the provider about the submission's token with n8n's HTTP client. An answer that cannot
 * be read, a 5xx, a timeout or a network error is an outage: 503, never a pass.
 */
export async function checkHuman(
	context: IWebhookFunctions,
	settings: HumanCheckSettings,
	request: HumanCheckRequestFacts,
	body: IDataObject,
): Promise<HumanCheckOutcome> {
	const { provider } = settings;
	const token = submittedToken(body, provider);
	if (token === undefined) return refusedWithoutAsking(provider, 'missing-input-response');
	if (token.length > MAX_TOKEN_LENGTH) return refusedWithoutAsking(provider, 'invalid-input-response');

	const call = humanCheckRequest(provider, {
		secret: settings.secretKey,
		token,
		remoteIp: request.ip || undefined,
		siteKey: provider === 'hcaptcha' ? settings.siteKey : undefined,
	});
	const options: IHttpRequestOptions = {
		method: call.method,
		url: settings.verifyUrl,
		body: call.body,
		headers: { 'Content-Type': call.contentType, Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: VERIFY_TIMEOUT_MS,
	};
	const name = PROVIDER_FACTS[provider].name;
	let answer: { statusCode: number; body: unknown };
	try {
		answer = (await context.helpers.httpRequest(options)) as { statusCode: number; body: unknown };
	} catch (error) {
		context.logger?.warn(`Callback Request Trigger could not reach ${name} to check a submission: ${error instanceof Error ? error.message : String(error)}`);
		return outcomeOf(readHumanCheckAnswer(provider, undefined));
	}
	if (answer.statusCode >= 500 || answer.statusCode === 429) {
		context.logger?.warn(`Callback Request Trigger: ${name} answered ${answer.statusCode} when checking a submission`);
		return outcomeOf(readHumanCheckAnswer(provider, undefined));
	}

	const hostname = requestHostname(request.host);
	const expectedHostname = settings.hostnames.length > 0 ? settings.hostnames : hostname ? [hostname] : [];
	const json = parsedAnswer(answer.body);
	if (typeof json !== 'object' || json === null) {
		context.logger?.warn(`Callback Request Trigger: ${name} answered something that is not JSON (HTTP ${answer.statusCode}); is the Verify URL right?`);
		return outcomeOf(readHumanCheckAnswer(provider, undefined));
	}
	const outcome = outcomeOf(readHumanCheckAnswer(provider, json, { expectedHostname, minScore: settings.minScore }));
	if (!outcome.passed && outcome.status === 503) {
		// A wrong secret or mixed-up keys: only the business owner can fix it.
		context.logger?.error(
			`Callback Request Trigger: ${name} refused to check a submission (HTTP ${answer.statusCode}, ${outcome.errorCodes.join(', ') || 'no error codes'}). Check the credential's keys and Verify URL.`,
		);
	} else if (!outcome.passed) {
		context.logger?.debug(`Callback Request Trigger refused a submission: ${name} said ${outcome.reason} (${outcome.errorCodes.join(', ') || 'no error codes'})`);
	}
	return outcome;
}
