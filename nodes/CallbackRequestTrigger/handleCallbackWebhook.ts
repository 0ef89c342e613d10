import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { boundHeaderText, boundSubmission, checkBodySize, droppedAnything, type BodyRefusal, type DroppedParts } from '../core/callbackRequest/boundedSubmission';
import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { normalizeSubmission } from '../core/callbackRequest/normalizeSubmission';
import { findRecentRequest, MAX_RECENT_REQUESTS, recordRequest, type RecentRequestLog } from '../core/callbackRequest/recentRequests';
import { CONFIRMATION_CODE_FIELD, CONFIRMATION_TOKEN_FIELD } from '../core/abuse/numberConfirmation';
import { verifyHeaderToken, type WebhookAuthResult } from '../core/webhookAuth/verifyHeaderToken';
import { verifyHmacSignature } from '../core/webhookAuth/verifyHmacSignature';
import { BUSINESS_SETTINGS_NODE_NAME, missingBusinessSettings } from '../shared/businessSettingsGaps';
import { expectedCallFor } from '../shared/expectedCall';
import { askForCode, CHECK_FIELDS, refuseConfirmation } from './confirmationAnswers';
import { answerAccepted, refuseFormToken, refuseHumanCheck, rejectSubmission, slotPickerFor } from './formAnswers';
import { checkPageToken, isHostedFormSubmission, submittedFormToken } from './formTiming';
import { checkHuman, formHumanCheck } from './humanCheck';
import { checkConfirmation, isConfirmationStep } from './numberConfirmation';
import { formPage, HOSTED_FORM_MARKER, messagePage } from './pages';
import { refuseRateLimited, takeSlotOrAnswer } from './rateLimitAnswer';
import { countRefusal, visitorAddress } from './rateLimits';
import { riskOf } from './requestRisk';
import { answerSlotList, bookChosenSlot } from './slotAnswers';
import { header, isFormPost, sendJson, sendPage, submittedBody, wantsPage, type WebhookRequest } from './webhookRequest';
import { pageToken, readWebhookSettings, type WebhookSettings } from './webhookSettings';

/*
 * The Callback Request Trigger's webhooks: the hosted form (GET) and a submission (POST), checked
 * step by step and answered; only a request that passes every check starts the workflow. The
 * answers of each step are in their own files (formAnswers, confirmationAnswers, rateLimitAnswer,
 * slotAnswers).
 */

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
async function refuseBody(context: IWebhookFunctions, settings: WebhookSettings, asPage: boolean, refusal: BodyRefusal): Promise<IWebhookResponseData> {
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

async function authenticate(context: IWebhookFunctions, settings: WebhookSettings, request: WebhookRequest): Promise<WebhookAuthResult> {
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

async function serveHostedForm(context: IWebhookFunctions, settings: WebhookSettings): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as IDataObject;
	if (settings.timeSlots !== null && query.slots !== undefined) return await answerSlotList(context, settings, settings.timeSlots);
	if (!settings.form.enabled) {
		return sendPage(context, messagePage(404, 'Form not available', 'This callback form is not available. Please contact the business directly.'));
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

/**
 * While the workflow's Business WebhookSettings lack a required value (a template imported and published
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
	const settings = await readWebhookSettings(this);
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
		const { decision: slot, store } = await takeSlotOrAnswer(this, settings.rateLimits, visitorAddress(this, settings.rateLimits.trustedProxies), callback.contact.phone, now.toMillis());
		if (!slot.admitted) {
			if (store) await countRefusal(this, settings.rateLimits, 'rateLimit', now.toMillis(), store);
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
