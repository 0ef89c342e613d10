import axios, { type AxiosResponse } from 'axios';

import { TALLY_RETENTION_MS, tallyKey } from '../../nodes/core/abuse/refusalTally';
import { parseLeadPhoneNumber } from '../../nodes/core/phone/parseLeadPhoneNumber';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/** Rate limits count in a Data Table through n8n's public API, which n8n 2.x has. */
const N8N_VERSION = '2.41.1';
const FIRST_START_TIMEOUT_MS = 15 * 60_000;
const TEN_MINUTES = 10 * 60_000;

/** Valid US numbers, each in its own 7-digit block, so only the per-IP limit is in play. */
function distinctBlockNumbers(count: number): string[] {
	const numbers: string[] = [];
	for (const area of [212, 213, 305, 312, 415, 503, 617, 702, 713, 808]) {
		for (let exchange = 201; exchange <= 989 && numbers.length < count; exchange++) {
			const phone = `+1${area}${exchange}${String(1000 + (exchange % 9000)).padStart(4, '0')}`;
			const parsed = parseLeadPhoneNumber(phone, { defaultCountry: 'US', allowedCountries: ['US'] });
			if (parsed.ok) numbers.push(parsed.e164);
		}
	}
	if (numbers.length < count) throw new Error(`only ${numbers.length} valid numbers`);
	return numbers.slice(0, count);
}

/** Numbers walking one 7-digit block, as SMS pumping does: +1 415 555 0000, 0001, ... */
function oneBlockNumbers(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);
}

function triggerWorkflow(name: string, path: string, credentialId: string, extra: Record<string, unknown> = {}): WorkflowJson {
	return {
		name,
		nodes: [
			{
				parameters: { path, rateLimits: 'dataTable', duplicateWindowMinutes: 0, ...extra },
				name: 'Callback Request',
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: `trigger-${path}`,
				webhookId: `webhook-${path}`,
				credentials: { callbackN8nApi: { id: credentialId, name: 'n8n API' } },
			},
			{ parameters: {}, name: 'Accepted', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], id: `noop-${path}` },
		],
		connections: { 'Callback Request': { main: [[{ node: 'Accepted', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** Sends every body with at most `parallel` requests in flight; answers in order. */
async function sendAll(url: string, bodies: Array<{ body: unknown; headers?: Record<string, string> }>, parallel: number): Promise<AxiosResponse[]> {
	const answers: AxiosResponse[] = new Array(bodies.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < bodies.length) {
			const index = next++;
			answers[index] = await axios.post(url, bodies[index].body, { headers: bodies[index].headers ?? {}, validateStatus: () => true, timeout: 60_000 });
		}
	};
	await Promise.all(Array.from({ length: parallel }, worker));
	return answers;
}

function statusCounts(answers: AxiosResponse[]): Record<number, number> {
	const counts: Record<number, number> = {};
	for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
	return counts;
}

describe(`Rate limits in a real n8n ${N8N_VERSION}`, () => {
	let n8n: N8nHandle;
	let credentialId: string;

	beforeAll(async () => {
		// n8n 2.41.1's default sandboxed expression engine serves about 6 requests a second on a
		// two-core machine, too few to send 1,000 within a minute; its legacy engine serves about
		// 25. The limits work the same with either: they are counted over n8n's API.
		n8n = await startN8n({ n8nVersion: N8N_VERSION, env: { N8N_EXPRESSION_ENGINE: 'legacy' } });
		credentialId = (await n8n.api.createDataTablesCredential()).id;
	}, FIRST_START_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	});

	async function publish(name: string, path: string, extra: Record<string, unknown> = {}): Promise<StoredWorkflow> {
		const stored = await n8n.api.importAndActivate(triggerWorkflow(name, path, credentialId, extra));
		await n8n.api.waitForWebhook(path);
		return stored;
	}

	async function executionCount(workflowId: string): Promise<number> {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		return (await n8n.api.listAllExecutions(workflowId)).length;
	}

	it('1,000 requests with distinct numbers from one address start only as many executions as its limit allows', async () => {
		const workflow = await publish('One address', 'flood-one-ip', { rateLimitPerIp: '5/10m', rateLimitTotal: '' });
		const url = n8n.api.webhookUrl('flood-one-ip');
		const bodies = distinctBlockNumbers(1000).map((phone, index) => ({ body: { firstName: `Lead${index}`, phone } }));
		const startedAt = Date.now();
		const answers = await sendAll(url, bodies, 8);
		const seconds = (Date.now() - startedAt) / 1000;
		const counts = statusCounts(answers);
		process.stderr.write(`[rate limits] 1,000 requests from one address in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}\n`);
		// Windows are fixed and aligned to the clock (:00, :10, ...): a flood that runs across a
		// boundary may have 5 in each window it touches, never more in any one.
		const windowsTouched = Math.floor(Date.now() / TEN_MINUTES) - Math.floor(startedAt / TEN_MINUTES) + 1;
		expect(counts[200]).toBeGreaterThanOrEqual(5);
		expect(counts[200]).toBeLessThanOrEqual(5 * windowsTouched);
		expect(counts[429]).toBe(1000 - counts[200]);
		expect(await executionCount(workflow.id)).toBe(counts[200]);
		const executions = await n8n.api.listAllExecutions(workflow.id);
		const perWindow = new Map<number, number>();
		for (const execution of executions) {
			const window = Math.floor(Date.parse(String(execution.startedAt)) / TEN_MINUTES);
			perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
		}
		expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(5);
		const refused = answers.find((answer) => answer.status === 429);
		expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
		expect(refused?.data).toMatchObject({ ok: false, error: 'rate-limited', limit: 'ip' });
	});

	it('300 requests walking one number block from 300 addresses are stopped by the prefix limit', async () => {
		const workflow = await publish('One block', 'flood-one-block', { rateLimitPerPrefix: '10/1h', rateLimitTotal: '', trustedProxies: '127.0.0.1, ::1' });
		const url = n8n.api.webhookUrl('flood-one-block');
		const bodies = oneBlockNumbers(300).map((phone, index) => ({
			body: { firstName: `Lead${index}`, phone },
			headers: { 'X-Forwarded-For': `198.51.${100 + (index >> 8)}.${index & 255}` },
		}));
		const answers = await sendAll(url, bodies, 8);
		const counts = statusCounts(answers);
		process.stderr.write(`[rate limits] 300 requests in one block from 300 addresses: ${JSON.stringify(counts)}\n`);
		expect(counts[200]).toBe(10);
		expect(counts[429]).toBe(290);
		expect(answers.filter((answer) => answer.status === 429).every((answer) => (answer.data as { limit?: string }).limit === 'prefix')).toBe(true);
		expect(await executionCount(workflow.id)).toBe(10);

		// The admitted ones say so: from the 4th on, 3 or more others came from this block.
		const executions = await n8n.api.waitForExecutions(workflow.id, 10);
		const reasons = executions.map((execution) => ((outputOf(execution, 'Callback Request')[0][0] as { risk: { reasons: Array<{ code: string }> } }).risk.reasons.map((reason) => reason.code)));
		expect(reasons.filter((codes) => codes.includes('prefix-burst'))).toHaveLength(7);
		expect(reasons.some((codes) => codes.includes('ip-burst'))).toBe(false);
	});

	it('removes its refusal counts older than the keeping time when published again, and keeps the rest', async () => {
		const workflow = await publish('Retention', 'limits-retention', { rateLimitPerIp: '3/1d', rateLimitPerPrefix: '', rateLimitTotal: '' });
		const scope = `${workflow.id}:trigger-limits-retention`;
		const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
		const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
		const table = tables.data.find((candidate) => candidate.name === 'callback_rate_limits')!;
		const now = Date.now();
		const expired = now - TALLY_RETENTION_MS - 86_400_000;
		const slice = (at: number): number => at - (at % (15 * 60_000));
		const rows = [
			{ counter: tallyKey('rateLimit', slice(expired), 0, scope), windowStart: slice(expired), count: 40, version: 40 },
			{ counter: tallyKey('humanCheck', slice(expired), 'xspare', scope), windowStart: slice(expired), count: 1, version: 1 },
			{ counter: tallyKey('rateLimit', slice(now - 3_600_000), 3, scope), windowStart: slice(now - 3_600_000), count: 2, version: 2 },
			{ counter: tallyKey('rateLimit', slice(expired), 0, 'another-workflow:trigger'), windowStart: slice(expired), count: 5, version: 5 },
		];
		await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${table.id}/insert`, { data: rows, returnType: 'count' });
		// The table is shared with the other tests' forms, whose refusals it counts too: only the rows made here are looked at.
		const tallies = async (): Promise<string[]> => {
			const filter = JSON.stringify({
				type: 'or',
				filters: [
					{ columnName: 'counter', condition: 'like', value: `tally|%|${scope}` },
					{ columnName: 'counter', condition: 'eq', value: rows[3].counter },
				],
			});
			const page = await n8n.api.rest<{ data: Array<{ counter: string }> }>('GET', `/projects/${projectId}/data-tables/${table.id}/rows`, undefined, { filter, take: '100' });
			return page.data.map((row) => row.counter).sort();
		};
		expect(await tallies()).toEqual(rows.map((row) => row.counter).sort());

		await n8n.api.deactivateWorkflow(workflow.id);
		await n8n.api.activateWorkflow(workflow.id);
		expect(await tallies()).toEqual([rows[2].counter, rows[3].counter].sort());
	});

	it('keeps its counts across a restart, and shows a person in a browser when to try again', async () => {
		const workflow = await publish('Restart', 'limits-restart', { rateLimitPerIp: '3/1d', rateLimitPerPrefix: '', rateLimitTotal: '' });
		const url = n8n.api.webhookUrl('limits-restart');
		const day = (): number => Math.floor(Date.now() / (24 * 60 * 60_000));
		const admittedOn = day();
		for (const phone of ['+12125550101', '+13125550102', '+14155550103']) {
			expect((await axios.post(url, { firstName: 'Pat', phone }, { validateStatus: () => true })).status).toBe(200);
		}
		const page = await axios.post(url, new URLSearchParams({ firstName: 'Pat', phone: '+16175550104' }).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
			validateStatus: () => true,
		});
		expect(page.status).toBe(429);
		expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
		expect(String(page.data)).toMatch(/Please try again in \d+ (minutes|hours)/);

		await n8n.restart();
		await n8n.api.waitForWebhook('limits-restart');
		const afterRestart = await axios.post(url, { firstName: 'Again', phone: '+17025550105' }, { validateStatus: () => true });
		// Daily windows start at midnight UTC: only a restart across it may admit again.
		expect(afterRestart.status).toBe(day() === admittedOn ? 429 : 200);
		expect(await executionCount(workflow.id)).toBe(day() === admittedOn ? 3 : 4);
	});
});
