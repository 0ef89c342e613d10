import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Settings } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/schedule-attempt.workflow.json'), 'utf8')) as WorkflowJson;
const NODE = 'Schedule Attempt';

/** Wednesday 18 Nov 2026, 10:00 in New York. */
const WEDNESDAY_MORNING = new Date('2026-11-18T15:00:00Z');
/** Friday 20 Nov 2026, 17:59 in New York. */
const FRIDAY_1759 = new Date('2026-11-20T22:59:00Z');

function workflowWith(parameters: IDataObject = {}) {
	const json = structuredClone(fixture);
	const node = json.nodes[0] as INode;
	node.parameters = { ...node.parameters, ...(parameters as INode["parameters"]) };
	return loadWorkflow(json);
}

function lead(extra: IDataObject = {}): IDataObject {
	return {
		callbackId: 'cb_0123456789abcdef0123',
		contact: { firstName: 'Jane', lastName: 'Doe', phone: '+12125550147', phoneCountry: 'US', email: null },
		timezone: null,
		preferredTime: null,
		...extra,
	};
}

async function schedule(items: IDataObject[], parameters: IDataObject = {}) {
	const workflow = workflowWith(parameters);
	return await runFromTrigger(workflow, NODE, [items.map((json) => ({ json }))]);
}

describe('Schedule Attempt in a workflow (in-process n8n-core)', () => {
	// The node reads the clock through luxon, which lets a test set it.
	const setNow = (date: Date) => {
		Settings.now = () => date.getTime();
	};
	beforeEach(() => setNow(WEDNESDAY_MORNING));
	afterEach(() => {
		Settings.now = () => Date.now();
	});

	it('routes each item to Attempt, No Attempts Left, No Valid Time or Cancelled', async () => {
		const run = await schedule([
			lead(),
			lead({ callback: { attempt: 3 } }),
			lead({ contact: { phone: '+52 55 1234 5678' } }),
			lead({ callback: { attempt: 1, status: 'Complete' } }),
		]);
		expect(run.status).toBe('success');
		expect(outputOf(run, NODE, 0)).toEqual([
			expect.objectContaining({
				callback: expect.objectContaining({
					attempt: 1,
					maxAttempts: 3,
					attemptAt: '2026-11-18T10:00:00-05:00',
					leadTimezone: 'America/New_York',
					leadTimezoneSource: 'area-code',
					moved: false,
				}),
			}),
		]);
		expect(outputOf(run, NODE, 1)).toEqual([expect.objectContaining({ callback: { attempt: 3, maxAttempts: 3 } })]);
		expect(outputOf(run, NODE, 2)).toEqual([
			expect.objectContaining({ callback: { noValidTimeReason: expect.stringMatching(/timezone/i) } }),
		]);
		expect(outputOf(run, NODE, 3)).toEqual([expect.objectContaining({ callback: { attempt: 1, status: 'complete' } })]);
	});

	it('sends a 2-minute retry after a missed Friday 17:59 attempt to Monday 09:00', async () => {
		setNow(FRIDAY_1759);
		const run = await schedule([lead({ callback: { attempt: 1 } })]);
		const [item] = outputOf(run, NODE, 0);
		expect((item.callback as IDataObject).attemptAt).toBe('2026-11-23T09:00:00-05:00');
		expect((item.callback as IDataObject).attempt).toBe(2);
	});

	it('moves a preferred time outside opening hours and says why', async () => {
		const run = await schedule([lead({ preferredTime: '2026-11-21T11:00:00-05:00' })]);
		const [item] = outputOf(run, NODE, 0);
		expect(item.callback).toEqual(
			expect.objectContaining({ attemptAt: '2026-11-23T09:00:00-05:00', moved: true, movedReason: expect.any(String) }),
		);
	});

	it('in wait mode puts the execution to wait until the attempt time and hands the scheduled item on', async () => {
		const run = await schedule([lead({ callback: { attempt: 1 } })], { mode: 'wait', attemptDelays: '0, 45' });
		expect(run.data.resultData.error?.message).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.waitTill?.toISOString()).toBe('2026-11-18T15:45:00.000Z');
		// What n8n releases to the first output when the wait ends.
		const released = run.data.executionData?.nodeExecutionStack[0].data.main[0]?.[0].json as IDataObject;
		expect(released.callback).toEqual(
			expect.objectContaining({ attempt: 2, attemptAt: '2026-11-18T10:45:00-05:00', cancelAttemptUrl: expect.stringContaining('token=') }),
		);
	});

	it('in wait mode continues at once when the attempt is due now', async () => {
		const run = await schedule([lead()], { mode: 'wait' });
		expect(run.status).toBe('success');
		expect(run.waitTill).toBeUndefined();
		expect(outputOf(run, NODE, 0)).toHaveLength(1);
	});

	it('refuses settings a person got wrong, saying what to fix', async () => {
		const run = await schedule([lead()], { attemptDelays: '0, 2, 9999' });
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toMatch(/9999/);
	});
});
