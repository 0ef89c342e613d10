import axios, { type AxiosResponse } from 'axios';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { CALLBACK_TABLE_COLUMNS } from '../../nodes/core/callbackStore';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

const OUTPUTS = ['Pending', 'Incomplete', 'Complete', 'Cancelled', 'Failed', 'None'];
const PHONE = '+14155552671';

function webhookNode(path: string, responseMode: 'lastNode' | 'onReceived'): Record<string, unknown> {
	return {
		id: `hook-${path}`,
		name: 'Status Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `hook-${path}`,
		parameters: { path, httpMethod: 'POST', responseMode, ...(responseMode === 'lastNode' ? { responseData: 'firstEntryJson' } : {}), options: {} },
	};
}

function tagRouterNode(parameters: Record<string, unknown>): Record<string, unknown> {
	return {
		id: 'tag-router',
		name: 'Tag Router',
		type: 'n8n-nodes-callback.tagRouter',
		typeVersion: 1,
		position: [240, 0],
		parameters: {
			callbackId: '={{ $json.body.callbackId ?? "" }}',
			phone: '={{ $json.body.phone ?? "" }}',
			...parameters,
		},
	};
}

/** Webhook → Tag Router (Set Status) answering with the item the Tag Router output. */
function setStatusWorkflow(dataTableId: string, path = 'callback-status'): WorkflowJson {
	return {
		name: `Tag Router: set status (${path})`,
		nodes: [
			webhookNode(path, 'lastNode'),
			tagRouterNode({
				store: 'dataTable',
				operation: 'setStatus',
				dataTableId,
				status: '={{ $json.body.status }}',
				attempt: '={{ $json.body.attempt ?? "" }}',
				outcome: '={{ $json.body.outcome ?? "" }}',
				onIllegalMove: '={{ $json.body.onIllegalMove ?? "refuse" }}',
				contextData: '={{ $json.body.answers ?? {} }}',
				contextKeys: 'service',
			}),
		],
		connections: { 'Status Webhook': { main: [[{ node: 'Tag Router', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook → Tag Router (Route by Status) → one No Op per status output. */
function routeWorkflow(dataTableId: string): WorkflowJson {
	return {
		name: 'Tag Router: route by status',
		nodes: [
			webhookNode('callback-route', 'onReceived'),
			tagRouterNode({ store: 'dataTable', operation: 'routeByStatus', dataTableId }),
			...OUTPUTS.map((output, index) => ({ id: `out-${index}`, name: `${output} Callbacks`, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [520, index * 120], parameters: {} })),
		],
		connections: {
			'Status Webhook': { main: [[{ node: 'Tag Router', type: 'main', index: 0 }]] },
			'Tag Router': { main: OUTPUTS.map((output) => [{ node: `${output} Callbacks`, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * SQLite always; Postgres too when CALLBACK_E2E_POSTGRES_URL names a server
 * (postgres://user:password@127.0.0.1:5432/postgres): each run gets a new database there.
 */
function databases(): Array<{ name: string; env: () => Record<string, string> }> {
	const sqlite = { name: 'SQLite', env: () => ({}) };
	const serverUrl = process.env.CALLBACK_E2E_POSTGRES_URL;
	if (!serverUrl) return [sqlite];
	const postgres = {
		name: 'Postgres',
		env: () => {
			const url = new URL(serverUrl);
			const database = `n8n_tag_router_${randomBytes(4).toString('hex')}`;
			execFileSync('psql', [serverUrl, '-c', `CREATE DATABASE ${database}`], { stdio: 'ignore' });
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: url.hostname,
				DB_POSTGRESDB_PORT: url.port || '5432',
				DB_POSTGRESDB_USER: decodeURIComponent(url.username),
				DB_POSTGRESDB_PASSWORD: decodeURIComponent(url.password),
				DB_POSTGRESDB_DATABASE: database,
			};
		},
	};
	return [sqlite, postgres];
}

interface TableRow {
	callbackId: string;
	status: string;
	attempts: string;
	version: string;
	notes: string;
	context: string;
}

describe.each(databases())('Tag Router with the Data Table store in a real n8n ($name)', ({ name: databaseName, env }) => {
	let n8n: N8nHandle;
	let projectId: string;
	let dataTableId: string;
	let statusFlow: StoredWorkflow;
	let routeFlow: StoredWorkflow;
	let routedSoFar = 0;

	beforeAll(async () => {
		n8n = await startN8n({ env: env() });
		({ id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal'));
		// What a user does once in the editor: a data table with the documented text columns.
		({ id: dataTableId } = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
			name: 'Callback statuses',
			columns: CALLBACK_TABLE_COLUMNS.map((name) => ({ name, type: 'string' })),
		}));
		statusFlow = await n8n.api.importAndActivate(setStatusWorkflow(dataTableId));
		routeFlow = await n8n.api.importAndActivate(routeWorkflow(dataTableId));
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	const setStatus = async (body: Record<string, unknown>): Promise<AxiosResponse> =>
		await axios.post(n8n.api.webhookUrl('callback-status'), { phone: PHONE, ...body }, { validateStatus: () => true, timeout: 120_000 });

	async function rowsOf(callbackId: string): Promise<TableRow[]> {
		const page = await n8n.api.rest<{ data: TableRow[] }>('GET', `/projects/${projectId}/data-tables/${dataTableId}/rows`, undefined, { take: '100' });
		return page.data.filter((row) => row.callbackId === callbackId);
	}

	/** Posts to the route workflow and answers the Tag Router output index that got the item. */
	async function routedOutput(body: Record<string, unknown>): Promise<{ output: string; item: Record<string, unknown> }> {
		await axios.post(n8n.api.webhookUrl('callback-route'), body);
		routedSoFar += 1;
		const executions = await n8n.api.waitForExecutions(routeFlow.id, routedSoFar, 30_000);
		const newest = executions[executions.length - 1];
		expect(newest.status).toBe('success');
		const outputs = outputOf(newest, 'Tag Router');
		const index = outputs.findIndex((items) => items.length === 1);
		expect(outputs.flat()).toHaveLength(1);
		return { output: OUTPUTS[index], item: outputs[index][0] as Record<string, unknown> };
	}

	it('moves a callback Pending → Incomplete → Complete and routes it by status at each step', async () => {
		const callbackId = 'cb_e2e_lifecycle';
		expect((await routedOutput({ callbackId })).output).toBe('None');

		const pending = await setStatus({ callbackId, status: 'pending', answers: { service: 'Boiler repair', secret: 'dropped' } });
		expect(pending.status).toBe(200);
		expect(pending.data).toMatchObject({
			callbackId,
			callback: { status: 'pending', previousStatus: null, store: 'dataTable', version: 1, context: { service: 'Boiler repair' } },
			tagsToAdd: ['Request to Callback Pending'],
		});
		expect((await routedOutput({ callbackId })).output).toBe('Pending');

		const missed = await setStatus({ callbackId, status: 'incomplete', attempt: 1, outcome: 'no-answer' });
		expect(missed.data).toMatchObject({
			callback: { status: 'incomplete', previousStatus: 'pending', attempts: 1, lastOutcome: 'no-answer', version: 2 },
			tagsToAdd: ['Incomplete'],
			tagsToRemove: ['Request to Callback Pending'],
		});
		const routedIncomplete = await routedOutput({ callbackId });
		expect(routedIncomplete.output).toBe('Incomplete');
		expect(routedIncomplete.item.callback).toMatchObject({ status: 'incomplete', attempts: 1, context: { service: 'Boiler repair' } });

		const done = await setStatus({ callbackId, status: 'complete', attempt: 2, outcome: 'answered' });
		expect(done.data).toMatchObject({ callback: { status: 'complete', previousStatus: 'incomplete', attempts: 2, version: 3 }, tagsToAdd: ['Complete'], tagsToRemove: ['Incomplete'] });
		// By phone alone: the latest callback for the number.
		expect((await routedOutput({ phone: PHONE })).output).toBe('Complete');

		const [row] = await rowsOf(callbackId);
		expect(row).toMatchObject({ status: 'complete', attempts: '2', version: '3' });
		expect((JSON.parse(row.notes) as Array<{ status: string }>).map((note) => note.status)).toEqual(['pending', 'incomplete', 'complete']);
	});

	it('keeps working with a table made before the scheduledAttempt and no-show columns existed', async () => {
		const later = new Set(['scheduledAttempt', 'bookedFor', 'missedInARow', 'noShowUntil']);
		const { id: olderTable } = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
			name: 'Callback statuses (made by an earlier version)',
			columns: CALLBACK_TABLE_COLUMNS.filter((column) => !later.has(column)).map((column) => ({ name: column, type: 'string' })),
		});
		await n8n.api.importAndActivate(setStatusWorkflow(olderTable, 'callback-status-older'));
		const post = async (status: string): Promise<AxiosResponse> => await axios.post(n8n.api.webhookUrl('callback-status-older'), { phone: PHONE, callbackId: 'cb_e2e_older_table', status }, { validateStatus: () => true, timeout: 120_000 });
		const pending = await post('pending');
		expect(pending.status).toBe(200);
		expect(pending.data).toMatchObject({ callback: { status: 'pending', version: 1 } });
		expect((await post('complete')).data).toMatchObject({ callback: { status: 'complete', previousStatus: 'pending', version: 2 } });
		const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${olderTable}/rows`);
		expect(rows.data.map((row) => row.status)).toEqual(['complete']);
	});

	it('refuses Complete → Pending with a clear error, or starts a new callback when configured', async () => {
		const callbackId = 'cb_e2e_final';
		await setStatus({ callbackId, status: 'complete' });
		const refused = await setStatus({ callbackId, status: 'pending' });
		expect(refused.status).toBe(500);
		const failed = (await n8n.api.listExecutions(statusFlow.id)).filter((execution) => execution.status === 'error');
		expect(failed).toHaveLength(1);
		const { data } = await n8n.api.getExecution(failed[0].id);
		expect(data.resultData.error?.message).toMatch(/A callback that is Complete cannot become Pending/);
		expect(data.resultData.lastNodeExecuted).toBe('Tag Router');
		expect((await rowsOf(callbackId))[0]).toMatchObject({ status: 'complete', version: '1' });

		const restarted = await setStatus({ callbackId, status: 'pending', onIllegalMove: 'newCallback' });
		expect(restarted.status).toBe(200);
		expect(restarted.data.callbackId).toMatch(/^cb_/);
		expect(restarted.data.callbackId).not.toBe(callbackId);
		expect(restarted.data.callback).toMatchObject({ status: 'pending', replacesCallbackId: callbackId });
		expect((await routedOutput({ callbackId: restarted.data.callbackId })).output).toBe('Pending');
		expect((await routedOutput({ callbackId })).output).toBe('Complete');
	});

	it('routes Cancelled and Failed callbacks to their own outputs', async () => {
		await setStatus({ callbackId: 'cb_e2e_cancelled', status: 'cancelled' });
		await setStatus({ callbackId: 'cb_e2e_failed', status: 'pending' });
		await setStatus({ callbackId: 'cb_e2e_failed', status: 'failed', attempt: 3, outcome: 'no-answer' });
		expect((await routedOutput({ callbackId: 'cb_e2e_cancelled' })).output).toBe('Cancelled');
		expect((await routedOutput({ callbackId: 'cb_e2e_failed' })).output).toBe('Failed');
	});

	it('loses none of 20 concurrent status updates to one callback', async () => {
		const callbackId = 'cb_e2e_race';
		// A number of its own: the earlier tests leave open callbacks for PHONE, and a new one
		// for a phone with an open callback would leave on Duplicate.
		const phone = '+14155552681';
		expect((await setStatus({ callbackId, phone, status: 'pending' })).status).toBe(200);
		const startedAt = Date.now();
		const responses = await Promise.all(
			Array.from({ length: 20 }, async (_, index) => await setStatus({ callbackId, phone, status: 'incomplete', outcome: `missed #${index + 1}` })),
		);
		const seconds = (Date.now() - startedAt) / 1000;
		expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
		const retries = responses.reduce((sum, response) => sum + Number(response.data.callback?.writeRetries ?? 0), 0);
		const versions = responses.map((response) => Number(response.data.callback.version)).sort((a, b) => a - b);
		// Every update got its own version: 2..21, none written over another.
		expect(versions).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));

		const rows = await rowsOf(callbackId);
		expect(rows).toHaveLength(1);
		const notes = JSON.parse(rows[0].notes) as Array<{ outcome: string | null }>;
		expect(rows[0]).toMatchObject({ version: '21', attempts: '20', status: 'incomplete' });
		expect(notes).toHaveLength(21);
		expect(new Set(notes.map((note) => note.outcome))).toEqual(new Set([null, ...Array.from({ length: 20 }, (_, index) => `missed #${index + 1}`)]));
		process.stderr.write(`[race, ${databaseName}] 20 concurrent updates to one callback: ${seconds.toFixed(1)} s, ${retries} retried writes, final version ${rows[0].version}, ${notes.length} notes\n`);
	});

	it('keeps one row when 20 executions create the same callback at once', async () => {
		const callbackId = 'cb_e2e_race_create';
		const phone = '+14155552682';
		const responses = await Promise.all(Array.from({ length: 20 }, async (_, index) => await setStatus({ callbackId, phone, status: 'pending', outcome: `request #${index + 1}` })));
		expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
		const rows = await rowsOf(callbackId);
		expect(rows).toHaveLength(1);
		expect(rows[0].version).toBe('20');
		expect(JSON.parse(rows[0].notes)).toHaveLength(20);
	});
});
