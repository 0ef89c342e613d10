import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_AGE_SECONDS, FORM_TOKEN_FIELD, issueFormToken } from '../../nodes/core/abuse/submitTiming';
import { CallbackRequestTrigger } from '../../nodes/CallbackRequestTrigger/CallbackRequestTrigger.node';
import { FORM_SECRET_KEY } from '../../nodes/CallbackRequestTrigger/formTiming';
import { callWebhook, loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

/**
 * The hosted form's minimum time before sending and the fraud signals on each item, in n8n-core:
 * pages served by the trigger, posts as a browser or a script would send them.
 */

const TRIGGER = 'Website Callback Form';
const NODE_ID = 'form-node';
const PATH = 'callback';
const FORM_ID = `${NODE_ID}/${PATH}`;

const TOO_FAST = 'That was quicker than we expected. Please wait a few seconds and send the form again.';
const UNCHECKED = 'This form could not be checked. Please reload the page and send it again.';
const EXPIRED = 'This page has been open for a long time. Please reload it and send the form again.';

function hostedForm(parameters: IDataObject = {}, id = NODE_ID, path = PATH): WorkflowJson {
	return {
		name: 'Hosted form',
		nodes: [
			{
				id,
				name: TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: id,
				parameters: { path, duplicateWindowMinutes: 0, consentText: '', options: {}, ...parameters },
			},
		],
		connections: {},
	};
}

/** What a person typed into the hosted form. */
const answers = { _form: 'hosted', first_name: 'Jane', last_name: 'Doe', phone: '(415) 555-2671' };

/** A browser's post of the hosted form: urlencoded, asking for a page. */
const asBrowser = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

function tokenIn(html: string): string | undefined {
	return new RegExp(`name="${FORM_TOKEN_FIELD}" value="([^"]*)"`).exec(html)?.[1];
}

function secretOf(staticData: IDataObject): string {
	const secret = (staticData[`node:${TRIGGER}`] as IDataObject | undefined)?.[FORM_SECRET_KEY];
	if (typeof secret !== 'string') throw new Error('The trigger has no form secret');
	return secret;
}

async function servePage(staticData: IDataObject, parameters: IDataObject = {}) {
	const call = await callWebhook(loadWorkflow(hostedForm(parameters), staticData), TRIGGER, { method: 'GET' });
	return String(call.response.body);
}

async function send(staticData: IDataObject, body: IDataObject, headers: Record<string, string> = asBrowser, parameters: IDataObject = {}) {
	return await callWebhook(loadWorkflow(hostedForm(parameters), staticData), TRIGGER, { method: 'POST', headers, body });
}

/** A token as the trigger would have issued it `secondsAgo` seconds ago. */
function issuedAgo(staticData: IDataObject, secondsAgo: number, formId = FORM_ID): string {
	return issueFormToken({ secret: secretOf(staticData), formId, now: Date.now() - secondsAgo * 1000 });
}

describe('the hosted form\'s minimum time before sending (in-process n8n-core)', () => {
	it('serves the page with a signed token and keeps the secret in the node\'s static data, never in the page', async () => {
		const staticData: IDataObject = {};
		const html = await servePage(staticData);
		const secret = secretOf(staticData);
		expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
		expect(tokenIn(html)).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
		expect(html).not.toContain(secret);

		// The same secret for every page after that.
		await servePage(staticData);
		expect(secretOf(staticData)).toBe(secret);
	});

	it('takes a hosted-form post sent after the minimum, without the token in the item', async () => {
		const staticData: IDataObject = {};
		await servePage(staticData);
		const call = await send(staticData, { ...answers, [FORM_TOKEN_FIELD]: issuedAgo(staticData, 10) });
		expect(call.response.status).toBe(200);
		const [[item]] = call.webhookResult.workflowData!;
		expect(item.json).toEqual(expect.objectContaining({ source: 'hosted-form', custom: {} }));
	});

	it.each([
		['without a token', () => undefined, UNCHECKED],
		['with a token we did not sign', () => issueFormToken({ secret: 'a guessed secret', formId: FORM_ID, now: Date.now() - 60_000 }), UNCHECKED],
		['with a token that is not one', () => 'v1.123.not-a-signature', UNCHECKED],
		['too soon after the page was served', (staticData: IDataObject) => issuedAgo(staticData, 1), TOO_FAST],
		['from a page open longer than the maximum', (staticData: IDataObject) => issuedAgo(staticData, DEFAULT_MAX_AGE_SECONDS + 60), EXPIRED],
		['with the token of another form of the same trigger', (staticData: IDataObject) => issuedAgo(staticData, 10, `${NODE_ID}/another-path`), UNCHECKED],
	])('sends a hosted-form post %s back as the form with the message and the answers, and starts nothing', async (_, token, message) => {
		const staticData: IDataObject = {};
		await servePage(staticData);
		const sent = token(staticData);
		const call = await send(staticData, sent === undefined ? answers : { ...answers, [FORM_TOKEN_FIELD]: sent });

		expect(call.webhookResult).toEqual({ noWebhookResponse: true });
		expect(call.response.status).toBe(422);
		const html = String(call.response.body);
		expect(html).toContain(message);
		expect(html).toContain('value="Jane"');
		expect(html).toContain('value="(415) 555-2671"');
		// A fresh token, so the person only has to wait and send again.
		const fresh = tokenIn(html);
		expect(fresh).toMatch(/^v1\./);
		expect(fresh).not.toBe(sent);
		expect(html).not.toContain(secretOf(staticData));
	});

	it('refuses the token of another trigger\'s page', async () => {
		const otherData: IDataObject = {};
		const otherPage = await callWebhook(loadWorkflow(hostedForm({}, 'other-node', 'other'), otherData), TRIGGER, { method: 'GET' });
		const otherToken = tokenIn(String(otherPage.response.body))!;
		const staticData: IDataObject = {};
		await servePage(staticData);
		// Waited for: only the signature can tell it apart.
		jest.useFakeTimers({ now: Date.now() + 10_000, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
		try {
			const call = await send(staticData, { ...answers, [FORM_TOKEN_FIELD]: otherToken });
			expect(call.response.status).toBe(422);
			expect(String(call.response.body)).toContain(UNCHECKED);
		} finally {
			jest.useRealTimers();
		}
	});

	it('answers a JSON post carrying a refused token in JSON, without saying more than the problem', async () => {
		const staticData: IDataObject = {};
		await servePage(staticData);
		const call = await send(staticData, { ...answers, _form: undefined, [FORM_TOKEN_FIELD]: issuedAgo(staticData, 0) }, { 'content-type': 'application/json' });
		expect(call.response.status).toBe(422);
		expect(call.response.body).toEqual({ ok: false, error: 'form-token-refused', problem: 'too-fast', message: TOO_FAST });
		expect(call.webhookResult.workflowData).toBeUndefined();
	});

	it('leaves funnels\' JSON posts without a token alone, and makes no secret for them', async () => {
		const staticData: IDataObject = {};
		const call = await send(staticData, { first_name: 'Jane', phone: '+1 415 555 2671' }, { 'content-type': 'application/json' });
		expect(call.response.status).toBe(200);
		expect(call.webhookResult.workflowData?.[0]).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	it('sends a page back to fix a field with the token it passed with, so the person need not wait again', async () => {
		const staticData: IDataObject = {};
		await servePage(staticData);
		const passed = issuedAgo(staticData, 10);
		const call = await send(staticData, { ...answers, phone: '12345', [FORM_TOKEN_FIELD]: passed });
		expect(call.response.status).toBe(422);
		expect(tokenIn(String(call.response.body))).toBe(passed);
	});

	it('checks nothing and adds no token with the minimum set to 0', async () => {
		const staticData: IDataObject = {};
		const html = await servePage(staticData, { minSecondsBeforeSending: 0 });
		expect(tokenIn(html)).toBeUndefined();
		const call = await send(staticData, answers, asBrowser, { minSecondsBeforeSending: 0 });
		expect(call.response.status).toBe(200);
		expect(call.webhookResult.workflowData?.[0]).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	it('honours a longer minimum set by the business', async () => {
		const staticData: IDataObject = {};
		await servePage(staticData, { minSecondsBeforeSending: 20 });
		const tooSoon = await send(staticData, { ...answers, [FORM_TOKEN_FIELD]: issuedAgo(staticData, 10) }, asBrowser, { minSecondsBeforeSending: 20 });
		expect(String(tooSoon.response.body)).toContain(TOO_FAST);
		const later = await send(staticData, { ...answers, [FORM_TOKEN_FIELD]: issuedAgo(staticData, 21) }, asBrowser, { minSecondsBeforeSending: 20 });
		expect(later.response.status).toBe(200);
	});
});

describe('the form secret is made when the workflow is activated', () => {
	function hookContext(staticData: IDataObject): IHookFunctions {
		return { getWorkflowStaticData: () => staticData, getNodeParameter: (_name: string, fallback: unknown) => fallback } as unknown as IHookFunctions;
	}

	it('creates it once, reports it as existing, and keeps it on deactivation', async () => {
		const lifecycle = new CallbackRequestTrigger().webhookMethods.default;
		const nodeData: IDataObject = {};
		const context = hookContext(nodeData);
		expect(await lifecycle.checkExists.call(context)).toBe(false);
		expect(await lifecycle.create.call(context)).toBe(true);
		const secret = nodeData[FORM_SECRET_KEY];
		expect(typeof secret).toBe('string');
		expect(await lifecycle.checkExists.call(context)).toBe(true);
		expect(await lifecycle.create.call(context)).toBe(true);
		expect(await lifecycle.delete.call(context)).toBe(true);
		expect(nodeData[FORM_SECRET_KEY]).toBe(secret);
	});

	it('signs pages with the secret made at activation', async () => {
		const nodeData: IDataObject = {};
		await new CallbackRequestTrigger().webhookMethods.default.create.call(hookContext(nodeData));
		const staticData: IDataObject = { [`node:${TRIGGER}`]: nodeData };
		await servePage(staticData);
		expect(secretOf(staticData)).toBe(nodeData[FORM_SECRET_KEY]);
	});
});

describe('fraud signals on the item (callback.risk)', () => {
	async function itemFor(phone: string): Promise<IDataObject> {
		const workflow = loadWorkflow(hostedForm({ hostedForm: false }));
		const call = await callWebhook(workflow, TRIGGER, { method: 'POST', headers: { 'content-type': 'application/json' }, body: { first_name: 'Jane', phone } });
		expect(call.response.status).toBe(200);
		const run = await runFromTrigger(workflow, TRIGGER, call.webhookResult.workflowData!);
		expect(run.status).toBe('success');
		return outputOf(run, TRIGGER)[0];
	}

	it('asks for a review of a toll-free number, saying why in plain words', async () => {
		const item = await itemFor('+1 800 275 2273');
		expect(item.risk).toEqual({
			level: 'review',
			reasons: [{ code: 'toll-free-line', text: expect.stringContaining('toll-free number') }],
		});
	});

	it('finds nothing to look at in a US number that may be a mobile or a landline', async () => {
		const item = await itemFor('+1 415 555 2671');
		expect(item.risk).toEqual({ level: 'low', reasons: [] });
	});
});
