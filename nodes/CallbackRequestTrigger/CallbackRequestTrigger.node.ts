import {
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { confirmationProperties } from './description/confirmation.properties';
import { formProperties } from './description/form.properties';
import { humanCheckProperties } from './description/humanCheck.properties';
import { rateLimitProperties } from './description/rateLimits.properties';
import { timeSlotProperties } from './description/timeSlots.properties';
import { optionProperties } from './description/options.properties';
import { responseProperties } from './description/response.properties';
import { submissionProperties } from './description/submission.properties';
import { formSecretLifecycle } from './formTiming';
import { handleCallbackWebhook } from './handleCallbackWebhook';
import { prepareRateLimitTable, readRateLimitSettings } from './rateLimits';
import { prepareSlotTable, readTimeSlotSettings } from './timeSlots';

/** Shared secrets shorter than this are too easy to guess for a public webhook. */
const MIN_SECRET_LENGTH = 24;

// Nothing is registered elsewhere: forms post straight to n8n's own URL, as with n8n's Webhook and
// Form triggers. The checkExists/create/delete lifecycle of the default webhook makes sure, when
// the workflow is activated, that the trigger has the secret that signs its hosted form's pages
// (formTiming.ts) and, with rate limits on, its counter rows (rateLimits.ts); deactivating keeps
// both, so pages already open are still accepted and counts go on after a save.
export class CallbackRequestTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Request Trigger',
		name: 'callbackRequestTrigger',
		icon: { light: 'file:callbackRequest.svg', dark: 'file:callbackRequest.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"/" + $parameter["path"]}}',
		description: 'Starts a callback when a lead asks to be called back from a web form or funnel',
		defaults: { name: 'Callback Request' },
		inputs: [],
		// A second output appears only when risky requests are held, so workflows that never hold
		// keep the one output they were built with.
		outputs: `={{ ($parameter.riskyRequests === "hold" ? ["Accepted", "Held for Review"] : ["Accepted"]).map((displayName) => ({ type: "main", displayName })) }}`,
		credentials: [
			{
				name: 'callbackHeaderAuthApi',
				required: true,
				testedBy: 'checkWebhookSecret',
				displayOptions: { show: { authentication: ['headerToken'] } },
			},
			{
				name: 'callbackHmacAuthApi',
				required: true,
				testedBy: 'checkWebhookSecret',
				displayOptions: { show: { authentication: ['hmacSignature'] } },
			},
			{
				name: 'callbackTurnstileApi',
				required: true,
				displayOptions: { show: { humanCheck: ['turnstile'] } },
			},
			{
				name: 'callbackHCaptchaApi',
				required: true,
				displayOptions: { show: { humanCheck: ['hcaptcha'] } },
			},
			{
				name: 'callbackRecaptchaApi',
				required: true,
				displayOptions: { show: { humanCheck: ['recaptcha'] } },
			},
			{
				name: 'callbackN8nApi',
				required: true,
				displayOptions: { show: { rateLimits: ['dataTable'] } },
			},

			{
				// Texts the code when the lead's number is to be confirmed first.
				name: 'callbackTwilioApi',
				required: true,
				displayOptions: { show: { confirmNumber: ['textCode'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty: the answer is the webhookResponse the node returns (sent after n8n stores
				// the duplicate log), never n8n's generic "Workflow was started".
				responseData: '',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					'Your form posts here. Open the production URL (GET) to see the hosted form; JSON, URL-encoded and multipart posts are accepted.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...submissionProperties,
			...humanCheckProperties,
			...rateLimitProperties,
			...confirmationProperties,
			...timeSlotProperties,
			...formProperties,
			...responseProperties,
			...optionProperties,
		],
	};

	methods = {
		credentialTest: {
			async checkWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data ?? {};
				const secret = String(data.token ?? data.secret ?? '');
				const headerName = String(data.headerName ?? '');
				if (!/^[A-Za-z0-9-]+$/.test(headerName)) {
					return { status: 'Error', message: 'Use a header name made of letters, digits and dashes, e.g. X-Callback-Token.' };
				}
				if (secret.trim().length < MIN_SECRET_LENGTH) {
					return {
						status: 'Error',
						message: `Use a secret of at least ${MIN_SECRET_LENGTH} characters (a random string); shorter ones can be guessed.`,
					};
				}
				return { status: 'OK', message: 'The secret is long enough. Send it from your form tool.' };
			},
		},
	};

	webhookMethods = {
		default: {
			// With rate limits or time slots on, every publish checks their tables (and the schedule
			// the slots are cut from) and makes what is missing.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (readRateLimitSettings(this) !== null || readTimeSlotSettings(this) !== null) return false;
				return await formSecretLifecycle.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await prepareRateLimitTable(this);
				await prepareSlotTable(this);
				return await formSecretLifecycle.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await formSecretLifecycle.delete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallbackWebhook.call(this);
	}
}
