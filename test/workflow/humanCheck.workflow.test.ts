import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { HumanCheckDouble, TEST_KEYS } from '../humanCheckDouble';
import { callWebhook, loadWorkflow, type WorkflowJson } from './inProcessN8n';

/**
 * The Human Check option in a workflow run by n8n-core: the node asks the local double through
 * n8n's own HTTP client, exactly as it would ask Cloudflare, hCaptcha or Google.
 */

const TRIGGER = 'Callback Request';
const HOST = 'n8n.example.com';

function intake(parameters: IDataObject, credentialType = 'callbackTurnstileApi'): WorkflowJson {
	return {
		name: 'Intake with a human check',
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'human-check',
				parameters: { path: 'human-check', duplicateWindowMinutes: 30, options: {}, humanCheck: 'turnstile', ...parameters },
				credentials: { [credentialType]: { id: '1', name: 'Human check' } },
			},
		],
		connections: {},
	};
}

const lead = { first_name: 'Jane', phone: '+1 415 555 2671', timezone: 'America/Los_Angeles' };

let double: HumanCheckDouble;

beforeAll(async () => {
	double = await HumanCheckDouble.start({ hostname: HOST });
});
afterAll(async () => {
	await double.stop();
});
afterEach(() => {
	double.outage = null;
});

function turnstileCredential(secret = double.keys('turnstile').secret): Record<string, ICredentialDataDecryptedObject> {
	return { callbackTurnstileApi: { siteKey: double.keys('turnstile').siteKey, secretKey: secret, verifyUrl: double.verifyUrl('turnstile') } };
}

async function post(body: IDataObject, options: { parameters?: IDataObject; credentials?: Record<string, ICredentialDataDecryptedObject>; staticData?: IDataObject; credentialType?: string } = {}) {
	const workflow = loadWorkflow(intake(options.parameters ?? {}, options.credentialType), options.staticData ?? {});
	return callWebhook(
		workflow,
		TRIGGER,
		{ method: 'POST', headers: { 'content-type': 'application/json', host: `${HOST}:443` }, body, ip: '203.0.113.7' },
		options.credentials ?? turnstileCredential(),
	);
}

describe('Human Check on JSON posts (in-process n8n-core, local siteverify double)', () => {
	it('refuses a post without a token with 422, asks no provider and starts nothing', async () => {
		const asked = double.requests.length;
		const staticData: IDataObject = {};
		const call = await post(lead, { staticData });
		expect(call.response.status).toBe(422);
		expect(call.response.body).toEqual({
			ok: false,
			error: 'human-check-failed',
			message: 'The security check did not finish. Please wait until it is done, then send the form again.',
		});
		expect(call.webhookResult.workflowData).toBeUndefined();
		expect(double.requests.length).toBe(asked);
		// Nothing was stored: the duplicate window has not seen this number.
		expect(staticData).toEqual({});
	});

	it('refuses an invalid token with 422 after asking the provider with the secret and the lead\'s address', async () => {
		const call = await post({ ...lead, 'cf-turnstile-response': 'made-up-token' });
		expect(call.response.status).toBe(422);
		expect(call.response.body).toEqual({ ok: false, error: 'human-check-failed', message: 'The security check did not pass. Please complete it again and send the form.' });
		expect(call.webhookResult.workflowData).toBeUndefined();
		expect(double.requests.at(-1)).toMatchObject({
			method: 'POST',
			contentType: 'application/x-www-form-urlencoded',
			params: { secret: double.keys('turnstile').secret, response: 'made-up-token', remoteip: '203.0.113.7' },
		});
	});

	it('accepts a valid token (in the widget\'s field or as humanCheckToken) and keeps it out of the lead\'s data', async () => {
		for (const field of ['cf-turnstile-response', 'humanCheckToken']) {
			const token = double.issueToken('turnstile');
			const call = await post({ ...lead, [field]: token });
			expect(call.response.body).toMatchObject({ ok: true, duplicate: false });
			const [[item]] = call.webhookResult.workflowData!;
			expect(JSON.stringify(item.json)).not.toContain(token);
			expect(item.json.custom).toEqual({});
		}
	});

	it('refuses a token used twice as timed out', async () => {
		const token = double.issueToken('turnstile');
		expect((await post({ ...lead, 'cf-turnstile-response': token })).response.body).toMatchObject({ ok: true });
		const again = await post({ ...lead, 'cf-turnstile-response': token });
		expect(again.response.status).toBe(422);
		expect(again.response.body).toMatchObject({ error: 'human-check-failed', message: 'The security check timed out. Please do it again, then send the form.' });
	});

	it('expects the host the post came to, unless Human Check Hostnames names others', async () => {
		const elsewhere = double.issueToken('turnstile', { hostname: 'funnel.example.org' });
		expect((await post({ ...lead, 'cf-turnstile-response': elsewhere })).response.status).toBe(422);
		const listed = double.issueToken('turnstile', { hostname: 'funnel.example.org' });
		const call = await post({ ...lead, 'cf-turnstile-response': listed }, { parameters: { humanCheckHostnames: 'www.example.org, Funnel.Example.org' } });
		expect(call.response.body).toMatchObject({ ok: true });
	});

	it.each([
		['answers 503', 'unavailable'],
		['answers a page instead of JSON', 'html'],
		['drops the connection', 'drop'],
	] as const)('answers 503 with Retry-After and starts nothing when the provider %s', async (_, outage) => {
		double.outage = outage;
		const call = await post({ ...lead, 'cf-turnstile-response': double.issueToken('turnstile') });
		expect(call.response.status).toBe(503);
		expect(call.response.headers['retry-after']).toBe('60');
		expect(call.response.body).toEqual({
			ok: false,
			error: 'human-check-unavailable',
			message: 'The security check is not working right now. Please try again in a few minutes.',
		});
		expect(call.webhookResult.workflowData).toBeUndefined();
	});

	it('answers 503, not a pass, when the secret key is wrong', async () => {
		const call = await post({ ...lead, 'cf-turnstile-response': double.issueToken('turnstile') }, { credentials: turnstileCredential('0x4AAAAAAA-not-the-secret') });
		expect(call.response.status).toBe(503);
		expect(call.webhookResult.workflowData).toBeUndefined();
	});

	it("works with each provider's published test keys", async () => {
		const hcaptcha = await post(
			{ ...lead, 'h-captcha-response': TEST_KEYS.hcaptcha.dummyToken },
			{
				parameters: { humanCheck: 'hcaptcha' },
				credentialType: 'callbackHCaptchaApi',
				credentials: { callbackHCaptchaApi: { siteKey: TEST_KEYS.hcaptcha.siteKey, secretKey: TEST_KEYS.hcaptcha.secret, verifyUrl: double.verifyUrl('hcaptcha') } },
			},
		);
		expect(hcaptcha.response.body).toMatchObject({ ok: true });
		expect(double.requests.at(-1)?.params.sitekey).toBe(TEST_KEYS.hcaptcha.siteKey);

		const recaptcha = await post(
			{ ...lead, 'g-recaptcha-response': 'anything' },
			{
				parameters: { humanCheck: 'recaptcha' },
				credentialType: 'callbackRecaptchaApi',
				credentials: { callbackRecaptchaApi: { siteKey: TEST_KEYS.recaptcha.siteKey, secretKey: TEST_KEYS.recaptcha.secret, version: 'v2', verifyUrl: double.verifyUrl('recaptcha-v2') } },
			},
		);
		expect(recaptcha.response.body).toMatchObject({ ok: true });
	});

	it('refuses a reCAPTCHA v3 score under the minimum', async () => {
		const v3 = double.keys('recaptcha-v3');
		const options = {
			parameters: { humanCheck: 'recaptcha' },
			credentialType: 'callbackRecaptchaApi',
			credentials: { callbackRecaptchaApi: { siteKey: v3.siteKey, secretKey: v3.secret, version: 'v3', minScore: 0.7, verifyUrl: double.verifyUrl('recaptcha-v3') } },
		};
		const low = await post({ ...lead, 'g-recaptcha-response': double.issueToken('recaptcha-v3', { score: 0.6 }) }, options);
		expect(low.response.status).toBe(422);
		expect(low.response.body).toMatchObject({ message: 'We could not confirm that you are a person. Please complete the check again and send the form.' });
		const high = await post({ ...lead, 'g-recaptcha-response': double.issueToken('recaptcha-v3', { score: 0.7 }) }, options);
		expect(high.response.body).toMatchObject({ ok: true });
	});
});
