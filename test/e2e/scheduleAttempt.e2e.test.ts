import axios from 'axios';
import { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { outputOf, startN8n, type N8nHandle, type WorkflowJson } from '../harness';
import { CALLBACK_TABLE_COLUMNS, EMPTY_CONTEXT, toCallbackRow } from '../../nodes/core/callbackStore';
import { leadZoneAwake } from './leadZoneAwake';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as WorkflowJson;
const workflowJson = fixture('schedule-wait.workflow.json');


describe('Schedule Attempt waits in a real n8n', () => {
	let n8n: N8nHandle;

	beforeAll(async () => {
		n8n = await startN8n();
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('waits for an attempt over 70 s ahead, survives a restart during the wait and resumes on time', async () => {
		const workflow = await n8n.api.importAndActivate(workflowJson);
		const zone = leadZoneAwake();
		const response = await axios.post(n8n.api.webhookUrl('wait-for-attempt'), {
			first_name: 'Wendy',
			phone: '+1 415 555 2671',
			timezone: zone,
		});
		expect(response.data.ok).toBe(true);

		// The execution is stored as waiting with the attempt time.
		let waiting: Awaited<ReturnType<typeof n8n.api.listExecutions>>[number] | undefined;
		for (let tries = 0; tries < 60 && !waiting; tries++) {
			waiting = (await n8n.api.listExecutions(workflow.id)).find((execution) => execution.status === 'waiting');
			if (!waiting) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(waiting).toBeDefined();
		const stored = await n8n.api.getExecution(waiting!.id);
		const [[scheduled]] = outputOf(stored, 'Schedule Attempt');
		const attemptAt = DateTime.fromISO(String((scheduled.callback as Record<string, unknown>).attemptAt));
		const secondsAhead = attemptAt.diffNow('seconds').seconds;
		expect(secondsAhead).toBeGreaterThanOrEqual(70);

		await n8n.restart();
		expect((await n8n.api.getExecution(waiting!.id)).status).toBe('waiting');

		const [finished] = await n8n.api.waitForExecutions(workflow.id, 1, (secondsAhead + 90) * 1000);
		expect(finished.status).toBe('success');
		const calledAt = DateTime.fromMillis(finished.data.resultData.runData['Call Now'][0].startTime);
		const lateness = calledAt.diff(attemptAt, 'seconds').seconds;
		console.log(`Schedule Attempt resumed ${lateness.toFixed(3)} s after the attempt time (${attemptAt.toISO()}), after a restart during a ${secondsAhead.toFixed(0)} s wait`);
		expect(lateness).toBeGreaterThanOrEqual(0);
		expect(lateness).toBeLessThan(5);

		const [[released]] = outputOf(finished, 'Call Now');
		const releasedCallback = released.callback as Record<string, unknown>;
		expect(releasedCallback).toEqual(expect.objectContaining({ attempt: 1, leadTimezone: zone, leadTimezoneSource: 'item' }));
		expect(DateTime.fromISO(String(releasedCallback.attemptAt)).toMillis()).toBe(attemptAt.toMillis());
	}, 6 * 60_000);

	it('ends a waiting attempt without calling when its cancel link is posted, and refuses a forged link', async () => {
		const workflow = await n8n.api.importAndActivate(fixture('schedule-wait-cancel.workflow.json'));
		await axios.post(n8n.api.webhookUrl('wait-then-cancel'), { first_name: 'Carl', phone: '+1 415 555 2671', timezone: leadZoneAwake() });

		let waitingId: string | undefined;
		for (let tries = 0; tries < 60 && !waitingId; tries++) {
			waitingId = (await n8n.api.listExecutions(workflow.id)).find((execution) => execution.status === 'waiting')?.id;
			if (!waitingId) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const stored = await n8n.api.getExecution(waitingId!);
		const [[scheduled]] = outputOf(stored, 'Schedule Attempt');
		const cancelUrl = new URL(String((scheduled.callback as Record<string, unknown>).cancelAttemptUrl));
		expect(cancelUrl.searchParams.get('callbackId')).toBe(scheduled.callbackId);

		const forged = new URL(cancelUrl);
		forged.searchParams.set('token', 'f'.repeat(48));
		const refused = await axios.post(forged.toString(), {}, { validateStatus: () => true });
		expect(refused.status).toBe(403);
		expect((await n8n.api.getExecution(waitingId!)).status).toBe('waiting');

		const cancelled = await axios.post(cancelUrl.toString(), {});
		expect(cancelled.data).toEqual({ ok: true, cancelled: true, callbackId: scheduled.callbackId });
		const [finished] = await n8n.api.waitForExecutions(workflow.id, 1, 30_000);
		expect(finished.status).toBe('success');
		expect(Object.keys(finished.data.resultData.runData).sort()).toEqual(['Callback Request', 'Schedule Attempt']);
	}, 2 * 60_000);

	it("sends a retry of a callback the Tag Router's table marks Complete to Cancelled instead of scheduling it", async () => {
		const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
		const { id: tableId } = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
			name: 'Callback statuses',
			columns: CALLBACK_TABLE_COLUMNS.map((name) => ({ name, type: 'string' })),
		});
		const phone = '+14155552671';
		await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${tableId}/insert`, {
			data: [
				toCallbackRow({
					callbackId: 'cb_done0000000000000001',
					phone,
					contactId: null,
					status: 'complete',
					tags: ['Complete'],
					attempts: 1,
					lastOutcome: 'connected',
					requestedAt: new Date().toISOString(),
					statusChangedAt: new Date().toISOString(),
					notes: [],
					optOut: false,
					context: EMPTY_CONTEXT,
					scheduledAttempt: null,
					bookedFor: null,
					missedInARow: 0,
					noShowUntil: null,
					version: 1,
				}),
			],
			returnType: 'count',
		});
		const json = JSON.stringify(fixture('schedule-recheck-table.workflow.json')).replace('STATUS_TABLE_ID', tableId);
		const workflow = await n8n.api.importAndActivate(JSON.parse(json) as WorkflowJson);

		// A retry of that callback (say the lead was reached meanwhile) must not be called again.
		await axios.post(n8n.api.webhookUrl('recheck-status-table'), {
			callbackId: 'cb_done0000000000000001',
			contact: { firstName: 'Dana', phone },
			timezone: leadZoneAwake(),
			callback: { attempt: 1 },
		});
		const [finished] = await n8n.api.waitForExecutions(workflow.id, 1, 60_000);
		expect(finished.status).toBe('success');
		expect(outputOf(finished, 'Callback Cancelled')[0]).toEqual([expect.objectContaining({ callback: { attempt: 1, status: 'complete' } })]);
		expect(finished.data.resultData.runData['Call Now']).toBeUndefined();
	}, 2 * 60_000);
});
