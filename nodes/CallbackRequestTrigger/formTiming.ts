import { randomBytes } from 'node:crypto';

import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { checkFormToken, DEFAULT_MAX_AGE_SECONDS, DEFAULT_MIN_SECONDS, FORM_TOKEN_FIELD, issueFormToken, type FormTokenCheck } from '../core/abuse/submitTiming';

/**
 * The hosted form's minimum time before sending. People take a few seconds to type a name and a
 * number; scripts post at once. Each page the trigger serves carries a token with the time it was
 * served, signed with this trigger's own secret, and a submission from the hosted form must come
 * back with that token, at least the business's chosen number of seconds later. Funnels that post
 * JSON without a token are not affected: their protection is the trigger's Authentication.
 *
 * The secret is 32 random bytes made once per trigger and kept in the node's static data, which
 * n8n stores in its database, so every worker in queue mode signs and checks with the same one.
 * It is made when the workflow is activated (the webhook's `create` step, after which n8n saves
 * the static data) so that two workers serving the first pages at once cannot each make their
 * own; a trigger that was active before this existed, or runs in a harness without activation,
 * makes it on first use instead. It is kept when the workflow is deactivated, because n8n
 * deactivates and reactivates an active workflow on every save and pages already open must still
 * be accepted. The secret never goes into a page, a log line or a message.
 */

/** Where the secret is kept in the node's static data. */
export const FORM_SECRET_KEY = 'formTokenSecret';

/** The option's name in the node's parameters. */
export const MIN_SECONDS_PARAMETER = 'minSecondsBeforeSending';

/** The longest minimum a business may set; the page must stay usable well within its maximum age. */
export const MAX_MIN_SECONDS = 600;

/** 32 bytes as base64url: 43 characters. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface FormTimingSettings {
	/** Least time between serving the page and sending it. */
	minSeconds: number;
	/**
	 * This trigger's signing secret, read (or made, on first use) only when a page is served or a
	 * hosted-form submission is checked: a funnel's JSON post leaves the static data untouched.
	 */
	secret: () => string;
	/** Which form a token is for: the node's id and its webhook path. */
	formId: string;
}

/** The secret in the node's static data, made now when there is none (or it was damaged). */
export function ensureFormSecret(staticData: IDataObject): string {
	const stored = staticData[FORM_SECRET_KEY];
	if (typeof stored === 'string' && SECRET_SHAPE.test(stored)) return stored;
	const secret = randomBytes(32).toString('base64url');
	staticData[FORM_SECRET_KEY] = secret;
	return secret;
}

/** Whether the node's static data already holds a usable secret. */
export function hasFormSecret(staticData: IDataObject): boolean {
	const stored = staticData[FORM_SECRET_KEY];
	return typeof stored === 'string' && SECRET_SHAPE.test(stored);
}

/** The webhook lifecycle n8n runs on activation: it only makes sure the secret exists. */
export const formSecretLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return hasFormSecret(this.getWorkflowStaticData('node'));
	},
	async create(this: IHookFunctions): Promise<boolean> {
		ensureFormSecret(this.getWorkflowStaticData('node'));
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		// Kept on purpose: see above. Nothing was registered anywhere else.
		return true;
	},
};

/** The option as a whole number of seconds from 0 to MAX_MIN_SECONDS. */
export function readMinSeconds(context: IWebhookFunctions): number {
	const value = Number(context.getNodeParameter(MIN_SECONDS_PARAMETER, DEFAULT_MIN_SECONDS));
	if (!Number.isFinite(value) || value <= 0) return 0;
	return Math.min(Math.round(value), MAX_MIN_SECONDS, DEFAULT_MAX_AGE_SECONDS - 1);
}

/** The trigger's form timing, or null when the hosted form is off or the minimum is 0. */
export function readFormTiming(context: IWebhookFunctions, formEnabled: boolean): FormTimingSettings | null {
	if (!formEnabled) return null;
	const minSeconds = readMinSeconds(context);
	if (minSeconds === 0) return null;
	const node = context.getNode();
	const path = String(context.getNodeParameter('path', '') ?? '');
	return {
		minSeconds,
		secret: () => ensureFormSecret(context.getWorkflowStaticData('node')),
		formId: `${node.id || node.name}/${path}`,
	};
}

/** The token for a page served now. */
export function issuePageToken(timing: FormTimingSettings, now: Date | number = Date.now()): string {
	return issueFormToken({ secret: timing.secret(), formId: timing.formId, now });
}

/** A form field's one text value: a string, or a list of exactly one string (how some forms post). */
export function singleString(value: unknown): string | undefined {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	return typeof single === 'string' ? single : undefined;
}

/** The token a submission carries, if any. */
export function submittedFormToken(body: IDataObject): string | undefined {
	return singleString(body[FORM_TOKEN_FIELD]);
}

/**
 * A submission from the hosted form: it carries a token, or it is a form post with the hosted
 * page's marker. A funnel's post has neither and is left to the trigger's Authentication.
 */
export function isHostedFormSubmission(body: IDataObject, isFormPost: boolean, marker: { key: string; value: string }): boolean {
	if (FORM_TOKEN_FIELD in body) return true;
	return isFormPost && singleString(body[marker.key]) === marker.value;
}

/** Checks the submission's token against this trigger's secret and minimum. */
export function checkPageToken(timing: FormTimingSettings, body: IDataObject, now: Date | number = Date.now()): FormTokenCheck {
	return checkFormToken({
		secret: timing.secret(),
		formId: timing.formId,
		token: submittedFormToken(body),
		now,
		minSeconds: timing.minSeconds,
		maxAgeSeconds: DEFAULT_MAX_AGE_SECONDS,
	});
}
