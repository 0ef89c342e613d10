import axios from 'axios';

import { HighLevelDouble } from '../highLevelDouble';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

const PHONE = '+12125550147';

function workflow(credentialId: string): WorkflowJson {
	return {
		name: 'Tag Router: HighLevel',
		nodes: [
			{
				id: 'hook',
				name: 'Status Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'hook-highlevel-status',
				parameters: { path: 'highlevel-status', httpMethod: 'POST', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{
				id: 'tag-router',
				name: 'Tag Router',
				type: 'n8n-nodes-callback.tagRouter',
				typeVersion: 1,
				position: [240, 0],
				credentials: { callbackHighLevelApi: { id: credentialId, name: 'HighLevel double' } },
				parameters: {
					store: 'highLevel',
					operation: 'setStatus',
					callbackId: '={{ $json.body.callbackId }}',
					phone: '={{ $json.body.phone }}',
					status: '={{ $json.body.status }}',
					attempt: '={{ $json.body.attempt ?? "" }}',
					outcome: '={{ $json.body.outcome ?? "" }}',
					contactFirstName: '={{ $json.body.firstName ?? "" }}',
					pipelineStages: { pipelineId: 'pipe_callbacks', pendingStageId: 'stage_pending', incompleteStageId: 'stage_retry', completeStageId: 'stage_won' },
				},
			},
		],
		connections: { 'Status Webhook': { main: [[{ node: 'Tag Router', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

describe('Tag Router with the HighLevel store in a real n8n, against the HighLevel double', () => {
	let n8n: N8nHandle;
	let flow: StoredWorkflow;
	const double = new HighLevelDouble({ locationId: 'loc_e2e' });

	beforeAll(async () => {
		await double.start();
		n8n = await startN8n();
		const credential = await n8n.api.createCredential({
			name: 'HighLevel double',
			type: 'callbackHighLevelApi',
			data: { token: double.token, locationId: double.locationId, baseUrl: double.baseUrl },
		});
		flow = await n8n.api.importAndActivate(workflow(credential.id));
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await double.stop();
	});

	it('the credential test passes with the right token and fails with a wrong one', async () => {
		const test = async (token: string) => {
			const data = { token, locationId: double.locationId, baseUrl: double.baseUrl };
			const stored = await n8n.api.createCredential({ name: `HighLevel ${token.slice(0, 8)}`, type: 'callbackHighLevelApi', data });
			return await n8n.api.rest<{ status: string; message: string }>('POST', '/credentials/test', { credentials: { id: stored.id, name: stored.name, type: stored.type, data } });
		};
		expect((await test(double.token)).status).toBe('OK');
		expect((await test('pit-wrong')).status).toBe('Error');
	});

	it('sets Pending → Incomplete → Complete with spec-valid requests sent by n8n', async () => {
		const post = async (body: Record<string, unknown>) => await axios.post(n8n.api.webhookUrl('highlevel-status'), { phone: PHONE, callbackId: 'cb_hl_e2e', ...body }, { validateStatus: () => true });
		const pending = await post({ status: 'pending', firstName: 'Maria' });
		expect(pending.status).toBe(200);
		const contact = double.contactByPhone(PHONE)!;
		expect(contact).toMatchObject({ firstName: 'Maria', tags: ['request to callback pending'] });
		expect(pending.data.callback).toMatchObject({ status: 'pending', store: 'highLevel', highLevel: { contactId: contact.id, contactCreated: true, opportunity: 'notFound' } });

		contact.tags.push('roofing');
		const opportunity = double.addOpportunity({ contactId: contact.id, pipelineId: 'pipe_callbacks', pipelineStageId: 'stage_pending' });
		const missed = await post({ status: 'incomplete', attempt: 1, outcome: 'no-answer' });
		expect(missed.data).toMatchObject({ callback: { status: 'incomplete', previousStatus: 'pending' }, tagsToAdd: ['Incomplete'], tagsToRemove: ['request to callback pending'] });
		expect(double.opportunities.get(opportunity.id)?.pipelineStageId).toBe('stage_retry');

		const done = await post({ status: 'complete', attempt: 2, outcome: 'answered' });
		expect(done.data.callback).toMatchObject({ status: 'complete', highLevel: { opportunity: 'moved', opportunityId: opportunity.id } });
		expect(contact.tags).toEqual(['roofing', 'complete']);
		expect(double.opportunities.get(opportunity.id)?.pipelineStageId).toBe('stage_won');
		expect(double.notesOf(contact.id)).toHaveLength(3);

		const refused = await post({ status: 'pending' });
		expect(refused.status).toBe(500);
		expect(contact.tags).toEqual(['roofing', 'complete']);

		const [execution] = await n8n.api.waitForExecutions(flow.id, 4, 30_000);
		expect(outputOf(execution, 'Tag Router')[0]).toHaveLength(1);
		// Everything n8n sent, through the credential, matched HighLevel's spec.
		const fromN8n = double.requests.filter((request) => request.operationId !== 'get-contacts');
		expect(fromN8n.length).toBeGreaterThanOrEqual(14);
		expect(double.requests.filter((request) => request.errors.length > 0)).toEqual([]);
		expect(double.violations).toEqual([]);
	});
});
