import axios, { type AxiosResponse } from 'axios';
import { DateTime } from 'luxon';

import { outputOf, requestedN8nVersion, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { isN8n1, template as intakeTemplate } from '../harness/templates';

/** The intake template with its Business Settings filled in (the sample business). */
const template: WorkflowJson = intakeTemplate('01-callback-request-intake.json');
/** A test that only means something on n8n 1.x; skipped (and counted as skipped) on 2.x. */
const onN8n1 = isN8n1(requestedN8nVersion()) ? it : it.skip;

const WEBSITE = 'Website Callback Form';
const HIGHLEVEL = 'HighLevel Callback Request';

/** Long enough for the one-time n8n install on a machine that has never run these tests. */
const FIRST_START_TIMEOUT_MS = 15 * 60_000;

const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<AxiosResponse> =>
	await axios.post(url, body, { headers, validateStatus: () => true, maxRedirects: 0 });

/** Waits a moment so a wrongly started execution would have been stored, then counts them. */
async function settledExecutionCount(n8n: N8nHandle, workflowId: string): Promise<number> {
	await new Promise((resolve) => setTimeout(resolve, 1500));
	return (await n8n.api.listExecutions(workflowId)).length;
}

describe('Callback Request Trigger in a real n8n', () => {
	let n8n: N8nHandle;
	let workflow: StoredWorkflow;
	let url: string;
	let highLevelUrl: string;
	let executionsSoFar = 0;

	beforeAll(async () => {
		n8n = await startN8n();
		workflow = await n8n.api.importAndActivate(template);
		url = n8n.api.webhookUrl('callback-request');
		highLevelUrl = n8n.api.webhookUrl('highlevel-callback-request');
	}, FIRST_START_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	});

	async function expectOneNewExecution(triggerName: string): Promise<Record<string, unknown>> {
		executionsSoFar += 1;
		const executions = await n8n.api.waitForExecutions(workflow.id, executionsSoFar, 30_000);
		expect(await settledExecutionCount(n8n, workflow.id)).toBe(executionsSoFar);
		const newest = executions[executions.length - 1];
		expect(newest.status).toBe('success');
		const [[item], ...rest] = outputOf(newest, triggerName);
		expect(rest.every((output) => output.length === 0)).toBe(true);
		expect(outputOf(newest, 'Callback Requested')[0]).toHaveLength(1);
		return item as Record<string, unknown>;
	}

	it('(a) a JSON post starts exactly one execution with the normalized item', async () => {
		const response = await post(url, {
			firstName: 'Jane',
			lastName: 'Doe',
			phone: '(415) 555-2671',
			email: 'Jane@Example.com',
			message: 'Leaking water heater',
			timezone: 'America/Los_Angeles',
			consent: true,
			utm_campaign: 'spring',
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ ok: true, callbackId: expect.stringMatching(/^cb_/), duplicate: false, expectedCallAt: null, expectedCallText: expect.any(String) });

		const item = await expectOneNewExecution(WEBSITE);
		expect(item).toEqual({
			callbackId: response.data.callbackId,
			requestedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
			contact: { firstName: 'Jane', lastName: 'Doe', phone: '+14155552671', phoneCountry: 'US', email: 'jane@example.com' },
			reason: 'Leaking water heater',
			mode: 'asap',
			preferredTime: null,
			timezone: 'America/Los_Angeles',
			consent: expect.objectContaining({ given: true, text: expect.stringContaining('STOP'), ip: expect.any(String) }),
			source: 'webhook',
			custom: { utm_campaign: 'spring' },
			// A US number may be a mobile or a landline: nothing for anyone to look at.
			risk: { level: 'low', reasons: [] },
		});
	});

	it('(a) an urlencoded post starts exactly one execution', async () => {
		const inAWeek = DateTime.now().setZone('America/Toronto').plus({ days: 7 }).startOf('minute');
		const body = new URLSearchParams({
			name: 'John Q Public',
			phone: '+1 613 555 0123',
			reason: 'Quote for a new boiler',
			preferred_time: inAWeek.toFormat("yyyy-MM-dd'T'10:30"),
			timezone: 'America/Toronto',
			consent: 'yes',
		}).toString();
		const response = await post(url, body, { 'content-type': 'application/x-www-form-urlencoded' });
		expect(response.status).toBe(200);
		expect(response.data.duplicate).toBe(false);

		const item = await expectOneNewExecution(WEBSITE);
		expect(item).toEqual(
			expect.objectContaining({
				callbackId: response.data.callbackId,
				contact: { firstName: 'John', lastName: 'Q Public', phone: '+16135550123', phoneCountry: 'CA', email: null },
				mode: 'scheduled',
				preferredTime: inAWeek.set({ hour: 10, minute: 30 }).toISO({ suppressMilliseconds: true }),
				timezone: 'America/Toronto',
			}),
		);
	});

	it('(a) a HighLevel webhook starts exactly one execution', async () => {
		const response = await post(highLevelUrl, {
			contact_id: 'pX9aB7cD',
			first_name: 'Maria',
			last_name: 'Garcia',
			full_name: 'Maria Garcia',
			email: 'maria@example.com',
			phone: '+12125550147',
			tags: ['facebook lead'],
			timezone: 'America/New_York',
			customData: { reason: 'Roof inspection' },
			location: { id: 'loc123', name: 'Acme Roofing' },
			workflow: { id: 'wf1', name: 'Callback funnel' },
		});
		expect(response.status).toBe(200);

		const item = await expectOneNewExecution(HIGHLEVEL);
		expect(item).toEqual(
			expect.objectContaining({
				callbackId: response.data.callbackId,
				contact: { firstName: 'Maria', lastName: 'Garcia', phone: '+12125550147', phoneCountry: 'US', email: 'maria@example.com' },
				reason: 'Roof inspection',
				timezone: 'America/New_York',
				source: 'highlevel',
				custom: {
					contact_id: 'pX9aB7cD',
					tags: ['facebook lead'],
					location: { id: 'loc123', name: 'Acme Roofing' },
					workflow: { id: 'wf1', name: 'Callback funnel' },
				},
			}),
		);
	});

	it('(b) 20 different invalid submissions each get a 4xx naming the bad field and start no execution', async () => {
		const valid = { first_name: 'Ann', phone: '+1 312 555 0199' };
		const multipart = new FormData();
		multipart.append('first_name', 'Ann');
		multipart.append('phone', 'not a phone');
		const cases: Array<{ body: unknown; field: string; headers?: Record<string, string> }> = [
			{ body: { first_name: 'Ann' }, field: 'phone' },
			{ body: { ...valid, phone: '12345' }, field: 'phone' },
			{ body: { ...valid, phone: '+44 20 7946 0958' }, field: 'phone' },
			{ body: { ...valid, phone: '+1 900 555 0123' }, field: 'phone' },
			{ body: { phone: valid.phone }, field: 'first_name' },
			{ body: { ...valid, first_name: '12345' }, field: 'first_name' },
			{ body: { ...valid, first_name: 'A'.repeat(81) }, field: 'first_name' },
			{ body: { ...valid, last_name: { nested: 'object' } }, field: 'last_name' },
			{ body: { ...valid, email: 'ann@' }, field: 'email' },
			{ body: { ...valid, message: 'x'.repeat(501) }, field: 'message' },
			{ body: { ...valid, timezone: 'Mars/Olympus_Mons' }, field: 'timezone' },
			{ body: { ...valid, preferred_time: '2020-01-01T10:00:00-05:00' }, field: 'preferred_time' },
			{ body: { ...valid, preferred_time: 'whenever suits' }, field: 'preferred_time' },
			{ body: { ...valid, preferred_time: '2031-03-03 10:30' }, field: 'preferred_time' },
			{ body: { ...valid, consent: 'maybe' }, field: 'consent' },
			{ body: { ...valid, phone: '+1 415 555 0123 x123456789' }, field: 'phone' },
			{ body: { ...valid, campaign_notes: 'y'.repeat(2001) }, field: 'campaign_notes' },
			{ body: [valid], field: 'body' },
			{ body: 'first_name=Ann&phone=abc', field: 'phone', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
			{ body: multipart, field: 'phone' },
		];
		expect(new Set(cases.map(({ body }) => (body instanceof FormData ? 'multipart' : JSON.stringify(body)))).size).toBe(20);

		for (const { body, field, headers } of cases) {
			const response = await post(url, body, headers);
			expect({ field, status: response.status }).toEqual({ field, status: expect.any(Number) });
			expect(response.status).toBeGreaterThanOrEqual(400);
			expect(response.status).toBeLessThan(500);
			expect(response.data.ok).toBe(false);
			expect(response.data.errors.map((error: { field: string }) => error.field)).toContain(field);
			expect(response.data.message).toContain(field);
		}
		expect(await settledExecutionCount(n8n, workflow.id)).toBe(executionsSoFar);
	});

	it('answers a bot that filled the honeypot as if accepted, without naming the trap, and starts nothing', async () => {
		const executionsBefore = await settledExecutionCount(n8n, workflow.id);
		const response = await post(url, { first_name: 'Ann', phone: '+1 646 555 0190', website: 'http://spam.example' });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ ok: true, duplicate: false });
		expect(JSON.stringify(response.data)).not.toMatch(/website|honeypot|spam/i);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await settledExecutionCount(n8n, workflow.id)).toBe(executionsBefore);
	});

	it('(c) a repeat within the window starts no execution, also after n8n restarts', async () => {
		const first = await post(url, { first_name: 'Sam', phone: '+1 646 555 0110' });
		expect(first.data.duplicate).toBe(false);
		await expectOneNewExecution(WEBSITE);

		const repeat = await post(url, new URLSearchParams({ name: 'Sam Smith', phone: '(646) 555-0110' }).toString(), {
			'content-type': 'application/x-www-form-urlencoded',
		});
		expect(repeat.status).toBe(200);
		expect(repeat.data).toEqual({ ok: true, callbackId: first.data.callbackId, duplicate: true, expectedCallAt: null, expectedCallText: expect.any(String) });
		expect(await settledExecutionCount(n8n, workflow.id)).toBe(executionsSoFar);

		await n8n.restart();

		const afterRestart = await post(url, { first_name: 'Sam', phone: '+16465550110' });
		expect(afterRestart.status).toBe(200);
		expect(afterRestart.data).toEqual({ ok: true, callbackId: first.data.callbackId, duplicate: true, expectedCallAt: null, expectedCallText: expect.any(String) });
		expect(await settledExecutionCount(n8n, workflow.id)).toBe(executionsSoFar);

		// A different number is still welcome right after.
		const other = await post(url, { first_name: 'Kim', phone: '+1 646 555 0111' });
		expect(other.data.duplicate).toBe(false);
		await expectOneNewExecution(WEBSITE);
	});

	it('serves the hosted form on GET', async () => {
		const response = await axios.get(url, { validateStatus: () => true });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toContain('text/html');
		expect(response.data).toContain('Acme Plumbing');
		expect(response.data).toMatch(/<form[^>]*method="post"/i);
		expect(await axios.get(highLevelUrl, { validateStatus: () => true }).then((r) => r.status)).toBe(404);
	});

	// n8n 2.x publishes them: see rateLimits.e2e.test.ts.
	onN8n1('refuses to publish rate limits on n8n 1.x, whose API has no Data Tables, and says why', async () => {
		// A real key with every scope this n8n offers: what is missing is the API itself.
		const scopes = await n8n.api.rest<string[]>('GET', '/api-keys/scopes');
		const key = await n8n.api.rest<{ rawApiKey: string }>('POST', '/api-keys', { label: 'rate limits', scopes, expiresAt: null });
		const credential = await n8n.api.createCredential({ name: 'n8n API', type: 'callbackN8nApi', data: { apiKey: key.rawApiKey, baseUrl: n8n.baseUrl } });
		const limited = {
			name: 'Rate limits on 1.x',
			nodes: [
				{
					parameters: { path: 'limited-on-1x', rateLimits: 'dataTable' },
					name: WEBSITE,
					type: 'n8n-nodes-callback.callbackRequestTrigger',
					typeVersion: 1,
					position: [0, 0],
					id: 'limited-trigger',
					webhookId: 'limited-on-1x',
					credentials: { callbackN8nApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
		} as unknown as WorkflowJson;
		const stored = await n8n.api.importWorkflow(limited);
		const refusal = await n8n.api.activateWorkflow(stored.id).then(
			() => null,
			(error: Error) => error.message,
		);
		expect(refusal).toMatch(/Rate limits could not be set up.*Rate limits need n8n 2\.x/);
		expect((await axios.post(n8n.api.webhookUrl('limited-on-1x'), { first_name: 'Sam', phone: '+16465550112' }, { validateStatus: () => true })).status).toBe(404);
	});
});
