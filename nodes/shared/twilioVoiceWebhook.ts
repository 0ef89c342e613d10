import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { emptyTwiml } from '../core/calls/bridgeTwiml';
import { formParams, formValue, isValidTwilioSignature, paramsFromParsedBody, requestedUrl, type TwilioFormParams } from '../core/twilioSignature';
import { TWILIO_CREDENTIAL } from '../transport/twilioRequest';

/**
 * The webhook side of the calling nodes. Twilio's requests about a call come to the node's
 * resume URL of its waiting execution; n8n does not check who sent them, so every one is
 * checked here against Twilio's signature before anything is answered or resumed.
 */

/** The auth token Twilio signs webhooks with: the account's, also when the REST API uses an API key. */
function signingToken(credentials: IDataObject): string {
	const field = credentials.authType === 'apiKey' ? credentials.webhookAuthToken : credentials.authToken;
	return typeof field === 'string' ? field.trim() : '';
}

/**
 * Fails before a call is placed when Twilio's requests could not be checked: with an API key
 * the credential must also hold the account's auth token, or every request would be refused
 * and the call would only end after the maximum wait.
 */
export async function assertWebhooksVerifiable(context: IExecuteFunctions, itemIndex: number): Promise<void> {
	const credentials = await context.getCredentials(TWILIO_CREDENTIAL, itemIndex);
	if (signingToken(credentials) !== '') return;
	throw new NodeOperationError(
		context.getNode(),
		'The Twilio credential uses an API key but has no "Auth Token (for Webhook Signatures)". Twilio signs its requests about calls with the account\'s auth token; add it to the credential so the node can check them.',
		{ itemIndex },
	);
}

export interface TwilioVoiceRequest {
	params: TwilioFormParams;
	query: IDataObject;
}

/**
 * The request's form parameters when it carries a valid `X-Twilio-Signature` for the URL the
 * node gave Twilio (`publicUrl`, with the query the request came with), or null.
 */
export async function signedTwilioRequest(context: IWebhookFunctions, publicUrl: string): Promise<TwilioVoiceRequest | null> {
	const request = context.getRequestObject();
	const credentials = await context.getCredentials(TWILIO_CREDENTIAL);
	const params = request.rawBody !== undefined && request.rawBody !== null ? formParams(request.rawBody.toString('utf8')) : paramsFromParsedBody(request.body);
	const header = request.headers['x-twilio-signature'];
	const signature = Array.isArray(header) ? header[0] : header;
	const url = requestedUrl(publicUrl, request.originalUrl ?? request.url);
	if (!isValidTwilioSignature(signingToken(credentials), signature, url, params)) return null;
	// A request signed with this token but about another account is not about this call.
	const accountSid = params.AccountSid;
	if (typeof accountSid === 'string' && accountSid !== String(credentials.accountSid ?? '').trim()) return null;
	return { params, query: context.getQueryData() as IDataObject };
}

/** Answers Twilio with a TwiML document and resumes nothing. */
export function answerTwiml(context: IWebhookFunctions, twiml: string): IWebhookResponseData {
	context.getResponseObject().status(200).type('text/xml').send(twiml);
	return { noWebhookResponse: true };
}

/** Answers Twilio with a TwiML document and resumes the waiting execution with `item`. */
export function answerTwimlAndResume(context: IWebhookFunctions, twiml: string, item: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(200).type('text/xml').send(twiml);
	return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
}

/** Refuses a request: nothing is answered to Twilio's call and nothing resumes. */
export function refuse(context: IWebhookFunctions, status: 403 | 404, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).type('text/plain').send(message);
	return { noWebhookResponse: true };
}

/**
 * Answers a request the node failed to handle: 200 with an empty TwiML document, which ends
 * that part of the call, and nothing resumed. n8n would resume the waiting execution with an
 * error if the webhook threw, and Twilio would log every non-2xx answer as an error on the
 * account; this way the execution keeps waiting and the maximum wait reads the outcome from Twilio.
 */
export function answerWithoutResuming(context: IWebhookFunctions, error: unknown): IWebhookResponseData {
	context.logger.warn(`A request from Twilio about a call could not be handled: ${(error as Error)?.message ?? String(error)}`);
	const response = context.getResponseObject();
	if (!response.headersSent) response.status(200).type('text/xml').send(emptyTwiml());
	return { noWebhookResponse: true };
}

/**
 * The item the execution waits with, as the node handed it on before waiting. On a resume
 * URL's request n8n evaluates the node's parameters against that item, so a hidden parameter
 * holding `$json` reads it back.
 */
export function waitingItem(context: IWebhookFunctions): IDataObject {
	const value = context.getNodeParameter('waitingItem', {}) as unknown;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	return JSON.parse(JSON.stringify(value)) as IDataObject;
}

/** One parameter of Twilio's request as text ('' when absent). */
export function param(request: TwilioVoiceRequest, name: string): string {
	return formValue(request.params, name);
}

/** A whole number Twilio sent (a duration), or null. */
export function numberParam(request: TwilioVoiceRequest, name: string): number | null {
	const text = param(request, name);
	return /^\d+$/.test(text) ? Number(text) : null;
}
