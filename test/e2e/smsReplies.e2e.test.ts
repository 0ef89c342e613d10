import axios from 'axios';
import { DateTime } from 'luxon';

import { EMPTY_CONTEXT, toCallbackRow } from '../../nodes/core/callbackStore';
import { outputOf, startN8n, type Execution, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { callbackStatusRows, configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, template, templateNodes } from '../harness/templates';
import { startTwilioSandbox, type SandboxMessage, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

const ACCOUNT_SID = `AC${'5e5a'.repeat(8)}`;
const AUTH_TOKEN = 'sms-replies-auth-token-00001';
const BUSINESS_NUMBER = '+14155550100';
/** A second number of the account, whose texts go to a workflow holding only the trigger. */
const ROUTING_NUMBER = '+14155550101';
const AGENT_NUMBER = '+14155550123';
const TRIGGER = 'Text From a Lead';
const OUTPUTS = ['Status', 'Cancel', 'Call Me', 'Reschedule', 'New Number', 'Opted Out', 'Opted In', 'Help', 'Other'];

type Json = Record<string, unknown>;

/** The funnel as shipped, open around the clock on the business side; the leads' own hours still hold. */
function funnelOpenAllHours(leadCountry: string): WorkflowJson {
	const funnel = structuredClone(template('02-request-a-callback-funnel.json'));
	for (const node of templateNodes(funnel)) {
		if (node.type === 'n8n-nodes-callback.scheduleAttempt' && node.parameters) {
			Object.assign(node.parameters, { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00', options: {} });
		}
		// Leads outside the US and Canada only when the test's daytime lead line is elsewhere.
		if (!['US', 'CA'].includes(leadCountry) && /\.(sendSms|bridgeCall|voicemailDrop|smsReplyTrigger)$/.test(node.type) && node.parameters) {
			node.parameters.allowedCountries = [];
		}
	}
	return funnel;
}

/** Only the trigger, on its own path: which output each text leaves on. */
function routingWorkflow(): WorkflowJson {
	return {
		name: 'SMS reply routing',
		nodes: [
			{
				id: '8f1c7d0e-5b0a-4a55-9d3e-2b8f3f1f0a01',
				name: 'SMS Reply',
				type: 'n8n-nodes-callback.smsReplyTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '8f1c7d0e-5b0a-4a55-9d3e-2b8f3f1f0a02',
				parameters: { path: 'sms-routing', allowedCountries: ['US', 'CA'], options: {} },
				credentials: { callbackTwilioApi: { id: '', name: 'Twilio' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const ran = (execution: Execution): string[] => Object.keys(execution.data.resultData.runData);

describe('SMS replies in a real n8n with the Twilio sandbox: the funnel template answers texts', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let funnel: StoredWorkflow;
	let routing: StoredWorkflow;
	let projectId: string;
	const line = leadLineAwake();
	let nextLead = 3100;
	const newLead = (): string => line.phone(nextLead++);

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER, ROUTING_NUMBER] }] });
		await sandbox.client.setScenario({ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const twilioCredential = { id: credential.id, name: credential.name };
		// n8n 2.x: the nodes make the status and opt-out tables; n8n 1.x: the user makes them and pastes their IDs.
		const tables = isN8n1(n8n.version) ? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n) } : {};
		funnel = await n8n.api.importAndActivate(configureTemplate(funnelOpenAllHours(line.country), { twilioCredential, ...tables }));
		routing = await n8n.api.importAndActivate(configureTemplate(routingWorkflow(), { twilioCredential }));
		await n8n.api.waitForWebhook('sms-replies');
		await n8n.api.waitForWebhook('sms-routing');
		// What the user does in the Twilio Console: "A message comes in" → the trigger's production URL.
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, smsUrl: n8n.api.webhookUrl('sms-replies') });
		await sandbox.client.registerNumber({ phoneNumber: ROUTING_NUMBER, smsUrl: n8n.api.webhookUrl('sms-routing') });
		projectId = (await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id;
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** A lead texts the business number; resolves with the text's SID once n8n has answered Twilio. */
	async function text(from: string, body: string, to = BUSINESS_NUMBER): Promise<string> {
		const result = await sandbox.client.injectSms({ from, to, body });
		expect({ body, status: result.webhook?.status, contentType: result.webhook?.contentType?.split(';')[0] }).toEqual({ body, status: 200, contentType: 'text/xml' });
		return result.message.sid;
	}

	/** The execution a text started, once it has finished or gone to wait (`until` says which). */
	async function executionOf(workflow: StoredWorkflow, messageSid: string, until: (execution: Execution) => boolean = (execution) => !['new', 'running', 'waiting'].includes(execution.status)): Promise<Execution> {
		const deadline = Date.now() + 120_000;
		let seen: Execution | undefined;
		for (;;) {
			for (const summary of (await n8n.api.listExecutions(workflow.id)).slice(0, 15)) {
				if (['new', 'running'].includes(summary.status)) continue;
				const execution = await n8n.api.getExecution(summary.id);
				const triggerName = workflow.id === routing.id ? 'SMS Reply' : TRIGGER;
				const started = (execution.data.resultData.runData[triggerName]?.[0]?.data?.main ?? []).flatMap((items) => items ?? []);
				if (!started.some((item) => (item.json.reply as Json | undefined)?.messageSid === messageSid)) continue;
				seen = execution;
				if (until(execution)) return execution;
			}
			if (Date.now() > deadline) {
				const state = seen === undefined ? 'none found' : `${seen.status}, error ${seen.data.resultData.error?.message ?? 'none'}, nodes ${ran(seen).join(' > ')}`;
				throw new Error(`no execution of ${workflow.name} for text ${messageSid} was ready within 120 s (${state})`);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

		const textsTo = async (phone: string): Promise<SandboxMessage[]> => (await sandbox.client.messages({ to: phone })).filter((message) => message.direction === 'outbound-api');
	const createMessageRequestsTo = async (phone: string): Promise<number> =>
		(await sandbox.client.requests('CreateMessage')).filter((request) => request.params.To?.[0] === phone).length;

	const statusRows = async (phone: string): Promise<Json[]> => await callbackStatusRows(n8n, phone);

	/** "4:25pm" on the lead's clock, `minutes` from now rounded up to five; and how {{ecbt}} says it. */
	function leadTimeAhead(minutes: number): { words: string; spoken: string } {
		const raw = DateTime.now().setZone(line.zone).plus({ minutes });
		const at = raw.plus({ minutes: (5 - (raw.minute % 5)) % 5 }).startOf('minute');
		return { words: at.toFormat('h:mma').toLowerCase(), spoken: `today at ${at.setLocale('en-US').toFormat('h:mm a ZZZZ')}` };
	}

	it('sends each keyword and command to its own output', async () => {
		const table: Array<[string, string]> = [
			['@status', 'Status'],
			['STATUS', 'Status'],
			['@cancel', 'Cancel'],
			['@Call Me please', 'Call Me'],
			['@calme', 'Call Me'],
			['RESCHEDULE tomorrow 10am', 'Reschedule'],
			['Update +1 415-555-0199', 'New Number'],
			['STOP', 'Opted Out'],
			['cancel', 'Opted Out'],
			['Unsubscribe', 'Opted Out'],
			['START', 'Opted In'],
			['HELP', 'Help'],
			['Who is this? 🤔', 'Other'],
		];
		for (const [body, output] of table) {
			const lead = newLead();
			const sid = await text(lead, body, ROUTING_NUMBER);
			const execution = await executionOf(routing, sid);
			const outputs = outputOf(execution, 'SMS Reply');
			const leftOn = OUTPUTS.filter((_, index) => (outputs[index] ?? []).length > 0);
			expect({ body, leftOn }).toEqual({ body, leftOn: [output] });
			const item = outputs[OUTPUTS.indexOf(output)][0];
			expect(item).toMatchObject({ source: 'sms', contact: { phone: lead }, reply: { text: body, messageSid: sid, to: ROUTING_NUMBER } });
			if (output === 'New Number') expect((item.reply as Json).newNumber).toBe('+14155550199');
			if (body === 'cancel') expect(item.reply).toMatchObject({ keyword: 'CANCEL', cancelsCallback: true });
			if (output === 'Reschedule') expect(DateTime.fromISO(String(item.preferredTime)).setZone(line.zone).toFormat('HH:mm')).toBe('10:00');
		}
	}, 5 * 60_000);

	it('refuses a forged or unsigned request with 403 and starts nothing', async () => {
		const before = (await n8n.api.listExecutions(routing.id)).length;
		const form = new URLSearchParams({ From: newLead(), To: ROUTING_NUMBER, Body: '@cancel', MessageSid: `SM${'0'.repeat(32)}`, AccountSid: ACCOUNT_SID }).toString();
		const headers = { 'content-type': 'application/x-www-form-urlencoded' };
		const forged = await axios.post(n8n.api.webhookUrl('sms-routing'), form, { headers: { ...headers, 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' }, validateStatus: () => true });
		const unsigned = await axios.post(n8n.api.webhookUrl('sms-routing'), form, { headers, validateStatus: () => true });
		expect([forged.status, unsigned.status]).toEqual([403, 403]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await n8n.api.listExecutions(routing.id)).length).toBe(before);
	});

	it('STOP opts the number out: a following text to it is Not Sent without a request to Twilio; START lets texts through again', async () => {
		const lead = newLead();
		const stopped = await executionOf(funnel, await text(lead, 'STOP'));
		expect(stopped.status).toBe('success');
		expect(outputOf(stopped, 'Record Opt-Out')[0]).toMatchObject([{ smsOptOut: { phone: lead, optedOut: true, source: 'sms-reply' } }]);

		const asked = await executionOf(funnel, await text(lead, '@status'));
		const [, sent, notSent] = outputOf(asked, 'No Callback SMS');
		expect(sent).toEqual([]);
		expect(notSent.map((item) => item.sms)).toMatchObject([{ reason: 'opted-out', optOutSource: 'sms-reply' }]);
		expect(await createMessageRequestsTo(lead)).toBe(0);

		await executionOf(funnel, await text(lead, 'START'));
		const again = await executionOf(funnel, await text(lead, '@status'));
		expect(outputOf(again, 'No Callback SMS')[1]).toHaveLength(1);
		const [answer] = await textsTo(lead);
		expect(answer.body).toContain('Acme Plumbing has no callback waiting for this number');
	}, 3 * 60_000);

	it('RESCHEDULE sets a waiting call, @status answers its time on the lead\'s clock, RESCHEDULE tomorrow 10am moves it, @cancel ends it Cancelled with no call placed', async () => {
		const lead = newLead();
		const first = leadTimeAhead(90);
		const booked = await executionOf(funnel, await text(lead, `RESCHEDULE ${first.words}`), (execution) => execution.status === 'waiting');
		expect(ran(booked)).toEqual(expect.arrayContaining(['Mark Pending (Text)', 'Callback Booked SMS', 'Schedule Call']));
		expect((await textsTo(lead))[0].body).toContain(`will call you ${first.spoken}`);
		const [pending] = await statusRows(lead);
		expect(pending).toMatchObject({ status: 'pending' });
		expect(JSON.parse(String(pending.scheduledAttempt))).toMatchObject({ leadTimezone: line.zone, cancelUrl: expect.stringContaining('token=') });

		const status = await executionOf(funnel, await text(lead, '@status'));
		expect(ran(status)).toContain('Status SMS');
		expect((await textsTo(lead))[1].body).toContain(`will call you back ${first.spoken}`);

		const moved = await executionOf(funnel, await text(lead, 'RESCHEDULE tomorrow 10am'), (execution) => execution.status === 'waiting');
		expect(outputOf(moved, 'Cancel for Reschedule')[0]).toMatchObject([{ callback: { status: 'cancelled', waitingAttempt: 'ended' } }]);
		expect((await textsTo(lead))[2].body).toContain('will call you tomorrow at 10:00 AM');
		// The first waiting execution ended through its cancel link, without calling.
		const firstRun = await n8n.api.getExecution(booked.id);
		expect(firstRun.status).not.toBe('waiting');
		expect(ran(firstRun)).not.toContain('Call Business, Then Lead');

		const cancelled = await executionOf(funnel, await text(lead, '@cancel'));
		expect(outputOf(cancelled, 'Mark Cancelled')[0]).toMatchObject([{ callback: { status: 'cancelled', waitingAttempt: 'ended' } }]);
		expect((await textsTo(lead))[3].body).toContain('Your callback from Acme Plumbing is cancelled');
		const secondRun = await n8n.api.getExecution(moved.id);
		expect(secondRun.status).not.toBe('waiting');
		expect(ran(secondRun)).not.toContain('Call Business, Then Lead');
		expect((await statusRows(lead)).map((row) => row.status).sort()).toEqual(['cancelled', 'cancelled']);
		expect(await sandbox.client.calls({ to: lead })).toEqual([]);
	}, 4 * 60_000);

	it('a callback marked Cancelled without its wait being ended (a hand edit of the table) is still not called when the wait ends', async () => {
		const lead = newLead();
		const booked = await executionOf(funnel, await text(lead, 'RESCHEDULE in 2 minutes'), (execution) => execution.status === 'waiting');
		const tableId = await ensureCallbackStatusTable(n8n);
		await n8n.api.rest('PATCH', `/projects/${projectId}/data-tables/${tableId}/rows`, {
			filter: { type: 'and', filters: [{ columnName: 'phone', condition: 'eq', value: lead }] },
			data: { status: 'cancelled' },
		});
		const deadline = Date.now() + 4 * 60_000;
		let ended = await n8n.api.getExecution(booked.id);
		while (['new', 'running', 'waiting'].includes(ended.status) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 2000));
			ended = await n8n.api.getExecution(booked.id);
		}
		expect(ended.status).toBe('success');
		expect(ran(ended)).toEqual(expect.arrayContaining(['Still Open?', 'Already Complete or Cancelled']));
		expect(ran(ended)).not.toContain('Call Business, Then Lead');
		expect(await sandbox.client.calls({ to: lead })).toEqual([]);
	}, 6 * 60_000);

	it('CANCEL opts the number out and calls off the waiting callback, with no text and no call', async () => {
		const lead = newLead();
		const booked = await executionOf(funnel, await text(lead, `RESCHEDULE ${leadTimeAhead(90).words}`), (execution) => execution.status === 'waiting');
		const requestsBefore = await createMessageRequestsTo(lead);
		const cancelled = await executionOf(funnel, await text(lead, 'CANCEL'));
		expect(ran(cancelled)).toEqual(expect.arrayContaining(['Record Opt-Out', 'CANCEL Texted?', 'Mark Cancelled']));
		expect(outputOf(cancelled, 'Mark Cancelled')[0]).toMatchObject([{ callback: { status: 'cancelled', waitingAttempt: 'ended' } }]);
		expect(outputOf(cancelled, 'Cancelled SMS')[2].map((item) => (item.sms as Json).reason)).toEqual(['opted-out']);
		expect(await createMessageRequestsTo(lead)).toBe(requestsBefore);
		expect((await n8n.api.getExecution(booked.id)).status).not.toBe('waiting');
		expect((await statusRows(lead)).map((row) => row.status)).toEqual(['cancelled']);
		expect(await sandbox.client.calls({ to: lead })).toEqual([]);
	}, 3 * 60_000);

	it('@callme after a Failed callback starts exactly one new callback, however often it is sent at once', async () => {
		const lead = newLead();
		await sandbox.client.setScenario({ number: lead, answerAfter: 2, human: true, talkFor: 20 });
		// A callback of this lead that failed earlier (all attempts missed), in the funnel's status table.
		const tableId = await ensureCallbackStatusTable(n8n);
		const failedAt = new Date(Date.now() - 3_600_000).toISOString();
		await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${tableId}/insert`, {
			data: [
				toCallbackRow({
					callbackId: 'cb_failed00000000000001',
					phone: lead,
					contactId: null,
					status: 'failed',
					tags: ['Request to Callback Failed'],
					attempts: 3,
					lastOutcome: 'lead-no-answer',
					requestedAt: failedAt,
					statusChangedAt: failedAt,
					notes: [],
					optOut: false,
					context: EMPTY_CONTEXT,
					scheduledAttempt: null,
					bookedFor: null,
					missedInARow: 0,
					noShowUntil: null,
					version: 4,
				}),
			],
			returnType: 'count',
		});

		const [one, two] = await Promise.all([text(lead, '@callme'), text(lead, '@CallMe!')]);
		// The one that calls waits for the call's end in between.
		const executions = await Promise.all([executionOf(funnel, one), executionOf(funnel, two)]);
		const opened = executions.filter((execution) => outputOf(execution, 'Mark Pending (Text)')[0].length === 1);
		const alreadyOpen = executions.filter((execution) => outputOf(execution, 'Mark Pending (Text)')[1].length === 1);
		expect([opened.length, alreadyOpen.length]).toEqual([1, 1]);
		expect(opened[0].status).toBe('success');
		expect(ran(opened[0])).toEqual(expect.arrayContaining(['Callback Booked SMS', 'Schedule Call', 'Call Business, Then Lead', 'Mark Complete', 'Thank-You SMS']));
		expect(ran(alreadyOpen[0])).toContain('Status SMS');

		const rows = await statusRows(lead);
		expect(rows.map((row) => [row.callbackId === 'cb_failed00000000000001' ? 'earlier' : 'new', row.status]).sort()).toEqual([
			['earlier', 'failed'],
			['new', 'complete'],
		]);
		expect((await sandbox.client.calls({ to: lead })).length).toBe(1);
		const thanks = (await textsTo(lead)).find((message) => /thank you/i.test(message.body));
		expect(thanks?.body).toMatch(/^Thank you for talking with Acme Plumbing\./);
	}, 4 * 60_000);
});
