import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Settings } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject, INode, IRun } from 'n8n-workflow';

import { HighLevelDouble } from '../highLevelDouble';
import { loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

/** Tag Router → (first output: Pending when routing, Done when setting) → Schedule Attempt, as the templates wire it. */
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/tag-router.workflow.json'), 'utf8')) as WorkflowJson;
const ROUTER = 'Tag Router';
const SCHEDULE = 'Schedule Attempt';

/** Route by Status: Pending, Incomplete, Complete, Cancelled, Failed, None; then n8n's Error output. */
const ROUTE = { pending: 0, none: 5, error: 6 } as const;
/** Set Status: Done, Duplicate; then n8n's Error output. */
const SET = { done: 0, alreadyOpen: 1, error: 2 } as const;
/** Schedule Attempt's Attempt and No Valid Time outputs. */
const ATTEMPT = 0;
const NO_VALID_TIME = 2;

const PENDING_TAG = 'Request to Callback Pending';
const PHONE = '+12125550147';

/** Wednesday 18 Nov 2026, 10:00 in New York: Schedule Attempt can call at once. */
const WEDNESDAY_MORNING = new Date('2026-11-18T15:00:00Z');

type OnError = 'continueRegularOutput' | 'continueErrorOutput';

function lead(callbackId: string, extra: IDataObject = {}): IDataObject {
	return {
		callbackId,
		contact: { firstName: 'Jane', lastName: 'Doe', phone: PHONE, phoneCountry: 'US', email: null },
		timezone: null,
		preferredTime: null,
		...extra,
	};
}

async function route(
	items: IDataObject[],
	parameters: IDataObject,
	onError?: OnError,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): Promise<IRun> {
	const json = structuredClone(fixture);
	const node = json.nodes.find((candidate) => candidate.name === ROUTER) as INode;
	node.parameters = { ...node.parameters, ...(parameters as INode['parameters']) };
	if (onError) node.onError = onError;
	return await runFromTrigger(loadWorkflow(json), ROUTER, [items.map((item) => ({ json: item }))], credentials);
}

const ids = (items: IDataObject[]): unknown[] => items.map((item) => item.callbackId);

/** Whether Schedule Attempt, the node that leads to a call, ran at all. */
const scheduleRan = (run: IRun): boolean => run.data.resultData.runData[SCHEDULE] !== undefined;

describe('Tag Router in a workflow (in-process n8n-core)', () => {
	const double = new HighLevelDouble({ locationId: 'loc_tag_router' });
	let highLevel: Record<string, ICredentialDataDecryptedObject>;

	beforeAll(async () => {
		await double.start();
		highLevel = { callbackHighLevelApi: { token: double.token, locationId: double.locationId, baseUrl: double.baseUrl } };
		double.addContact({ phone: PHONE, firstName: 'Jane', tags: [PENDING_TAG] });
	});
	afterAll(async () => {
		await double.stop();
	});
	beforeEach(() => {
		Settings.now = () => WEDNESDAY_MORNING.getTime();
	});
	afterEach(() => {
		Settings.now = () => Date.now();
		// Every request the node sent HighLevel matched HighLevel's API.
		expect(double.violations).toEqual([]);
	});

	it('routes an item that failed in an earlier node as usual, and Schedule Attempt after it does not schedule it', async () => {
		const run = await route([lead('cb_upstream', { tags: [PENDING_TAG], error: 'Twilio refused the number' })], {});
		expect(run.status).toBe('success');
		expect(ids(outputOf(run, ROUTER, ROUTE.pending))).toEqual(['cb_upstream']);
		expect(outputOf(run, SCHEDULE, ATTEMPT)).toEqual([]);
		expect(outputOf(run, SCHEDULE, NO_VALID_TIME)).toEqual([
			expect.objectContaining({ callbackId: 'cb_upstream', error: 'Twilio refused the number', callback: expect.objectContaining({ noValidTimeReason: 'upstream-error' }) }),
		]);
	});

	it('Set Status: a booked callback that ends Failed is counted; at the limit the lead is flagged with the No-Show tag', async () => {
		const booked = { mode: 'scheduled', preferredTime: '2026-11-18T12:15:00-05:00' };
		const run = await route(
			[lead('cb_booked', { tags: [PENDING_TAG], ...booked }), lead('cb_asap', { tags: [PENDING_TAG], mode: 'asap', preferredTime: null })],
			{ operation: 'setStatus', status: 'failed', noShowLimit: 1, tagNames: { noShowTag: 'No-Show (3x)' } },
		);
		const [flagged, asap] = outputOf(run, ROUTER, SET.done);
		const endedFlagged = flagged.callback as IDataObject & { noShow: { pausedUntil: string }; statusChangedAt: string };
		expect(endedFlagged).toMatchObject({ status: 'failed', bookedFor: '2026-11-18T17:15:00.000Z', noShow: { missedInARow: 1, flagged: true } });
		// Paused for the default 30 days from the miss.
		expect(Date.parse(endedFlagged.noShow.pausedUntil) - Date.parse(endedFlagged.statusChangedAt)).toBe(30 * 24 * 3_600_000);
		expect(flagged.tagsToAdd).toEqual(['Failed', 'No-Show (3x)']);
		expect(asap.callback).toMatchObject({ bookedFor: null, noShow: { missedInARow: 0, flagged: false, pausedUntil: null } });
		expect(asap.tagsToAdd).toEqual(['Failed']);
	});

	it('Set Status: a Booked For that is not a time fails the item, saying what to give', async () => {
		const run = await route([lead('cb_typo', { tags: [PENDING_TAG] })], { operation: 'setStatus', status: 'pending', bookedFor: 'tomorrow-ish' }, 'continueRegularOutput');
		expect(outputOf(run, ROUTER, SET.done)).toEqual([expect.objectContaining({ error: expect.stringMatching(/Booked For must be a date and time such as .*not "tomorrow-ish"/) })]);
	});

	describe.each<[OnError, string]>([
		['continueRegularOutput', 'on None (routing) or Done (setting)'],
		['continueErrorOutput', "on n8n's Error output"],
	])('with On Error "%s", a failed item leaves %s and is never scheduled', (onError) => {
		const regular = onError === 'continueRegularOutput';

		it('Route by Status: an item the HighLevel store cannot look up never leaves on Pending', async () => {
			const run = await route(
				[lead('cb_pending'), lead('cb_no_phone', { contact: { firstName: 'Joe', phone: '' } })],
				{ store: 'highLevel' },
				onError,
				highLevel,
			);
			expect(run.status).toBe('success');
			expect(ids(outputOf(run, ROUTER, ROUTE.pending))).toEqual(['cb_pending']);
			expect(ids(outputOf(run, SCHEDULE, ATTEMPT))).toEqual(['cb_pending']);
			const failed = [expect.objectContaining({ error: expect.stringMatching(/finds the contact by phone number, and this item has none/) })];
			expect(outputOf(run, ROUTER, ROUTE.none)).toEqual(regular ? failed : []);
			expect(outputOf(run, ROUTER, ROUTE.error)).toEqual(regular ? [] : failed);
			// On a regular output the failed item keeps the lead's data.
			if (regular) expect(outputOf(run, ROUTER, ROUTE.none)[0]).toEqual(expect.objectContaining({ callbackId: 'cb_no_phone', contact: { firstName: 'Joe', phone: '' } }));
		});

		it('Route by Status: a Data Table store whose table name and ID come out empty fails every item, and none reaches Pending', async () => {
			// Both are mapped from the item, which has neither.
			const run = await route(
				[lead('cb_one', { tags: [PENDING_TAG] }), lead('cb_two', { tags: [PENDING_TAG] })],
				{ store: 'dataTable', dataTableId: '={{ $json.tableId ?? "" }}', dataTableName: '={{ $json.tableName ?? "" }}' },
				onError,
			);
			expect(outputOf(run, ROUTER, ROUTE.pending)).toEqual([]);
			expect(scheduleRan(run)).toBe(false);
			const failed = outputOf(run, ROUTER, regular ? ROUTE.none : ROUTE.error);
			expect(failed).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/No callback status table is set: give its name/) }),
				expect.objectContaining({ error: expect.stringMatching(/No callback status table is set: give its name/) }),
			]);
			if (regular) expect(ids(failed)).toEqual(['cb_one', 'cb_two']);
		});

		it('Route by Status: tag names that cannot be used fail every item instead of passing them on through Pending', async () => {
			const run = await route([lead('cb_one', { tags: [PENDING_TAG] })], { tagNames: { pendingTag: 'Open', incompleteTag: 'open' } }, onError);
			// n8n would hand the input on through Pending if the node threw; it does not.
			expect(outputOf(run, ROUTER, ROUTE.pending)).toEqual([]);
			expect(scheduleRan(run)).toBe(false);
			expect(outputOf(run, ROUTER, regular ? ROUTE.none : ROUTE.error)).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/both use the tag "Open"/) }),
			]);
		});

		it('Route by Status: a table given by name on n8n 1.x, which finds tables by ID only, fails every item and says to paste the ID', async () => {
			const run = await route([lead('cb_one', { tags: [PENDING_TAG] })], { store: 'dataTable', dataTableId: '', dataTableName: 'Callback statuses' }, onError);
			expect(outputOf(run, ROUTER, ROUTE.pending)).toEqual([]);
			expect(outputOf(run, ROUTER, regular ? ROUTE.none : ROUTE.error)).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/n8n 1\.x finds data tables by ID only: create the callback status table under Overview → Data tables and paste its ID/) }),
			]);
		});

		it('Set Status: an unknown status and a refused move fail their items, and Schedule Attempt does not schedule them', async () => {
			const run = await route(
				[
					lead('cb_new', { newStatus: 'pending', tags: [] }),
					lead('cb_typo', { newStatus: 'pendign', tags: [] }),
					lead('cb_finished', { newStatus: 'pending', tags: ['Complete'] }),
				],
				{ operation: 'setStatus', status: '={{ $json.newStatus }}' },
				onError,
			);
			expect(run.status).toBe('success');
			const messages = [
				expect.objectContaining({ error: expect.stringMatching(/"pendign" is not a callback status/) }),
				expect.objectContaining({ error: expect.stringMatching(/A callback that is Complete cannot become Pending/) }),
			];
			const done = outputOf(run, ROUTER, SET.done);
			if (regular) {
				// n8n's regular-output convention: the failed items leave on Done carrying `error`, with their data.
				expect(ids(done)).toEqual(['cb_new', 'cb_typo', 'cb_finished']);
				expect(done[0].error).toBeUndefined();
				expect(done.slice(1)).toEqual(messages);
				expect(outputOf(run, ROUTER, SET.error)).toEqual([]);
				// …and the node after Done refuses them.
				expect(outputOf(run, SCHEDULE, NO_VALID_TIME)).toEqual([
					expect.objectContaining({ callbackId: 'cb_typo', callback: expect.objectContaining({ noValidTimeReason: 'upstream-error' }) }),
					expect.objectContaining({ callbackId: 'cb_finished', callback: expect.objectContaining({ noValidTimeReason: 'upstream-error' }) }),
				]);
			} else {
				expect(ids(done)).toEqual(['cb_new']);
				expect(outputOf(run, ROUTER, SET.error)).toEqual(messages);
			}
			expect(ids(outputOf(run, SCHEDULE, ATTEMPT))).toEqual(['cb_new']);
		});
	});
});
