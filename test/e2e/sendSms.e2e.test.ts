import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { outputOf, startN8n, type Execution, type N8nHandle, type StoredCredential, type StoredWorkflow, type WorkflowJson } from '../harness';
import { leadZoneAwake } from './leadZoneAwake';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { ContractTally } from '../workflow/twilioContract';

const template = JSON.parse(readFileSync(join(__dirname, 'fixtures/send-sms.workflow.json'), 'utf8')) as WorkflowJson;
const SEND_SMS = 'Send SMS';
/** Send SMS's outputs, the same whatever its options: Resume (0), Sent (1), Not Sent (2). */
const SENT = 1;
const NOT_SENT = 2;

const ACCOUNT_SID = `AC${'5b2e'.repeat(8)}`;
const AUTH_TOKEN = 'c3'.repeat(16);
const TWILIO_NUMBER = '+14155550100';


describe('Send SMS in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let credential: StoredCredential;
	let projectId: string;
	const zone = leadZoneAwake();

	/** Each test's lead has its own number, so executions and messages never mix. */
	let nextLine = 2600;
	const newLead = (): string => `+1415555${nextLine++}`;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.05, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }] });
		n8n = await startN8n();
		credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl }, 'Twilio sandbox');
		projectId = (await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id;
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	async function importWorkflow(path: string, parameters: Record<string, unknown> = {}): Promise<StoredWorkflow> {
		const json = structuredClone(template);
		const nodes = json.nodes as Array<{ name: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
		nodes[0].parameters.path = path;
		const sendSms = nodes.find((node) => node.name === SEND_SMS)!;
		sendSms.parameters = { ...sendSms.parameters, ...parameters };
		sendSms.credentials = { callbackTwilioApi: { id: credential.id, name: credential.name } };
		return await n8n.api.importAndActivate({ ...json, name: `${json.name} (${path})` });
	}

	/** Posts a callback request and returns the execution it started, once finished. */
	async function request(workflow: StoredWorkflow, path: string, phone: string, executionsBefore: number): Promise<Execution> {
		const response = await axios.post(n8n.api.webhookUrl(path), { first_name: 'Wendy', phone, timezone: zone, consent: true });
		expect(response.data).toMatchObject({ ok: true });
		const executions = await n8n.api.waitForExecutions(workflow.id, executionsBefore + 1, 30_000);
		const execution = executions[executions.length - 1];
		// With the error's message, so that a failure says why.
		expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
		return execution;
	}

	const smsOf = (execution: Execution, output: typeof SENT | typeof NOT_SENT): Record<string, unknown>[] => outputOf(execution, SEND_SMS)[output].map((item) => item.sms as Record<string, unknown>);

	describe('with the opt-out list in the workflow', () => {
		let workflow: StoredWorkflow;
		let executions = 0;
		const PATH = 'sms-confirmation';

		beforeAll(async () => {
			workflow = await importWorkflow(PATH);
		});

		it('a confirmation arrives with the right text and segment count', async () => {
			const phone = newLead();
			const execution = await request(workflow, PATH, phone, executions++);
			const [sent] = smsOf(execution, SENT);
			const text = 'Hi Wendy, Acme Plumbing will call you shortly from +1 415 555 0100. Reply STOP to opt out.';
			expect(sent).toMatchObject({ text, encoding: 'GSM-7', segmentCount: 1, to: phone, from: TWILIO_NUMBER, leadTimezone: zone });
			const message = await sandbox.client.waitForMessage((candidate) => candidate.to === phone && candidate.status === 'delivered');
			expect([message.sid, message.body, message.numSegments]).toEqual([sent.sid, text, 1]);
		});

		it('a 429 followed by success sends exactly one message', async () => {
			const phone = newLead();
			await sandbox.client.addFault({ operation: 'CreateMessage', status: 429, count: 1, retryAfter: 1 });
			const execution = await request(workflow, PATH, phone, executions++);
			expect(smsOf(execution, SENT)).toHaveLength(1);
			const creates = (await sandbox.client.requests('CreateMessage')).filter((record) => record.params.To?.[0] === phone);
			expect(creates.map((record) => record.status)).toEqual([429, 201]);
			expect(await sandbox.client.messages({ to: phone })).toHaveLength(1);
		});

		it('a 21610 marks the number opted out: the next text goes to Not Sent without asking Twilio', async () => {
			const phone = newLead();
			await sandbox.client.setOptOut(phone, true, ACCOUNT_SID);
			const first = await request(workflow, PATH, phone, executions++);
			expect(smsOf(first, NOT_SENT)).toEqual([expect.objectContaining({ reason: 'opted-out', twilioCode: 21610 })]);
			const second = await request(workflow, PATH, phone, executions++);
			expect(smsOf(second, NOT_SENT)).toEqual([expect.objectContaining({ reason: 'opted-out', optOutSource: 'twilio-21610' })]);
			expect(smsOf(second, SENT)).toEqual([]);
			const creates = (await sandbox.client.requests('CreateMessage')).filter((record) => record.params.To?.[0] === phone);
			expect(creates.map((record) => record.errorCode)).toEqual([21610]);
			expect(await sandbox.client.messages({ to: phone })).toEqual([]);
		});
	});

	describe('with the opt-out list in a Data Table', () => {
		let workflow: StoredWorkflow;
		let tableId: string;
		let executions = 0;
		const PATH = 'sms-confirmation-table';
		const rows = async (): Promise<Array<Record<string, unknown>>> =>
			(await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${tableId}/rows`, undefined, { take: '100' })).data;

		beforeAll(async () => {
			const table = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
				name: 'callback_sms_opt_outs',
				columns: [
					{ name: 'phone', type: 'string' },
					{ name: 'opted_out', type: 'boolean' },
					{ name: 'source', type: 'string' },
					{ name: 'updated_at', type: 'date' },
				],
			});
			tableId = table.id;
			workflow = await importWorkflow(PATH, { optOutList: 'dataTable', optOutDataTableId: tableId });
		});

		it('an opted-out number is not texted', async () => {
			const phone = newLead();
			await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${tableId}/insert`, {
				data: [{ phone, opted_out: true, source: 'crm', updated_at: new Date().toISOString() }],
				returnType: 'count',
			});
			const execution = await request(workflow, PATH, phone, executions++);
			expect(smsOf(execution, NOT_SENT)).toEqual([expect.objectContaining({ reason: 'opted-out', optOutSource: 'crm', optOutList: `Data Table ${tableId}` })]);
			expect((await sandbox.client.requests('CreateMessage')).filter((record) => record.params.To?.[0] === phone)).toEqual([]);
		});

		it('records a texted number, and a 21610 turns its row into an opt-out', async () => {
			const texted = newLead();
			await request(workflow, PATH, texted, executions++);
			const refused = newLead();
			await sandbox.client.setOptOut(refused, true, ACCOUNT_SID);
			await request(workflow, PATH, refused, executions++);
			const byPhone = new Map((await rows()).map((row) => [row.phone, row]));
			expect(byPhone.get(texted)).toMatchObject({ opted_out: false, source: 'sms-sent' });
			expect(byPhone.get(refused)).toMatchObject({ opted_out: true, source: 'twilio-21610' });
			const again = await request(workflow, PATH, refused, executions++);
			expect(smsOf(again, NOT_SENT)).toEqual([expect.objectContaining({ reason: 'opted-out', optOutSource: 'twilio-21610' })]);
		});
	});

	describe('credential test', () => {
		const test = async (data: Record<string, string>): Promise<{ status: string; message: string }> => {
			const stored = await n8n.api.createCredential({ name: `Twilio ${Object.values(data).join(' ')}`.slice(0, 60), type: 'callbackTwilioApi', data });
			return await n8n.api.rest('POST', '/credentials/test', { credentials: { id: stored.id, name: stored.name, type: stored.type, data } });
		};

		it('passes against the sandbox with the right token, and fails with a wrong one', async () => {
			const good = await test({ accountSid: ACCOUNT_SID, authType: 'authToken', authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
			expect(good).toMatchObject({ status: 'OK' });
			const wrong = await test({ accountSid: ACCOUNT_SID, authType: 'authToken', authToken: 'wrong-token', baseUrl: sandbox.baseUrl });
			expect(wrong.status).toBe('Error');
			expect(wrong.message).toMatch(/authoriz/i);
			// The good test fetched the account once; n8n tries a refused request once more.
			const fetches = await sandbox.client.requests('FetchAccount');
			expect(fetches.map((record) => `${record.status} ${record.authenticatedAs ?? record.errorCode}`)).toEqual([`200 ${ACCOUNT_SID}`, '401 20003', '401 20003']);
		});
	});

	it('every request n8n sent to Twilio in these tests matches Twilio\'s spec', async () => {
		const contract = new ContractTally();
		expect(contract.add(await sandbox.client.requests())).toEqual([]);
		process.stdout.write(`${contract.summary()}\n`);
	});
});
