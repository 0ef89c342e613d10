import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { sumRefusals } from '../../nodes/core/abuse/refusalTally';
import { FakeDataTableServer } from '../dataTableDouble/fakeDataTableServer';
import { callWebhook, loadWorkflow, type WorkflowJson } from './inProcessN8n';

/**
 * Rate limits in a workflow run by n8n-core: the trigger counts through n8n's own HTTP client and
 * credential handling, against a local stand-in for n8n's public Data Table API.
 */

const TRIGGER = 'Callback Request';

function intake(parameters: IDataObject): WorkflowJson {
	return {
		name: 'Intake with rate limits',
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'rate-limits',
				parameters: { path: 'rate-limits', duplicateWindowMinutes: 0, options: {}, rateLimits: 'dataTable', ...parameters },
				credentials: { callbackN8nApi: { id: '1', name: 'n8n API' } },
			},
		],
		connections: {},
	};
}

let server: FakeDataTableServer;

beforeEach(async () => {
	server = await FakeDataTableServer.start();
});
afterEach(async () => {
	await server.stop();
});

function credential(apiKey = server.apiKey): Record<string, ICredentialDataDecryptedObject> {
	return { callbackN8nApi: { apiKey, baseUrl: server.baseUrl } };
}

async function post(phone: string, options: { parameters?: IDataObject; apiKey?: string; ip?: string; headers?: Record<string, string>; staticData?: IDataObject } = {}) {
	const workflow = loadWorkflow(intake(options.parameters ?? {}), options.staticData ?? {});
	return await callWebhook(
		workflow,
		TRIGGER,
		{ method: 'POST', headers: { 'content-type': 'application/json', ...(options.headers ?? {}) }, body: { firstName: 'Jane', phone }, ip: options.ip ?? '203.0.113.7' },
		credential(options.apiKey),
	);
}

describe('Rate limits on the Callback Request Trigger (in-process n8n-core, local Data Table API)', () => {
	it('starts the first requests from an address and answers the rest 429 with Retry-After, starting nothing', async () => {
		const parameters = { rateLimitPerIp: '2/10m', rateLimitPerPrefix: '', rateLimitTotal: '' };
		const first = await post('+12125550101', { parameters });
		const second = await post('+13125550102', { parameters });
		const third = await post('+14155550103', { parameters });
		expect([first, second].map((call) => call.webhookResult.workflowData?.[0])).toEqual([[expect.anything()], [expect.anything()]]);
		expect(third.response.status).toBe(429);
		expect(Number(third.response.headers['retry-after'])).toBeGreaterThan(0);
		expect(third.response.body).toMatchObject({ ok: false, error: 'rate-limited', limit: 'ip', message: expect.stringMatching(/Please try again in \d+ (seconds|minutes)/) });
		expect(third.webhookResult.workflowData).toBeUndefined();
		// The key went in the header n8n's API reads; the counts are in the table by name.
		expect(new Set(server.keysSeen)).toEqual(new Set([server.apiKey]));
		const [table] = server.api.tables.values();
		expect(table.name).toBe('callback_rate_limits');
	});

	it('believes X-Forwarded-For only from a trusted proxy', async () => {
		const parameters = { rateLimitPerIp: '1/1h', rateLimitPerPrefix: '', rateLimitTotal: '' };
		const forwarded = (visitor: string) => ({ 'X-Forwarded-For': visitor });
		// Untrusted: two "visitors" behind the same connection are one address.
		expect((await post('+12125550101', { parameters, ip: '127.0.0.1', headers: forwarded('198.51.100.1') })).response.status).toBe(200);
		expect((await post('+12125550102', { parameters, ip: '127.0.0.1', headers: forwarded('198.51.100.2') })).response.status).toBe(429);
		// Through a trusted proxy each visitor counts on their own.
		const trusted = { ...parameters, trustedProxies: '127.0.0.1', rateLimitTable: 'behind_proxy' };
		expect((await post('+12125550103', { parameters: trusted, ip: '127.0.0.1', headers: forwarded('198.51.100.3') })).response.status).toBe(200);
		expect((await post('+12125550104', { parameters: trusted, ip: '127.0.0.1', headers: forwarded('198.51.100.4') })).response.status).toBe(200);
		expect((await post('+12125550105', { parameters: trusted, ip: '127.0.0.1', headers: forwarded('198.51.100.3') })).response.status).toBe(429);
	});

	it('puts bursts from one number block on the item for a review', async () => {
		const parameters = { rateLimitPerIp: '', rateLimitPerPrefix: '10/1h', rateLimitTotal: '' };
		const calls = [];
		for (let index = 0; index < 5; index++) calls.push(await post(`+1415555020${index}`, { parameters, ip: `203.0.113.${index + 1}` }));
		const levels = calls.map((call) => (call.webhookResult.workflowData?.[0][0].json.risk as { level: string }).level);
		expect(levels).toEqual(['low', 'low', 'low', 'review', 'review']);
		expect(calls[4].webhookResult.workflowData?.[0][0].json.risk).toMatchObject({ reasons: [expect.objectContaining({ code: 'prefix-burst' })] });
	});

	it('refuses for a minute, 503, when the counts cannot be reached, rather than let a request through uncounted', async () => {
		const call = await post('+12125550101', { apiKey: 'revoked-key' });
		expect(call.response.status).toBe(503);
		expect(call.response.headers['retry-after']).toBe('60');
		expect(call.response.body).toMatchObject({ ok: false, error: 'rate-limit-unavailable' });
		expect(call.webhookResult.workflowData).toBeUndefined();
	});

	it('counts each request it turned away, and each it held, in the same table for the report', async () => {
		const parameters = { rateLimitPerIp: '1/10m', rateLimitPerPrefix: '', rateLimitTotal: '', riskyRequests: 'hold' };
		expect((await post('+12125550101', { parameters })).response.status).toBe(200);
		expect((await post('+13125550102', { parameters })).response.status).toBe(429);
		expect((await post('+14155550103', { parameters })).response.status).toBe(429);
		// A toll-free number from another address: admitted, held for review.
		const held = await post('+18005550199', { parameters, ip: '198.51.100.9' });
		expect(held.webhookResult.workflowData?.[1]).toHaveLength(1);
		// A bot that filled the hidden field: answered as if accepted, nothing starts.
		const bot = await callWebhook(
			loadWorkflow(intake(parameters), {}),
			TRIGGER,
			{ method: 'POST', headers: { 'content-type': 'application/json' }, body: { firstName: 'Bot', phone: '+12125550104', website: 'http://spam.example' }, ip: '198.51.100.10' },
			credential(),
		);
		expect(bot.response.status).toBe(200);
		expect(bot.webhookResult.workflowData).toBeUndefined();

		const [tableId] = server.api.tables.keys();
		const rows = server.api.rows(tableId).map((row) => ({ key: String(row.counter), windowStart: Number(row.windowStart), count: Number(row.count), version: Number(row.version) }));
		const now = Date.now();
		expect(sumRefusals(rows, now - 60 * 60_000, now + 60 * 60_000)).toEqual({ rateLimit: 2, humanCheck: 1, heldForReview: 1 });
	});

	it('says which setting to fix when a limit cannot be read', async () => {
		await expect(post('+12125550101', { parameters: { rateLimitPerIp: 'lots' } })).rejects.toThrow(/Requests per IP address: "lots" is not a limit/);
	});
});

describe('Risky Requests: Hold for Review (in-process n8n-core)', () => {
	const toll = '+18005550199';

	it('sends a request that looks fake to Held for Review and a plain one to Accepted', async () => {
		const parameters = { rateLimits: 'off', riskyRequests: 'hold' };
		const risky = await post(toll, { parameters });
		expect(risky.response.status).toBe(200);
		expect(risky.response.body).toMatchObject({ ok: true, duplicate: false, expectedCallAt: null });
		expect(risky.webhookResult.workflowData?.[0]).toEqual([]);
		expect(risky.webhookResult.workflowData?.[1]).toHaveLength(1);
		expect(risky.webhookResult.workflowData?.[1][0].json.risk).toMatchObject({ level: 'review', reasons: [expect.objectContaining({ code: 'toll-free-line' })] });

		const plain = await post('+12125550101', { parameters });
		expect(plain.webhookResult.workflowData?.[0]).toHaveLength(1);
		expect(plain.webhookResult.workflowData?.[1]).toEqual([]);
	});

	it('starts a risky request like any other when set to', async () => {
		const call = await post(toll, { parameters: { rateLimits: 'off' } });
		expect(call.webhookResult.workflowData).toHaveLength(1);
		expect(call.webhookResult.workflowData?.[0][0].json.risk).toMatchObject({ level: 'review' });
	});

	it('shows the Held for Review output only when holding', () => {
		const outputsOf = (riskyRequests: string) => {
			const workflow = loadWorkflow(intake({ riskyRequests }));
			const node = workflow.getNode(TRIGGER)!;
			const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			return workflow.expression.getSimpleParameterValue(node, type.description.outputs as string, 'internal', {}) as Array<{ displayName: string }>;
		};
		expect(outputsOf('hold').map((output) => output.displayName)).toEqual(['Accepted', 'Held for Review']);
		expect(outputsOf('start').map((output) => output.displayName)).toEqual(['Accepted']);
	});
});
