import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Settings } from 'luxon';
import type { IDataObject, INode, IRun } from 'n8n-workflow';

import { loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/schedule-attempt.workflow.json'), 'utf8')) as WorkflowJson;
const NODE = 'Schedule Attempt';

/** Wednesday 18 Nov 2026, 10:00 in New York. */
const WEDNESDAY_MORNING = new Date('2026-11-18T15:00:00Z');
/** Friday 20 Nov 2026, 17:59 in New York. */
const FRIDAY_1759 = new Date('2026-11-20T22:59:00Z');

const ATTEMPT = 0;
const NO_VALID_TIME = 2;
const CANCELLED = 3;

type OnError = 'continueRegularOutput' | 'continueErrorOutput';

function workflowWith(parameters: IDataObject = {}, onError?: OnError) {
	const json = structuredClone(fixture);
	const node = json.nodes[0] as INode;
	node.parameters = { ...node.parameters, ...(parameters as INode["parameters"]) };
	if (onError) node.onError = onError;
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

async function schedule(items: IDataObject[], parameters: IDataObject = {}, onError?: OnError) {
	const workflow = workflowWith(parameters, onError);
	return await runFromTrigger(workflow, NODE, [items.map((json) => ({ json }))]);
}

/** The ids of the callbacks a node sent out of one output. */
function idsOn(run: IRun, outputIndex: number): unknown[] {
	return outputOf(run, NODE, outputIndex).map((item) => item.callbackId);
}

/** How many outputs the node has with Re-Check Status on: Attempt, No Attempts Left, No Valid Time, Cancelled. */
const REGULAR_OUTPUTS = 4;

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

	it('in reminder mode waits until 15 minutes before a callback booked at least 30 minutes ahead', async () => {
		const run = await schedule([lead({ preferredTime: '2026-11-18T14:30:00-05:00' })], { mode: 'waitForReminder' });
		expect(run.status).toBe('waiting');
		expect(run.waitTill?.toISOString()).toBe('2026-11-18T19:15:00.000Z');
		const released = run.data.executionData?.nodeExecutionStack[0].data.main[0]?.[0].json as IDataObject;
		expect(released.callback).toEqual(expect.objectContaining({ attemptAt: '2026-11-18T14:30:00-05:00', reminderAt: '2026-11-18T14:15:00-05:00' }));
	});

	it('in reminder mode continues at once when no reminder is due (booked less than 30 minutes ahead, or not scheduled)', async () => {
		for (const preferredTime of ['2026-11-18T10:20:00-05:00', null]) {
			const run = await schedule([lead({ preferredTime })], { mode: 'waitForReminder' });
			expect(run.status).toBe('success');
			expect(run.waitTill).toBeUndefined();
			const [item] = outputOf(run, NODE, 0);
			expect((item.callback as IDataObject).reminderAt).toBeUndefined();
		}
	});

	it('in wait mode continues at once when the attempt is due now', async () => {
		const run = await schedule([lead()], { mode: 'wait' });
		expect(run.status).toBe('success');
		expect(run.waitTill).toBeUndefined();
		expect(outputOf(run, NODE, 0)).toHaveLength(1);
	});

	it('in wait mode keeps a wait of a few seconds in memory: no database wait, no cancel link, the item leaves on Attempt at its time', async () => {
		setNow(new Date('2026-11-18T14:59:58Z'));
		const started = Date.now();
		const run = await schedule([lead({ preferredTime: '2026-11-18T10:00:00-05:00' })], { mode: 'wait' });
		expect(run.data.resultData.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.waitTill).toBeUndefined();
		const [item] = outputOf(run, NODE, ATTEMPT);
		expect((item.callback as IDataObject).attemptAt).toBe('2026-11-18T10:00:00-05:00');
		expect((item.callback as IDataObject).cancelAttemptUrl).toBeUndefined();
		// It slept the two seconds to the attempt time instead of leaving early.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('refuses settings a person got wrong, saying what to fix', async () => {
		const run = await schedule([lead()], { attemptDelays: '0, 2, 9999' });
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toMatch(/9999/);
	});

	it('counts a Failed callback as finished when re-checking the status, as Complete and Cancelled', async () => {
		const run = await schedule([
			lead({ callbackId: 'cb_failed', callback: { attempt: 3, status: 'Failed' } }),
			lead({ callbackId: 'cb_failed_lower', callback: { attempt: 1, status: 'failed' } }),
			lead({ callbackId: 'cb_completed', callback: { attempt: 1, status: 'Completed' } }),
			lead({ callbackId: 'cb_canceled', callback: { attempt: 1, status: 'canceled' } }),
			lead({ callbackId: 'cb_incomplete', callback: { attempt: 1, status: 'Incomplete' } }),
		]);
		expect(run.status).toBe('success');
		expect(idsOn(run, ATTEMPT)).toEqual(['cb_incomplete']);
		expect(outputOf(run, NODE, CANCELLED).map((item) => [item.callbackId, (item.callback as IDataObject).status])).toEqual([
			['cb_failed', 'failed'],
			['cb_failed_lower', 'failed'],
			['cb_completed', 'complete'],
			['cb_canceled', 'cancelled'],
		]);
	});

	it('never schedules an item that failed in an earlier node, and keeps its error', async () => {
		const run = await schedule([
			lead({ callbackId: 'cb_fine' }),
			lead({ callbackId: 'cb_upstream', error: 'Twilio refused the number' }),
			lead({ callbackId: 'cb_upstream_object', error: { message: 'HighLevel refused GET /contacts' } }),
		]);
		expect(run.status).toBe('success');
		expect(idsOn(run, ATTEMPT)).toEqual(['cb_fine']);
		expect(outputOf(run, NODE, NO_VALID_TIME)).toEqual([
			expect.objectContaining({ callbackId: 'cb_upstream', error: 'Twilio refused the number', callback: { noValidTimeReason: 'upstream-error' } }),
			expect.objectContaining({
				callbackId: 'cb_upstream_object',
				error: { message: 'HighLevel refused GET /contacts' },
				callback: { noValidTimeReason: 'upstream-error' },
			}),
		]);
	});

	it('in wait mode neither waits for nor schedules an item that failed in an earlier node', async () => {
		const run = await schedule([lead({ callback: { attempt: 1 }, error: 'Twilio refused the number' })], { mode: 'wait', attemptDelays: '0, 45' });
		expect(run.status).toBe('success');
		expect(run.waitTill).toBeUndefined();
		expect(outputOf(run, NODE, ATTEMPT)).toEqual([]);
		expect(outputOf(run, NODE, NO_VALID_TIME)).toEqual([expect.objectContaining({ callback: { attempt: 1, noValidTimeReason: 'upstream-error' } })]);
	});

	describe.each<[OnError, string]>([
		['continueRegularOutput', 'No Valid Time'],
		['continueErrorOutput', "n8n's Error output"],
	])('with On Error "%s", a failed item leaves on %s and never on Attempt', (onError) => {
		const ERROR = REGULAR_OUTPUTS;

		/** The items that failed: on No Valid Time (regular output) or on the Error output. */
		function failedOf(run: IRun): IDataObject[] {
			const failedOnNoValidTime = outputOf(run, NODE, NO_VALID_TIME).filter((item) => (item.callback as IDataObject | undefined)?.noValidTimeReason === 'error');
			if (onError === 'continueRegularOutput') {
				expect(outputOf(run, NODE, ERROR)).toEqual([]);
				return failedOnNoValidTime;
			}
			expect(failedOnNoValidTime).toEqual([]);
			return outputOf(run, NODE, ERROR);
		}

		it('a lead item the schedule cannot read (preferred time, attempt count)', async () => {
			const run = await schedule(
				[
					lead({ callbackId: 'cb_fine' }),
					lead({ callbackId: 'cb_bad_time', preferredTime: 'next tuesday-ish' }),
					lead({ callbackId: 'cb_bad_attempt', callback: { attempt: 'two' } }),
				],
				{},
				onError,
			);
			expect(run.status).toBe('success');
			expect(idsOn(run, ATTEMPT)).toEqual(['cb_fine']);
			const failed = failedOf(run);
			expect(failed.map((item) => item.error)).toEqual([
				expect.stringMatching(/preferredTime "next tuesday-ish" is not a date and time/),
				expect.stringMatching(/callback\.attempt must be a whole number/),
			]);
			if (onError === 'continueRegularOutput') {
				// On a regular output the item keeps the lead's data, so the workflow can tell whom it was about.
				expect(failed.map((item) => item.callbackId)).toEqual(['cb_bad_time', 'cb_bad_attempt']);
				expect(failed[0]).toEqual(expect.objectContaining({ contact: expect.objectContaining({ phone: '+12125550147' }) }));
				expect(failed[1].callback).toEqual({ attempt: 'two', noValidTimeReason: 'error' });
			}
		});

		it('every item when the schedule itself cannot be read', async () => {
			const run = await schedule([lead({ callbackId: 'cb_one' }), lead({ callbackId: 'cb_two', error: 'Twilio refused the number' })], { attemptDelays: '0, 2, 9999' }, onError);
			// n8n would hand the input on through Attempt if the node threw; it does not.
			expect(outputOf(run, NODE, ATTEMPT)).toEqual([]);
			expect(failedOf(run)).toEqual([expect.objectContaining({ error: expect.stringMatching(/9999/) })]);
			// The item that failed earlier keeps its own error.
			expect(outputOf(run, NODE, NO_VALID_TIME)).toContainEqual(
				expect.objectContaining({ callbackId: 'cb_two', error: 'Twilio refused the number', callback: { noValidTimeReason: 'upstream-error' } }),
			);
		});

		it('in wait mode, a failed item neither waits nor is scheduled', async () => {
			const run = await schedule([lead({ callbackId: 'cb_bad_time', callback: { attempt: 1 }, preferredTime: 'soon' })], { mode: 'wait', attemptDelays: '0, 45' }, onError);
			expect(run.status).toBe('success');
			expect(run.waitTill).toBeUndefined();
			expect(outputOf(run, NODE, ATTEMPT)).toEqual([]);
			expect(failedOf(run)).toEqual([expect.objectContaining({ error: expect.stringMatching(/"soon" is not a date and time/) })]);
		});

		it('in wait mode, leads that cannot all wait in one execution fail instead of going out at once', async () => {
			const run = await schedule(
				[lead({ callbackId: 'cb_one', callback: { attempt: 1 } }), lead({ callbackId: 'cb_two', callback: { attempt: 1 } })],
				{ mode: 'wait', attemptDelays: '0, 45' },
				onError,
			);
			expect(run.status).toBe('success');
			expect(run.waitTill).toBeUndefined();
			expect(outputOf(run, NODE, ATTEMPT)).toEqual([]);
			expect(failedOf(run)).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/waits for one lead per execution/) }),
				expect.objectContaining({ error: expect.stringMatching(/waits for one lead per execution/) }),
			]);
		});

		it('an item that failed in an earlier node stays on No Valid Time, unscheduled', async () => {
			const run = await schedule([lead({ callbackId: 'cb_upstream', error: 'Twilio refused the number' })], {}, onError);
			expect(outputOf(run, NODE, ATTEMPT)).toEqual([]);
			expect(outputOf(run, NODE, ERROR)).toEqual([]);
			expect(outputOf(run, NODE, NO_VALID_TIME)).toEqual([
				expect.objectContaining({ callbackId: 'cb_upstream', error: 'Twilio refused the number', callback: { noValidTimeReason: 'upstream-error' } }),
			]);
		});
	});
});
