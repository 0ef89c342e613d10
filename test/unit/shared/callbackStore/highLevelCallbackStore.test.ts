import axios from 'axios';

import { DEFAULT_STATUS_TAGS, type StatusChange } from '../../../../nodes/core/callbackStore';
import { HighLevelCallbackStore, type HighLevelClient } from '../../../../nodes/shared/callbackStore/highLevelCallbackStore';
import { HighLevelDouble } from '../../../highLevelDouble';
import { statusChangeRequest } from '../../core/callbackStore/statusChangeRequest';

const PHONE = '+14155552671';

/** Sends requests the way the credential does: Bearer token and the v2 API version header. */
function clientFor(double: HighLevelDouble): HighLevelClient {
	return async ({ method, path, qs, body }) => {
		const response = await axios.request({
			method,
			url: `${double.baseUrl}${path}`,
			params: qs,
			data: body,
			headers: { Authorization: `Bearer ${double.token}`, Version: '2021-07-28', Accept: 'application/json' },
			validateStatus: () => true,
		});
		if (response.status >= 400) throw new Error(`HighLevel answered ${response.status}: ${JSON.stringify(response.data)}`);
		return response.data;
	};
}

function change(overrides: Partial<StatusChange>): StatusChange {
	return statusChangeRequest({ key: { callbackId: 'cb_hl_1', phone: PHONE }, ...overrides });
}

describe('HighLevel store against the spec-checked double (contract)', () => {
	let double: HighLevelDouble;
	let store: HighLevelCallbackStore;
	const stages = { pending: 'stage_pending', incomplete: 'stage_retry', complete: 'stage_won' };

	beforeEach(async () => {
		double = new HighLevelDouble();
		await double.start();
		store = new HighLevelCallbackStore(
			clientFor(double),
			{ locationId: double.locationId, tagNames: DEFAULT_STATUS_TAGS, pipelineId: 'pipe_callbacks', stageIds: stages, newCallbackId: () => 'cb_new' },
			{ firstName: 'Jane', lastName: 'Doe', email: 'Jane@Example.com' },
		);
	});

	afterEach(async () => {
		// Every request the store sent conformed to HighLevel's spec.
		expect(double.requests.length).toBeGreaterThan(0);
		expect(double.requests.filter((request) => request.errors.length > 0)).toEqual([]);
		expect(double.violations).toEqual([]);
		await double.stop();
	});

	it('creates the contact by phone, then swaps status tags, adds notes and moves the opportunity', async () => {
		const created = await store.setStatus(change({ status: 'pending' }));
		expect(created.kind).toBe('changed');
		const contact = double.contactByPhone(PHONE)!;
		expect(contact).toMatchObject({ firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', tags: ['request to callback pending'] });
		expect(store.lastEffects).toMatchObject({ contactCreated: true, opportunity: 'notFound' });

		contact.tags.push('facebook lead');
		const opportunity = double.addOpportunity({ contactId: contact.id, pipelineId: 'pipe_callbacks', pipelineStageId: 'stage_pending' });
		await store.setStatus(change({ status: 'incomplete', attempt: 1, outcome: 'no-answer' }));
		expect(contact.tags).toEqual(['facebook lead', 'incomplete']);
		expect(double.opportunities.get(opportunity.id)?.pipelineStageId).toBe('stage_retry');

		const done = await store.setStatus(change({ status: 'complete', attempt: 2, outcome: 'answered', optOut: true }));
		expect(done.kind === 'changed' && done.diff).toEqual({ tagsToAdd: ['Complete', 'SMS Opt-Out'], tagsToRemove: ['incomplete'] });
		expect(contact.tags).toEqual(['facebook lead', 'complete', 'sms opt-out']);
		expect(double.opportunities.get(opportunity.id)?.pipelineStageId).toBe('stage_won');
		expect(store.lastEffects).toMatchObject({ contactCreated: false, opportunity: 'moved', opportunityId: opportunity.id });

		const notes = double.notesOf(contact.id).map((note) => note.body);
		expect(notes).toHaveLength(3);
		expect(notes[1]).toMatch(/^Callback status: Incomplete \(was Pending\)\nTime: 2025-03-03T15:00:00.000Z\nAttempt: 1\nOutcome: no-answer\nReport data: \{/);
		expect((await store.read({ callbackId: null, phone: PHONE }))?.status).toBe('complete');
		expect(new Set(double.requests.map((request) => request.operationId))).toEqual(
			new Set(['get-duplicate-contact', 'upsert-contact', 'add-tags', 'remove-tags', 'create-note', 'search-opportunity', 'update-opportunity']),
		);
	});

	it('refuses Complete → Pending without touching the contact', async () => {
		const contact = double.addContact({ phone: PHONE, tags: ['Complete', 'vip'] });
		const sentBefore = double.requests.length;
		const outcome = await store.setStatus(change({ status: 'pending' }));
		expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/Complete cannot become Pending/) });
		expect(contact.tags).toEqual(['complete', 'vip']);
		expect(double.requests.slice(sentBefore).map((request) => request.operationId)).toEqual(['get-duplicate-contact']);
		expect(double.notesOf(contact.id)).toEqual([]);
	});

	it('reads no status for an unknown phone, and for a contact without a status tag', async () => {
		expect(await store.read({ callbackId: null, phone: '+12125550147' })).toBeNull();
		double.addContact({ phone: '+12125550147', tags: ['vip'] });
		expect(await store.read({ callbackId: null, phone: '+12125550147' })).toBeNull();
	});
});
