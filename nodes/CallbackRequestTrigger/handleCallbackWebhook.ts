import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import {
	boundHeaderText,
	boundSubmission,
	checkBodySize,
	droppedAnything,
	type BodyRefusal,
	type DroppedParts,
} from '../core/callbackRequest/boundedSubmission';
import type { CallbackRequest, FieldError } from '../core/callbackRequest/CallbackRequest';
import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { normalizeSubmission } from '../core/callbackRequest/normalizeSubmission';
import { parseLeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { findRecentRequest, MAX_RECENT_REQUESTS, recordRequest, type RecentRequestLog } from '../core/callbackRequest/recentRequests';
import type { SlotDecision } from '../core/abuse/rateLimit';
import { DEFAULT_RISK_THRESHOLDS, riskSignals } from '../core/abuse/riskSignals';
import { CODE_DIGITS, CONFIRMATION_CODE_FIELD, CONFIRMATION_TOKEN_FIELD, submissionDigest } from '../core/abuse/numberConfirmation';
import { FORM_TOKEN_FIELD, type FormTokenCheck } from '../core/abuse/submitTiming';
import { verifyHeaderToken, type WebhookAuthResult } from '../core/webhookAuth/verifyHeaderToken';
import { verifyHmacSignature } from '../core/webhookAuth/verifyHmacSignature';
import { expectedCallText } from '../core/form/expectedCallText';
import { BUSINESS_SETTINGS_NODE_NAME, missingBusinessSettings } from '../shared/businessSettingsGaps';
import { expectedCallFor, type ExpectedCallAnswer } from '../shared/expectedCall';
import { checkPageToken, isHostedFormSubmission, issuePageToken, readFormTiming, submittedFormToken, type FormTimingSettings } from './formTiming';
import { checkHuman, formHumanCheck, HUMAN_CHECK_TOKEN_FIELDS, readHumanCheckSettings, type HumanCheckOutcome, type HumanCheckSettings } from './humanCheck';
import { checkConfirmation, isConfirmationStep, readConfirmationSettings, sendConfirmationCode, type ConfirmationSettings } from './numberConfirmation';
import { confirmCodePage, formPage, HOSTED_FORM_MARKER, messagePage, thankYouPage, type Page } from './pages';
import { countRefusal, readRateLimitSettings, takeRequestSlot, visitorAddress, type RateLimitSettings } from './rateLimits';
import { readTriggerSettings, type TriggerSettings } from './readTriggerSettings';
import { labelSlots, readPriority, type CallbackPriority } from '../core/slots';
import { CALLBACK_FORM_FIELDS } from '../core/form/renderCallbackFormPage';
import {
	bookRequestedSlot,
	noShowPauseFor,
	freeSlotsFor,
	readTimeSlotSettings,
	requestedZone,
	slotSchedule,
	slotZone,
	zoneChoices,
	type SlotBooking,
	type TimeSlotSettings,
} from './timeSlots';
import type { FormPageOptions } from './pages';

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;

type Settings = TriggerSettings & {
	humanCheck: HumanCheckSettings | null;
	formTiming: FormTimingSettings | null;
	rateLimits: RateLimitSettings | null;
	confirmation: ConfirmationSettings | null;
	timeSlots: TimeSlotSettings | null;
};

type SlotPicker = NonNullable<FormPageOptions['slotPicker']>;

/** Fields that carry one-time checks of the first step: a confirmed submission need not repeat them. */
const CHECK_FIELDS: readonly string[] = [FORM_TOKEN_FIELD, ...HUMAN_CHECK_TOKEN_FIELDS];

function header(request: Request, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function isFormPost(request: Request): boolean {
	const contentType = header(request, 'content-type') ?? '';
	return contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data');
}

/** A person in a browser gets pages; form tools and scripts get JSON. */
function wantsPage(request: Request, body: unknown): boolean {
	if (typeof body === 'object' && body !== null && (body as IDataObject)[HOSTED_FORM_MARKER.key] === HOSTED_FORM_MARKER.value) {
		return true;
	}
	const accept = header(request, 'accept') ?? '';
	return isFormPost(request) && accept.includes('text/html');
}

/** The token for a form page sent now: a fresh one, or the one the person's page already passed with. */
function pageToken(settings: Settings, passed?: string): string | undefined {
	if (!settings.formTiming) return undefined;
	return passed ?? issuePageToken(settings.formTiming);
}

/**
 * The body as n8n parsed it. Multipart forms come as { data: fields, files }; the fields are the
 * submission. n8n leaves the body unset when it is empty (read as an empty form) or of a type it
 * does not parse (undefined: refused as not a form).
 */
function submittedBody(request: Request, parsed: unknown): unknown {
	if (parsed === undefined || parsed === null) return request.rawBody && request.rawBody.length > 0 ? undefined : {};
	const isMultipart = (header(request, 'content-type') ?? '').startsWith('multipart/form-data');
	const fields = isMultipart && typeof parsed === 'object' ? (parsed as IDataObject).data : undefined;
	return typeof fields === 'object' && fields !== null ? fields : parsed;
}

/** Errors thrown by a step that only reads the submitted data: whatever went wrong there, the request caused it. */
const inputErrors = new WeakSet<object>();

function fromInput<T>(context: IWebhookFunctions, step: () => T): T {
	try {
		return step();
	} catch (error) {
		const inputError = new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error));
		inputErrors.add(inputError);
		throw inputError;
	}
}

const UNREADABLE_MESSAGE = 'This request could not be read. Send the form as JSON, URL-encoded or multipart form data.';

/** A body refused as a whole (too large, not a form, too many fields) or with fields to fix. */
async function refuseBody(context: IWebhookFunctions, settings: Settings, asPage: boolean, refusal: BodyRefusal): Promise<IWebhookResponseData> {
	if (refusal.status === 422) return await rejectSubmission(context, settings, asPage, 422, refusal.errors, {});
	if (asPage) return sendPage(context, messagePage(refusal.status, 'Request not accepted', refusal.message, settings.form.businessName));
	return sendJson(context, refusal.status, { ok: false, message: refusal.message, errors: refusal.errors as unknown as IDataObject[] });
}

function describeDropped(dropped: DroppedParts): string {
	return Object.entries(dropped)
		.filter(([, count]) => count > 0)
		.map(([part, count]) => `${part}: ${count}`)
		.join(', ');
}

function sendPage(context: IWebhookFunctions, page: Page): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(page.status);
	for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
	response.send(page.html);
	return { noWebhookResponse: true };
}

function sendJson(context: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status);
	response.setHeader('Cache-Control', 'no-store');
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.json(body);
	return { noWebhookResponse: true };
}

async function authenticate(context: IWebhookFunctions, settings: Settings, request: Request): Promise<WebhookAuthResult> {
	if (settings.authentication === 'headerToken') {
		const credential = await context.getCredentials<{ headerName: string; token: string }>('callbackHeaderAuthApi');
		return verifyHeaderToken(header(request, credential.headerName), credential.headerName, credential.token);
	}
	if (settings.authentication === 'hmacSignature') {
		const credential = await context.getCredentials<{ headerName: string; secret: string }>('callbackHmacAuthApi');
		if (!request.rawBody) {
			return { ok: false, message: 'Signed requests must have a JSON or URL-encoded body.' };
		}
		return verifyHmacSignature(header(request, credential.headerName), credential.headerName, credential.secret, request.rawBody);
	}
	return { ok: true };
}

async function rejectSubmission(
	context: IWebhookFunctions,
	settings: Settings,
	asPage: boolean,
	status: number,
	errors: FieldError[],
	body: unknown,
	passedToken?: string,
	formError?: string,
): Promise<IWebhookResponseData> {
	if (asPage && settings.form.enabled) {
		const values = typeof body === 'object' && body !== null ? (body as IDataObject) : {};
		return sendPage(
			context,
			formPage(settings.form, {
				formError,
				slotPicker: await slotPickerFor(context, settings, values),
				status,
				honeypotFieldName: settings.rules.honeypotFieldName,
				values: typeof body === 'object' && body !== null ? (body as IDataObject) : {},
				errors,
				rules: settings.rules,
				humanCheck: formHumanCheck(settings.humanCheck),
				formToken: pageToken(settings, passedToken),
			}),
		);
	}
	const fields = errors.map((error) => error.field).join(', ');
	return sendJson(context, status, { ok: false, message: `Please fix: ${fields}`, errors: errors as unknown as IDataObject[] });
}

/** A token that is missing, refused or could not be checked: the form again with the message, or JSON. */
async function refuseHumanCheck(
	context: IWebhookFunctions,
	settings: Settings,
	asPage: boolean,
	refusal: Extract<HumanCheckOutcome, { passed: false }>,
	body: IDataObject,
	passedToken: string | undefined,
): Promise<IWebhookResponseData> {
	if (asPage && settings.form.enabled) {
		const page = formPage(settings.form, {
			slotPicker: await slotPickerFor(context, settings, body),
			status: refusal.status,
			honeypotFieldName: settings.rules.honeypotFieldName,
			values: body,
			errors: [],
			formError: refusal.message,
			rules: settings.rules,
			humanCheck: formHumanCheck(settings.humanCheck),
			formToken: pageToken(settings, passedToken),
		});
		return sendPage(context, { ...page, headers: { ...page.headers, ...refusal.headers } });
	}
	return sendJson(context, refusal.status, { ok: false, error: refusal.error, message: refusal.message }, refusal.headers);
}

/**
 * A hosted-form submission sent too soon, without its page's token or with one we did not sign:
 * the form again with the person's answers and a fresh token, so they only need to send it again.
 */
async function refuseFormToken(
	context: IWebhookFunctions,
	settings: Settings,
	asPage: boolean,
	refusal: Extract<FormTokenCheck, { ok: false }>,
	body: IDataObject,
): Promise<IWebhookResponseData> {
	// The problem only: never the token, never the secret.
	context.logger?.debug(`Callback Request Trigger refused a hosted-form submission: ${refusal.problem}`);
	if (asPage && settings.form.enabled) {
		return sendPage(
			context,
			formPage(settings.form, {
				status: 422,
				slotPicker: await slotPickerFor(context, settings, body),
				honeypotFieldName: settings.rules.honeypotFieldName,
				values: body,
				errors: [],
				formError: refusal.message,
				rules: settings.rules,
				humanCheck: formHumanCheck(settings.humanCheck),
				formToken: pageToken(settings),
			}),
		);
	}
	return sendJson(context, 422, { ok: false, error: 'form-token-refused', problem: refusal.problem, message: refusal.message });
}

/**
 * Answers an accepted request (also a duplicate, or spam answered as if accepted) with the
 * callback's ID, saying when the call is expected when the workflow's schedule tells
 * (expectedCall.ts), else promising no time.
 *
 * The node sends the answer itself. n8n stores the duplicate log (the workflow's static data)
 * when the node hands it the response; n8n 2.x, when it also starts the workflow with a response
 * still to send, starts the run first and loses the log's "changed" mark on the way.
 */
function answerAccepted(
	context: IWebhookFunctions,
	settings: Settings,
	asPage: boolean,
	callbackId: string,
	duplicate: boolean,
	expected: ExpectedCallAnswer | null = null,
): IWebhookResponseData {
	if (!asPage) return sendJson(context, 200, { ok: true, callbackId, duplicate, expectedCallAt: expected?.at ?? null, expectedCallText: expectedCallText(expected) });
	const redirect = settings.form.afterSubmit === 'redirect' && settings.form.redirectUrl;
	const page = redirect ? messagePage(200, 'Thank you', 'Taking you to the next page...', settings.form.businessName) : thankYouPage(settings.form, expected);
	const headers: Record<string, string> = { ...page.headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
	if (redirect) {
		const target = new URL(settings.form.redirectUrl);
		target.searchParams.set('callbackId', callbackId);
		headers.Refresh = `0; url=${target.toString()}`;
	}
	return sendPage(context, { ...page, status: 200, headers });
}

/**
 * The free slots for the form, in the zone the lead chose (the page's `?timezone=` or the form
 * sent back), else the business's zone until the page's script switches to the browser's.
 */
async function slotPickerFor(context: IWebhookFunctions, settings: Settings, values: IDataObject): Promise<SlotPicker | undefined> {
	if (settings.timeSlots === null) return undefined;
	const schedule = slotSchedule(context);
	const chosen = requestedZone(values) ?? requestedZone(context.getQueryData() as IDataObject);
	const zone = chosen ?? schedule.businessZone;
	const free = await freeSlotsFor(context, settings.timeSlots, schedule, zone, 'normal', Date.now());
	const selected = typeof values[CALLBACK_FORM_FIELDS.preferredTime] === 'string' ? (values[CALLBACK_FORM_FIELDS.preferredTime] as string) : '';
	return {
		slots: labelSlots(free, zone),
		zone,
		zoneChoices: zoneChoices(),
		slotMinutes: settings.timeSlots.slots.slotMinutes,
		asapAllowed: settings.timeSlots.asapAllowed,
		selected,
		slotsQuery: '?slots=1',
		zoneChosen: chosen !== null,
	};
}

/**
 * `GET ?slots=1&timezone=…` (or `&phone=…`): the free slots as data, for the form's zone
 * choice, an SMS or phone-menu flow, or another booking page. Public, so it never claims priority.
 */
async function answerSlotList(context: IWebhookFunctions, settings: Settings, timeSlots: TimeSlotSettings): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as IDataObject;
	const schedule = slotSchedule(context);
	const phoneText = typeof query.phone === 'string' ? query.phone : '';
	const parsed = phoneText === '' ? null : parseLeadPhoneNumber(phoneText, settings.rules.phone);
	const zone = slotZone(schedule, requestedZone(query), parsed?.ok ? parsed.e164 : null);
	if (zone === null) {
		return sendJson(context, 422, { ok: false, error: 'timezone-unknown', message: 'Add timezone (an IANA zone such as America/New_York) or a phone number whose timezone can be told.' });
	}
	try {
		const listing = { ok: true, timezone: zone, slotMinutes: timeSlots.slots.slotMinutes, asapAllowed: timeSlots.asapAllowed };
		// A no-show's number is offered nothing until its pause ends (as booking would refuse it).
		const pausedUntil = parsed?.ok ? await noShowPauseFor(context, timeSlots, parsed.e164, Date.now()) : null;
		if (pausedUntil !== null) return sendJson(context, 200, { ...listing, slots: [], noShowPausedUntil: pausedUntil });
		const free = await freeSlotsFor(context, timeSlots, schedule, zone, 'normal', Date.now());
		return sendJson(context, 200, { ...listing, slots: labelSlots(free, zone) as unknown as IDataObject[] });
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not read the slot bookings: ${(error as Error).message}`);
		return sendJson(context, 503, { ok: false, error: 'slots-unavailable', message: 'The free times cannot be read right now. Please try again in a minute.' }, { 'Retry-After': '60' });
	}
}

async function serveHostedForm(context: IWebhookFunctions, settings: Settings): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as IDataObject;
	if (settings.timeSlots !== null && query.slots !== undefined) return await answerSlotList(context, settings, settings.timeSlots);
	if (!settings.form.enabled) {
		return sendPage(
			context,
			messagePage(404, 'Form not available', 'This callback form is not available. Please contact the business directly.'),
		);
	}
	return sendPage(
		context,
		formPage(settings.form, {
			status: 200,
			slotPicker: await slotPickerFor(context, settings, {}),
			honeypotFieldName: settings.rules.honeypotFieldName,
			values: context.getQueryData() as IDataObject,
			errors: [],
			rules: settings.rules,
			humanCheck: formHumanCheck(settings.humanCheck),
			formToken: pageToken(settings),
		}),
	);
}

/**
 * No request can make n8n answer 500 or record a failed execution: what a step reading the
 * submission throws is answered 400 (and logged, in case it is a bug). Anything else, such as a
 * setting n8n cannot read, is logged and left to n8n, which shows it as a failed execution.
 */
export async function handleCallbackWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await answerCallbackRequest.call(this);
	} catch (error) {
		if (!inputErrors.has(error)) {
			this.logger?.error(`Callback Request Trigger failed: ${error instanceof Error ? error.message : String(error)}`, {
				stack: error instanceof Error ? error.stack : undefined,
			});
			// Not caused by the request (a setting, a credential, a bug): n8n records it as a failed execution.
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw error;
		}
		this.logger?.warn(`Callback Request Trigger refused a request it could not read: ${error.message}`, { stack: error.stack });
		if (this.getResponseObject().headersSent) return { noWebhookResponse: true };
		return sendJson(this, 400, { ok: false, message: UNREADABLE_MESSAGE, errors: [{ field: 'body', message: UNREADABLE_MESSAGE }] });
	}
}

type SlotOutcome = SlotDecision | { admitted: false; limit: 'unavailable'; reason: 'unavailable'; retryAfterSeconds: number };

/**
 * The slot for this request. When the counters cannot be reached (n8n's API down, the key
 * revoked) the request is refused for a short while rather than let through uncounted: an
 * outage must not open the form to a flood. The error is logged for the business to fix.
 */
async function takeSlotOrAnswer(context: IWebhookFunctions, settings: RateLimitSettings, ip: string | null, phone: string, now: number): Promise<SlotOutcome> {
	try {
		return await takeRequestSlot(context, settings, ip, phone, now);
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not count a request against its rate limits, so it was refused: ${(error as Error).message}`);
		return { admitted: false, limit: 'unavailable', reason: 'unavailable', retryAfterSeconds: 60 };
	}
}

function waitText(seconds: number): string {
	if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 90) return `${minutes} minutes`;
	const hours = Math.ceil(minutes / 60);
	return hours < 36 ? `${hours} hours` : `${Math.ceil(hours / 24)} days`;
}

/** Over a limit: 429 with Retry-After (503 when the counters could not be reached), nothing started. */
function refuseRateLimited(context: IWebhookFunctions, settings: Settings, asPage: boolean, slot: Extract<SlotOutcome, { admitted: false }>): IWebhookResponseData {
	const unavailable = slot.reason === 'unavailable';
	const status = unavailable ? 503 : 429;
	const headers = { 'Retry-After': String(slot.retryAfterSeconds) };
	const message = unavailable
		? `Requests cannot be taken right now. Please try again in ${waitText(slot.retryAfterSeconds)}.`
		: `Too many callback requests were sent from here or for numbers like this one. Please try again in ${waitText(slot.retryAfterSeconds)}.`;
	context.logger?.info(`Callback Request Trigger refused a request: ${slot.reason === 'unavailable' ? 'rate-limit counters unavailable' : `${slot.limit} limit ${slot.reason}`}`);
	if (asPage) {
		const page = messagePage(status, 'Please try again later', message, settings.form.businessName);
		return sendPage(context, { ...page, headers: { ...page.headers, ...headers } });
	}
	return sendJson(context, status, { ok: false, error: unavailable ? 'rate-limit-unavailable' : 'rate-limited', limit: slot.limit, retryAfterSeconds: slot.retryAfterSeconds, message }, headers);
}

/**
 * `callback.risk`: what the lead's number itself says (a toll-free, VoIP or pager line asks for a
 * look before anyone calls back) and, with rate limits on, bursts: how many other requests this
 * window has from the same address and the same number block, read off the counters this request
 * was just counted in (addresses or blocks sharing a counter row count together, so a burst may be
 * flagged early, never missed).
 */
function riskOf(phone: string, counts: Partial<Record<'ip' | 'prefix' | 'global', number>> | undefined): IDataObject {
	const earlier = (count: number | undefined): number | undefined => (count === undefined ? undefined : Math.max(0, count - 1));
	return riskSignals({ phone, thresholds: DEFAULT_RISK_THRESHOLDS, recentSameIp: earlier(counts?.ip), recentSamePrefix: earlier(counts?.prefix) }) as unknown as IDataObject;
}

/** The submission as the person sent it, for the code page to post back unchanged. */
function postedBack(body: IDataObject): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(body)) {
		if (name === CONFIRMATION_TOKEN_FIELD || name === CONFIRMATION_CODE_FIELD) continue;
		if (typeof value === 'string') fields[name] = value;
		else if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) fields[name] = value as string[];
	}
	return fields;
}

function nationalNumber(phone: string): string {
	const parsed = parseLeadPhoneNumber(phone, { defaultCountry: 'US', allowedCountries: [] });
	return parsed.ok ? parsed.nationalFormat : phone;
}

function codePage(settings: Settings, confirmation: ConfirmationSettings, status: number, body: IDataObject, phone: string, token: string, error?: string): Page {
	return confirmCodePage(status, {
		businessName: settings.form.businessName,
		phoneText: nationalNumber(phone),
		validMinutes: confirmation.validMinutes,
		submitted: postedBack(body),
		tokenField: CONFIRMATION_TOKEN_FIELD,
		token,
		codeField: CONFIRMATION_CODE_FIELD,
		codeDigits: CODE_DIGITS,
		error,
	});
}

/**
 * Texts the code and asks for it: the page with the code field, or 202 with the token for a
 * form tool, which sends the same fields again with confirmation_token and confirmation_code.
 */
async function askForCode(
	context: IWebhookFunctions,
	settings: Settings,
	confirmation: ConfirmationSettings,
	asPage: boolean,
	body: IDataObject,
	callbackId: string,
	phone: string,
	timezone: string | null,
	now: number,
): Promise<IWebhookResponseData> {
	const sent = await sendConfirmationCode(context, confirmation, { callbackId, phone, timezone, digest: submissionDigest(body, CHECK_FIELDS), now });
	if (!sent.sent) {
		context.logger?.info(`Callback Request Trigger could not text a confirmation code: ${sent.error}`);
		if (asPage) return sendPage(context, messagePage(sent.status, 'We could not text you a code', sent.message, settings.form.businessName));
		return sendJson(context, sent.status, { ok: false, error: sent.error, message: sent.message, ...(sent.retryAt === undefined ? {} : { retryAt: new Date(sent.retryAt).toISOString() }) });
	}
	if (asPage) return sendPage(context, codePage(settings, confirmation, 200, body, phone, sent.token));
	return sendJson(context, 202, {
		ok: true,
		confirmationRequired: true,
		callbackId,
		confirmationToken: sent.token,
		expiresAt: new Date(sent.expiresAt).toISOString(),
		message: `We texted a ${CODE_DIGITS}-digit code to ${nationalNumber(phone)}. Send the same fields again with ${CONFIRMATION_TOKEN_FIELD} and ${CONFIRMATION_CODE_FIELD}.`,
	});
}

/** A code that was not accepted: the code page again when another try may help, else what to do. */
function refuseConfirmation(
	context: IWebhookFunctions,
	settings: Settings,
	asPage: boolean,
	refusal: Extract<Awaited<ReturnType<typeof checkConfirmation>>, { confirmed: false }>,
	body: IDataObject,
	phone: string,
): IWebhookResponseData {
	context.logger?.debug(`Callback Request Trigger refused a confirmation: ${refusal.error}`);
	if (asPage) {
		const token = typeof body[CONFIRMATION_TOKEN_FIELD] === 'string' ? (body[CONFIRMATION_TOKEN_FIELD] as string) : '';
		if (refusal.askAgain) return sendPage(context, codePage(settings, settings.confirmation!, refusal.status, body, phone, token, refusal.message));
		return sendPage(context, messagePage(refusal.status, 'Please send the form again', refusal.message, settings.form.businessName));
	}
	return sendJson(context, refusal.status, { ok: false, error: refusal.error, message: refusal.message });
}

/**
 * While the workflow's Business Settings lack a required value (a template imported and published
 * before it was set up), leads are told the form is not ready, and nothing runs: an accepted lead
 * would only start an execution that fails at its first text.
 */
function refuseUntilSetUp(context: IWebhookFunctions): IWebhookResponseData | null {
	const missing = missingBusinessSettings(context);
	if (missing.length === 0) return null;
	const gap = `${BUSINESS_SETTINGS_NODE_NAME} needs ${missing.join(', ')}`;
	context.logger?.warn(`Callback Request Trigger refused a lead: this workflow is not set up yet (${gap}).`);
	const request = context.getRequestObject();
	if (request.method === 'GET' || isFormPost(request)) {
		return sendPage(context, messagePage(503, 'Not ready yet', 'This callback form is not ready yet. Please contact the business directly.'));
	}
	return sendJson(context, 503, { ok: false, error: 'not-set-up', message: `This callback form is not set up yet: ${gap}.` });
}

async function answerCallbackRequest(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const triggerSettings = readTriggerSettings(this);
	const settings: Settings = {
		...triggerSettings,
		humanCheck: await readHumanCheckSettings(this),
		formTiming: readFormTiming(this, triggerSettings.form.enabled),
		rateLimits: null,
		confirmation: null,
		timeSlots: readTimeSlotSettings(this),
	};
	settings.rateLimits = readRateLimitSettings(this);
	settings.confirmation = readConfirmationSettings(this, settings.rateLimits, settings.form.businessName);
	const notSetUp = refuseUntilSetUp(this);
	if (notSetUp) return notSetUp;
	if (this.getWebhookName() === 'setup') return await serveHostedForm(this, settings);

	const request = this.getRequestObject();
	const submitted = fromInput(this, () => submittedBody(request, this.getBodyData()));
	const asPage = fromInput(this, () => wantsPage(request, submitted));
	// Refused before anything else: a body this large is no callback form.
	const tooLarge = checkBodySize(request.rawBody?.length, header(request, 'content-length'));
	if (tooLarge) return await refuseBody(this, settings, asPage, tooLarge);
	const read = fromInput(this, () => boundSubmission(submitted));

	const auth = await authenticate(this, settings, request);
	if (!auth.ok) {
		return asPage ? sendPage(this, messagePage(401, 'Not allowed', auth.message)) : sendJson(this, 401, { ok: false, message: auth.message });
	}
	if (!read.ok) return await refuseBody(this, settings, asPage, read);
	const body = read.body;
	if (droppedAnything(read.dropped)) this.logger?.debug(`Callback Request Trigger left out parts of a submission (${describeDropped(read.dropped)})`);

	const now = DateTime.utc();
	const normalized = fromInput(this, () =>
		normalizeSubmission(body, settings.rules, {
			callbackId: newCallbackId(),
			now,
			ip: request.ip ?? null,
			userAgent: boundHeaderText(header(request, 'user-agent')),
			referer: boundHeaderText(header(request, 'referer')),
			internalKeys: [HOSTED_FORM_MARKER.key, ...CHECK_FIELDS, CONFIRMATION_TOKEN_FIELD, CONFIRMATION_CODE_FIELD],
		}),
	);
	// A bot that filled the honeypot is answered as if accepted, so nothing tells it which field
	// gave it away; nothing starts.
	if (!normalized.ok && normalized.spam === true) {
		await countRefusal(this, settings.rateLimits, 'humanCheck', now.toMillis());
		return answerAccepted(this, settings, asPage, newCallbackId(), false);
	}
	// The hosted form's minimum time, checked after the honeypot (whose bots are still answered as
	// if accepted) and before the fields: a page sent back to fix a field keeps the token it
	// passed with, so the person is not made to wait again.
	let passedToken: string | undefined;
	// The second step of a confirmation: the token and the code stand for the checks the first
	// step passed (its page time, its human check and its rate-limit slot), which are not repeated.
	const confirming = settings.confirmation !== null && isConfirmationStep(body as IDataObject);
	if (confirming && normalized.ok) {
		const confirmed = await checkConfirmation(this, settings.confirmation!, body as IDataObject, CHECK_FIELDS, now.toMillis());
		if (!confirmed.confirmed) return refuseConfirmation(this, settings, asPage, confirmed, body as IDataObject, normalized.request.contact.phone);
		normalized.request.callbackId = confirmed.callbackId;
		if (!confirmed.firstUse) return answerAccepted(this, settings, asPage, confirmed.callbackId, true);
	} else if (settings.formTiming && isHostedFormSubmission(body as IDataObject, isFormPost(request), HOSTED_FORM_MARKER)) {
		const timing = checkPageToken(settings.formTiming, body as IDataObject);
		if (!timing.ok) {
			await countRefusal(this, settings.rateLimits, 'humanCheck', now.toMillis());
			return await refuseFormToken(this, settings, asPage, timing, body as IDataObject);
		}
		passedToken = submittedFormToken(body as IDataObject);
	}
	if (!normalized.ok) return await rejectSubmission(this, settings, asPage, normalized.status, normalized.errors, body, passedToken);
	// The provider is asked last, for a submission that would otherwise be taken, and first of
	// what follows: nothing is stored and nothing starts without a confirmed token.
	if (settings.humanCheck && !confirming) {
		const human = await checkHuman(this, settings.humanCheck, { ip: request.ip, host: header(request, 'host') }, body as IDataObject);
		if (!human.passed) {
			// A provider that could not be reached says nothing about the sender: not counted as a bot.
			if (human.error === 'human-check-failed') await countRefusal(this, settings.rateLimits, 'humanCheck', now.toMillis());
			return await refuseHumanCheck(this, settings, asPage, human, body as IDataObject, passedToken);
		}
	}

	const callback = normalized.request;
	if (asPage && (body as IDataObject)[HOSTED_FORM_MARKER.key] === HOSTED_FORM_MARKER.value && callback.source === 'webhook') {
		callback.source = 'hosted-form';
	}

	// The duplicate log, a first filter in the workflow's static data (recentRequests.ts): n8n stores
	// it with the workflow, so it survives restarts; the status store's claim is what decides.
	const windowMs = settings.duplicateWindowMinutes * 60_000;
	const staticData = settings.duplicateWindowMinutes > 0 ? this.getWorkflowStaticData('node') : null;
	const log = (staticData?.recentRequests as RecentRequestLog | undefined) ?? {};
	if (staticData) {
		const earlier = findRecentRequest(log, callback.contact.phone, now.toMillis(), windowMs);
		if (earlier) return answerAccepted(this, settings, asPage, earlier.callbackId, true);
	}
	// Last before starting: only a request that would start the workflow takes a slot.
	let counts: Partial<Record<'ip' | 'prefix' | 'global', number>> | undefined;
	if (settings.rateLimits && !confirming) {
		const slot = await takeSlotOrAnswer(this, settings.rateLimits, visitorAddress(this, settings.rateLimits.trustedProxies), callback.contact.phone, now.toMillis());
		if (!slot.admitted) {
			if (slot.reason !== 'unavailable') await countRefusal(this, settings.rateLimits, 'rateLimit', now.toMillis());
			return refuseRateLimited(this, settings, asPage, slot);
		}
		counts = slot.counts;
	}
	// Confirmation on: the request waits for its code, texted now; nothing starts yet.
	if (settings.confirmation !== null && !confirming) {
		return await askForCode(this, settings, settings.confirmation, asPage, body as IDataObject, callback.callbackId, callback.contact.phone, callback.timezone, now.toMillis());
	}
	// Time slots: the chosen slot is booked last, once nothing else can refuse the request.
	if (settings.timeSlots !== null) {
		const refused = await bookChosenSlot(this, settings, settings.timeSlots, asPage, body as IDataObject, callback, passedToken, now.toMillis());
		if (refused !== null) return refused;
	}
	if (staticData) {
		staticData.recentRequests = recordRequest(log, callback.contact.phone, callback.callbackId, now.toMillis(), windowMs, MAX_RECENT_REQUESTS) as unknown as IDataObject;
	}

	const risk = riskOf(callback.contact.phone, counts);
	const item = { json: { ...callback, risk } as unknown as IDataObject };
	// Held: the person is told the same as anyone (nothing tells a bot it was spotted); the
	// workflow gets the request on Held for Review, where nothing texts or calls by default.
	const holds = this.getNodeParameter('riskyRequests', 'start') === 'hold';
	const held = holds && risk.level === 'review';
	if (held) await countRefusal(this, settings.rateLimits, 'heldForReview', now.toMillis());
	return {
		...answerAccepted(this, settings, asPage, callback.callbackId, false, held ? null : expectedCallFor(this, callback, now)),
		workflowData: !holds ? [[item]] : held ? [[], [item]] : [[item], []],
	};
}

/** A priority only a request the trigger authenticated can claim. */
function priorityOf(settings: Settings, timeSlots: TimeSlotSettings, body: IDataObject): CallbackPriority {
	if (settings.authentication === 'none' || timeSlots.priorityField === '') return 'normal';
	return readPriority(body[timeSlots.priorityField]);
}

function slotRefusalMessage(booking: Extract<SlotBooking, { booked: false }>): string {
	const offer = booking.offered.length > 0 ? ' Please choose another time.' : ' No other time is free; please choose "As soon as possible" or call us.';
	if (booking.reason === 'not-offered') return `That time cannot be booked.${offer}`;
	return `That time was just taken.${offer}`;
}

/**
 * Books the slot the lead chose (or lets an "as soon as possible" request through when the
 * business allows it), writing it on the callback; null when the request may go on, else the
 * answer: 422 with the free slots to choose instead (the form again for a person).
 */
async function bookChosenSlot(
	context: IWebhookFunctions,
	settings: Settings,
	timeSlots: TimeSlotSettings,
	asPage: boolean,
	body: IDataObject,
	callback: CallbackRequest,
	passedToken: string | undefined,
	now: number,
): Promise<IWebhookResponseData | null> {
	const priority = priorityOf(settings, timeSlots, body);
	if (settings.authentication !== 'none') callback.priority = priority;
	const field = CALLBACK_FORM_FIELDS.preferredTime;
	if (callback.preferredTime === null) {
		if (timeSlots.asapAllowed) return null;
		return await rejectSubmission(context, settings, asPage, 422, [{ field, message: 'Choose a time for our call.' }], body, passedToken);
	}
	const schedule = slotSchedule(context);
	const zone = slotZone(schedule, callback.timezone, callback.contact.phone);
	if (zone === null) {
		return await rejectSubmission(context, settings, asPage, 422, [{ field: CALLBACK_FORM_FIELDS.timezone, message: 'Choose the timezone you are in.' }], body, passedToken);
	}
	const pausedUntil = await noShowPauseFor(context, timeSlots, callback.contact.phone, now);
	if (pausedUntil !== null) {
		const message = `Our recent calls to this number were not answered, so it cannot book a time for now.${timeSlots.asapAllowed ? ' Please choose "As soon as possible" or call us.' : ' Please call us.'}`;
		context.logger?.info('Callback Request Trigger refused a slot: the number is a no-show');
		if (asPage) return await rejectSubmission(context, settings, asPage, 422, [{ field, message }], { ...body, [field]: 'none' }, passedToken, message);
		return sendJson(context, 422, { ok: false, error: 'no-show-paused', message, pausedUntil, errors: [{ field, message }] });
	}
	let booking: SlotBooking;
	try {
		booking = await bookRequestedSlot(context, timeSlots, schedule, zone, Date.parse(callback.preferredTime), priority, now);
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not book a time slot, so the request was refused: ${(error as Error).message}`);
		const message = 'Bookings cannot be taken right now. Please try again in a minute.';
		if (asPage) return sendPage(context, { ...messagePage(503, 'Please try again later', message, settings.form.businessName), headers: { 'Retry-After': '60' } });
		return sendJson(context, 503, { ok: false, error: 'slots-unavailable', message }, { 'Retry-After': '60' });
	}
	if (!booking.booked) {
		const message = slotRefusalMessage(booking);
		context.logger?.info(`Callback Request Trigger refused a slot: ${booking.reason}`);
		if (asPage) {
			const values = { ...body, [field]: 'none' };
			return await rejectSubmission(context, settings, asPage, 422, [{ field, message }], values, passedToken, message);
		}
		return sendJson(context, 422, {
			ok: false,
			error: `slot-${booking.reason}`,
			message,
			errors: [{ field, message }],
			nextFreeSlots: booking.offered as unknown as IDataObject[],
		});
	}
	callback.preferredTime = DateTime.fromMillis(booking.slot.start, { zone }).toISO({ suppressMilliseconds: true });
	callback.mode = 'scheduled';
	callback.timezone = zone;
	callback.slot = { start: booking.label.start, end: booking.label.end, text: booking.label.text, timezone: zone, place: booking.place };
	return null;
}
