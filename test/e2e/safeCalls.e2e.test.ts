import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { outputOf, type Execution, type WorkflowJson } from '../harness';
import { isN8n1, template } from '../harness/templates';
import { CallingTestBed } from './callingTestBed';
import { leadZoneAt } from './leadZoneAt';
import { leadZoneAwake } from './leadZoneAwake';

/**
 * Calls that are always legal and never toll fraud, in a real n8n with the Twilio sandbox: the
 * calling nodes themselves refuse a lead outside their window or at a number that must not be
 * dialled, and a missing loop-back wire fails before anyone is called.
 */
const callingTemplate = template('05-bridge-call-and-voicemail-drop.json');
const voicemailFixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/voicemail-drop.workflow.json'), 'utf8')) as WorkflowJson;

const ACCOUNT_SID = `AC${'5afe'.repeat(8)}`;
const AUTH_TOKEN = 'c3'.repeat(16);
const TWILIO_NUMBER = '+14155550100';
const BUSINESS = '+14155550123';

type Json = Record<string, unknown>;
type Node = { name: string; type: string; parameters: Json; credentials?: Record<string, { id: string; name: string }> };

describe('safe calls in a real n8n with the Twilio sandbox', () => {
	const bed = CallingTestBed.forSuite({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }, 0.1);

	/** Imports and publishes a workflow with its Twilio nodes on the sandbox credential; `edit` changes it first. */
	async function publish(source: WorkflowJson, edit: (nodes: Node[], json: WorkflowJson) => void = () => undefined): Promise<{ id: string; path: string }> {
		const json = structuredClone(source);
		edit(json.nodes as Node[], json);
		return await bed.publish(json, null);
	}

	async function runOnce(workflowId: string, path: string, body: Json, status: 'success' | 'error' = 'success'): Promise<Execution> {
		const response = await axios.post(bed.n8n.api.webhookUrl(path), body, { validateStatus: () => true });
		expect(response.status).toBeLessThan(500);
		const [execution] = await bed.n8n.api.waitForExecutions(workflowId, 1, 60_000);
		expect(execution.status).toBe(status);
		return execution;
	}

	/** Requests the sandbox received for calls (create, fetch, list). */
	async function callRequests(): Promise<number> {
		return (await bed.sandbox.client.requests()).filter((request) => /Calls/.test(String(request.path ?? request.operationId ?? ''))).length;
	}

	it("the calling template at 05:00 on the lead's clock calls nobody and reports outside-calling-window", async () => {
		const { zone, local } = leadZoneAt(5, 0);
		const lead = '+16465550140';
		const workflow = await publish(callingTemplate);
		const before = await callRequests();
		const execution = await runOnce(workflow.id, workflow.path, { first_name: 'Nora', phone: lead, timezone: zone, consent: true });

		const [, connected, notConnected] = outputOf(execution, 'Bridge Call');
		expect(connected).toEqual([]);
		expect(notConnected).toHaveLength(1);
		expect(notConnected[0].bridgeCall).toMatchObject({ connected: false, outcome: 'outside-calling-window', reason: 'outside-calling-window', leadTimezone: zone });
		expect(String((notConnected[0].bridgeCall as Json).reasonText)).toContain(`${local.slice(0, 5)}`);
		expect(Date.parse(String((notConnected[0].bridgeCall as Json).opensAt))).toBeGreaterThan(Date.now());
		// The voicemail drop that follows refuses the same lead for the same reason.
		const [, , , notReached] = outputOf(execution, 'Voicemail Drop');
		expect(notReached[0].voicemailDrop).toMatchObject({ outcome: 'not-reached', reason: 'outside-calling-window' });
		expect(await bed.sandbox.client.calls({ to: lead })).toEqual([]);
		expect(await bed.sandbox.client.calls({ to: BUSINESS })).toEqual([]);
		expect(await callRequests()).toBe(before);
	});

	it("a voicemail drop due just after 21:00 on the lead's clock is not placed", async () => {
		const { zone, local } = leadZoneAt(21, 0);
		const lead = '+16465550141';
		const workflow = await publish(voicemailFixture);
		const execution = await runOnce(workflow.id, workflow.path, { first_name: 'Omar', phone: lead, timezone: zone, consent: true });
		const [callEnded, left, answered, notReached] = outputOf(execution, 'Voicemail Drop');
		expect([callEnded, left, answered]).toEqual([[], [], []]);
		expect(notReached[0].voicemailDrop).toMatchObject({ outcome: 'not-reached', reason: 'outside-calling-window', leadTimezone: zone });
		expect(String((notReached[0].voicemailDrop as Json).reasonText)).toContain(local.slice(0, 5));
		expect(await bed.sandbox.client.calls({ to: lead })).toEqual([]);
	});

	it.each([
		['a satellite number', '+881612345678'],
		['an international freephone number', '+80012345678'],
		['a UK personal number', '+447012345678'],
	])('%s is refused by Bridge Call and Voicemail Drop, even with every country allowed, with no request to Twilio', async (_, lead) => {
		// A plain webhook in front, so the number reaches the calling nodes unchecked, as from any other source.
		const workflow = await publish(callingTemplate, (nodes) => {
			const trigger = nodes.find((node) => node.type.endsWith('callbackRequestTrigger'))!;
			trigger.type = 'n8n-nodes-base.webhook';
			(trigger as unknown as { typeVersion: number }).typeVersion = 2;
			trigger.parameters = { httpMethod: 'POST', path: trigger.parameters.path, responseMode: 'onReceived', options: {} };
			for (const node of nodes.filter((candidate) => /bridgeCall|voicemailDrop/.test(candidate.type))) {
				node.parameters = { ...node.parameters, leadPhone: '={{ $json.body.phone }}', leadTimezone: '={{ $json.body.timezone }}', consentGiven: true, allowedCountries: [] };
			}
		});
		const before = (await bed.sandbox.client.requests()).length;
		const execution = await runOnce(workflow.id, workflow.path, { phone: lead, timezone: leadZoneAwake() });
		const [, , notConnected] = outputOf(execution, 'Bridge Call');
		expect(notConnected[0].bridgeCall).toMatchObject({ outcome: 'number-not-allowed', reason: 'number-not-allowed' });
		expect(String((notConnected[0].bridgeCall as Json).reasonText)).toMatch(/never called or texted/);
		const [, , , notReached] = outputOf(execution, 'Voicemail Drop');
		expect(notReached[0].voicemailDrop).toMatchObject({ outcome: 'not-reached', reason: 'number-not-allowed' });
		expect((await bed.sandbox.client.requests()).length).toBe(before);
	});

	it('a Bridge Call whose Call Ended output is not wired fails with a message naming the connection, and calls nobody', async () => {
		const lead = '+16465550142';
		const workflow = await publish(callingTemplate, (_, json) => {
			const connections = json.connections as Record<string, { main: Array<Array<{ node: string }>> }>;
			connections['Bridge Call'].main[0] = [];
		});
		const execution = await runOnce(workflow.id, workflow.path, { first_name: 'Pia', phone: lead, timezone: leadZoneAwake(), consent: true }, 'error');
		const error = execution.data.resultData.runData['Bridge Call'][0].error;
		expect(error?.message).toBe(
			isN8n1(bed.n8n.version)
				? 'The "Call Ended" output of "Bridge Call" is not connected back to "Bridge Call" itself. Connect it to this node\'s own input, then run again; nothing was placed or sent.'
				: 'The "Call Ended" output of "Bridge Call" is not connected. Connect it to a second node of this kind set to "Read Outcome After Maximum Wait", then run again; nothing was placed or sent.',
		);
		expect(await bed.sandbox.client.calls({ to: BUSINESS })).toEqual([]);
		expect(await bed.sandbox.client.calls({ to: lead })).toEqual([]);
	});
});
