/**
 * What n8n's own concurrency cap does to executions waiting for a time, with none of this
 * package's nodes: Webhook → Wait (until one minute for all) → HTTP Request that counts each
 * execution's visits → a long Wait. n8n runs with N8N_CONCURRENCY_PRODUCTION_LIMIT=1, so the
 * resumed executions queue for the one slot, each holding it about 2.5 s.
 *
 * n8n looks for due waits once a minute and queues each it finds; an execution still queued a
 * minute later is found and queued again, and the second resume, once it gets the slot, replays
 * the execution from its wait. The figure is how many executions ran the node after their wait
 * more than once: for the funnel, a team called twice and a lead dialled twice.
 * BENCH_CAP_EXECUTIONS sets how many (default 60).
 */
import http from 'node:http';

import axios from 'axios';

import { startN8n, type WorkflowJson } from '../test/harness';
import type { SystemFigures } from './systemFigures';

const EXECUTIONS = Number(process.env.BENCH_CAP_EXECUTIONS ?? 60);
const SLOT_HOLD_MS = 2500;

function probeWorkflow(counterUrl: string, dueAt: string): WorkflowJson {
	return {
		name: 'Waits under the concurrency cap',
		nodes: [
			{ parameters: { httpMethod: 'POST', path: 'cap-probe', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], id: 'cap-webhook', webhookId: 'cap-probe-webhook' },
			{ parameters: { resume: 'specificTime', dateTime: dueAt }, name: 'Wait Until', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [220, 0], id: 'cap-wait', webhookId: 'cap-probe-wait' },
			{ parameters: { url: `=${counterUrl}?execution={{ $execution.id }}`, options: {} }, name: 'Count Visit', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [440, 0], id: 'cap-count' },
			{ parameters: { amount: 10, unit: 'minutes' }, name: 'Wait Long', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [660, 0], id: 'cap-wait-long', webhookId: 'cap-probe-wait-long' },
		],
		connections: {
			Webhook: { main: [[{ node: 'Wait Until', type: 'main', index: 0 }]] },
			'Wait Until': { main: [[{ node: 'Count Visit', type: 'main', index: 0 }]] },
			'Count Visit': { main: [[{ node: 'Wait Long', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

export async function concurrencyCapFigures(): Promise<SystemFigures> {
	const visits = new Map<string, number>();
	const counter = http.createServer((request, response) => {
		const execution = new URL(request.url ?? '/', 'http://localhost').searchParams.get('execution') ?? 'none';
		visits.set(execution, (visits.get(execution) ?? 0) + 1);
		setTimeout(() => response.end('{"ok":true}'), SLOT_HOLD_MS);
	});
	await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', () => resolve()));
	const n8n = await startN8n({ env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' } });
	try {
		// Far enough ahead that every execution waits in n8n's database, on a whole minute.
		const due = new Date(Date.now() + 100_000);
		due.setUTCSeconds(0, 0);
		due.setTime(due.getTime() + 60_000);
		await n8n.api.importAndActivate(probeWorkflow(`http://127.0.0.1:${(counter.address() as { port: number }).port}/visit`, due.toISOString()));
		await n8n.api.waitForWebhook('cap-probe');
		for (let index = 0; index < EXECUTIONS; index++) await axios.post(n8n.api.webhookUrl('cap-probe'), { index }, { validateStatus: () => true });
		// Every queued resume has had its slot: the queue, then two more of n8n's minutes.
		const settled = due.getTime() + EXECUTIONS * SLOT_HOLD_MS + 150_000;
		while (Date.now() < settled) await new Promise((resolve) => setTimeout(resolve, 5_000));
		const replayed = [...visits.values()].filter((count) => count > 1).length;
		return {
			name: "n8n's concurrency cap and waits ending together (n8n's own nodes only)",
			conditions: {
				n8n: n8n.version,
				N8N_CONCURRENCY_PRODUCTION_LIMIT: 1,
				workflow: 'Webhook → Wait until one minute → HTTP Request counting visits per execution (holds the slot 2.5 s) → Wait 10 minutes',
				executions: EXECUTIONS,
			},
			figures: {
				'executions that reached the node after their wait': visits.size,
				'executions that ran it more than once (resumed twice by n8n)': replayed,
			},
		};
	} finally {
		await n8n.stop();
		counter.close();
	}
}
