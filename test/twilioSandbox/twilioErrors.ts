import type { ValidationIssue } from './openApiValidator';

/**
 * Twilio's REST error object and the codes the sandbox answers with.
 *
 * Codes marked `sandboxOnly` are not Twilio's: they cover requests real Twilio would accept
 * (or silently ignore) but the sandbox refuses on purpose, such as a misspelt parameter. The
 * rest are Twilio's documented codes for the same situation.
 */

export interface TwilioErrorBody {
	code: number;
	message: string;
	more_info: string;
	status: number;
}

export class TwilioApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'TwilioApiError';
	}

	body(): TwilioErrorBody {
		return { code: this.code, message: this.message, more_info: moreInfo(this.code), status: this.status };
	}
}

export function moreInfo(code: number | string): string {
	return `https://www.twilio.com/docs/errors/${code}`;
}

interface CatalogueEntry {
	status: number;
	title: string;
	sandboxOnly?: true;
}

/** Every code the sandbox can answer with, so tests and the report can list them. */
export const ERROR_CATALOGUE: Record<number, CatalogueEntry> = {
	20003: { status: 401, title: 'Authentication Error' },
	20004: { status: 405, title: 'Method not allowed' },
	20009: { status: 400, title: 'Cannot delete or redact a resource that is still in progress' },
	20404: { status: 404, title: 'The requested resource was not found' },
	20429: { status: 429, title: 'Too Many Requests' },
	20500: { status: 500, title: 'Internal Server Error' },
	20503: { status: 503, title: 'Service Unavailable' },
	21001: { status: 400, title: 'Unknown parameter', sandboxOnly: true },
	21002: { status: 400, title: 'Parameter has the wrong type', sandboxOnly: true },
	21003: { status: 400, title: 'Parameter value is not one of the allowed values', sandboxOnly: true },
	21004: { status: 400, title: 'Parameter value does not match the expected pattern or range', sandboxOnly: true },
	21005: { status: 400, title: 'Parameter given more than once', sandboxOnly: true },
	21006: { status: 400, title: 'Parameter value has an invalid format', sandboxOnly: true },
	21007: { status: 400, title: 'Required parameter missing', sandboxOnly: true },
	21008: { status: 400, title: 'Request body must be application/x-www-form-urlencoded', sandboxOnly: true },
	21009: { status: 501, title: 'Not simulated by the sandbox', sandboxOnly: true },
	21201: { status: 400, title: "No 'To' number is specified" },
	21205: { status: 400, title: 'Url parameter is not a valid URL' },
	21210: { status: 400, title: "'From' phone number not verified" },
	21211: { status: 400, title: "Invalid 'To' Phone Number" },
	21212: { status: 400, title: "Invalid 'From' Phone Number" },
	21213: { status: 400, title: "No 'From' number is specified" },
	21218: { status: 400, title: 'Invalid ApplicationSid' },
	21220: { status: 400, title: 'Invalid call state' },
	21266: { status: 400, title: "'To' and 'From' number cannot be the same" },
	21422: { status: 400, title: 'Phone number is not available' },
	21602: { status: 400, title: 'Message body is required' },
	21603: { status: 400, title: "A 'From' or 'MessagingServiceSid' parameter is required" },
	21604: { status: 400, title: "A 'To' phone number is required" },
	21609: { status: 400, title: "Invalid 'StatusCallback'" },
	21610: { status: 400, title: 'Attempt to send to unsubscribed recipient' },
	21617: { status: 400, title: 'The concatenated message body exceeds the 1600 character limit' },
	21655: { status: 400, title: 'The ContentSid is Invalid' },
	21660: { status: 400, title: "Mismatch between the 'From' number and the account" },
	21701: { status: 400, title: 'The Messaging Service does not exist' },
	21704: { status: 400, title: 'The Messaging Service contains no phone numbers' },
};

export function twilioError(code: number, message?: string, headers?: Record<string, string>): TwilioApiError {
	const entry = ERROR_CATALOGUE[code];
	if (entry === undefined) throw new Error(`error code ${code} is not in the sandbox's catalogue`);
	return new TwilioApiError(entry.status, code, message ?? entry.title, headers);
}

export function notFound(pathname: string): TwilioApiError {
	return twilioError(20404, `The requested resource ${pathname} was not found`);
}

/**
 * Codes written into Debugger records (the Notifications resource) when a webhook or TwiML
 * document fails during a call or message, as Twilio's Debugger shows them.
 */
export const DEBUGGER_CODES = {
	invalidUrl: { code: '11100', text: 'Invalid URL format' },
	httpRetrievalFailure: { code: '11200', text: 'HTTP retrieval failure' },
	httpConnectionFailure: { code: '11205', text: 'HTTP connection failure' },
	documentParseFailure: { code: '12100', text: 'Document parse failure' },
	schemaValidation: { code: '12200', text: 'Schema validation warning' },
	invalidContentType: { code: '12300', text: 'Invalid Content-Type' },
	dialInvalidCallerId: { code: '13214', text: 'Dial: Invalid callerId value' },
	dialInvalidNumber: { code: '13223', text: 'Dial: Invalid phone number format' },
} as const satisfies Record<string, DebuggerCode>;

/** A Debugger error: Twilio's code and its title. */
export interface DebuggerCode {
	readonly code: string;
	readonly text: string;
}

/** Twilio's own code for a parameter problem, where it has one: `Operation.Parameter.problem`. */
const ISSUE_CODES: Record<string, { code: number; message: (value: string) => string }> = {
	'CreateMessage.To.missing': { code: 21604, message: () => "A 'To' phone number is required." },
	'CreateMessage.To.format': { code: 21211, message: (value) => `The 'To' number ${value} is not a valid phone number.` },
	'CreateMessage.From.format': {
		code: 21212,
		message: (value) => `The 'From' number ${value} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
	},
	'CreateMessage.StatusCallback.format': { code: 21609, message: (value) => `The StatusCallback URL ${value} is not a valid URL.` },
	'CreateCall.To.missing': { code: 21201, message: () => "No 'To' number is specified" },
	'CreateCall.To.format': { code: 21211, message: (value) => `The 'To' number ${value} is not a valid phone number.` },
	'CreateCall.From.missing': { code: 21213, message: () => "No 'From' number is specified" },
	'CreateCall.From.format': { code: 21212, message: (value) => `The 'From' number ${value} is not a valid phone number.` },
	'CreateCall.Url.format': { code: 21205, message: (value) => `Url is not a valid URL: ${value}` },
};

const PROBLEM_CODES: Record<ValidationIssue['problem'], number> = {
	unknown: 21001,
	type: 21002,
	enum: 21003,
	pattern: 21004,
	range: 21004,
	length: 21004,
	repeated: 21005,
	format: 21006,
	missing: 21007,
};

/**
 * The error for a request that failed validation. Twilio reports one problem at a time; the
 * sandbox picks the one Twilio has a specific code for first, then a missing parameter, then
 * the first other problem, and names the parameter in the message.
 */
export function errorForIssues(operationId: string, issues: ValidationIssue[]): TwilioApiError {
	const specific = issues.find((issue) => ISSUE_CODES[`${operationId}.${issue.parameter}.${issue.problem}`] !== undefined);
	if (specific !== undefined) {
		const entry = ISSUE_CODES[`${operationId}.${specific.parameter}.${specific.problem}`];
		if (entry !== undefined) return twilioError(entry.code, entry.message(specific.value ?? ''));
	}
	const chosen = issues.find((issue) => issue.problem === 'missing') ?? issues[0];
	if (chosen === undefined) throw new Error('errorForIssues needs at least one issue');
	return twilioError(PROBLEM_CODES[chosen.problem], chosen.message);
}
