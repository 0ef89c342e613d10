import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Settings } from 'luxon';
import { NodeHelpers, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeOutputConfiguration, type IRun } from 'n8n-workflow';

import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { loadWorkflow, outputOf, packageNodeTypes, resumeRun, runFromTrigger, type WorkflowJson } from './inProcessN8n';
import { ContractTally } from './twilioContract';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/send-sms.workflow.json'), 'utf8')) as WorkflowJson;
const NODE = 'Send SMS';
/** Fixed, whatever the options: n8n hands a waiting item on through output 0. */
const WINDOW_OPEN = 0;
const SENT = 1;
const NOT_SENT = 2;
/** The output n8n adds for "On Error: Continue (using error output)". */
const ERROR_OUTPUT = 3;

const ACCOUNT_SID = `AC${'7e1f'.repeat(8)}`;
const AUTH_TOKEN = 'a1'.repeat(16);
const API_KEY = { sid: `SK${'42ab'.repeat(8)}`, secret: 'key-secret-for-tests' };
const TWILIO_NUMBER = '+14155550100';
const MESSAGING_SERVICE_SID = `MG${'9c0d'.repeat(8)}`;
const LEAD = '+14155552671';

/** Wednesday 18 Nov 2026, 10:00 in San Francisco (the lead's area code 415). */
const LEAD_MORNING = new Date('2026-11-18T18:00:00Z');
/** The same day, 21:30 in San Francisco. */
const LEAD_NIGHT = new Date('2026-11-19T05:30:00Z');

let sandbox: TwilioSandbox;
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	sandbox = await startTwilioSandbox({
		timeScale: 0.02,
		accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeys: [API_KEY], phoneNumbers: [TWILIO_NUMBER], messagingServices: [{ sid: MESSAGING_SERVICE_SID, phoneNumbers: [TWILIO_NUMBER] }] }],
	});
	credentials = { callbackTwilioApi: { accountSid: ACCOUNT_SID, authType: 'authToken', authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl } };
});
const contract = new ContractTally();
afterAll(async () => {
	await sandbox?.stop();
	process.stdout.write(`${contract.summary()}\n`);
});

const setNow = (date: Date): void => {
	Settings.now = () => date.getTime();
};
beforeEach(async () => {
	await sandbox.client.reset();
	setNow(LEAD_MORNING);
});
afterEach(async () => {
	Settings.now = () => Date.now();
	// Contract: every request the node sent in the test is one Twilio's spec allows.
	expect(contract.add(await sandbox.client.requests())).toEqual([]);
});

function lead(extra: IDataObject = {}): IDataObject {
	return {
		callbackId: 'cb_0123456789abcdef0123',
		contact: { firstName: 'Jane', lastName: 'Doe', phone: LEAD, phoneCountry: 'US', email: null },
		timezone: null,
		preferredTime: null,
		...extra,
	};
}

function workflowJson(parameters: IDataObject = {}): WorkflowJson {
	const json = structuredClone(fixture);
	const node = json.nodes[0] as INode;
	node.parameters = { ...node.parameters, ...(parameters as INode['parameters']) };
	return json;
}

async function send(items: IDataObject[], parameters: IDataObject = {}, staticData: IDataObject = {}): Promise<IRun> {
	return await runFromTrigger(loadWorkflow(workflowJson(parameters), staticData), NODE, [items.map((json) => ({ json }))], credentials);
}

const sms = (item: IDataObject): IDataObject => item.sms as IDataObject;

/** "Resume" (output 0) wired back into the node, as the node's notice asks. */
function loopedBack(json: WorkflowJson): WorkflowJson {
	json.connections = { [NODE]: { main: [[{ node: NODE, type: 'main', index: 0 }], [], []] } };
	return json;
}

/** The node's outputs as n8n's editor draws them for these parameters. */
function outputNames(parameters: IDataObject): string[] {
	const json = workflowJson(parameters);
	const workflow = loadWorkflow(json);
	const node = workflow.getNode(NODE)!;
	const description = packageNodeTypes().getByNameAndVersion(node.type, node.typeVersion).description;
	return NodeHelpers.getNodeOutputs(workflow, node, description).map((output, index) =>
		typeof output === 'string' ? (description.outputNames?.[index] ?? output) : String((output as INodeOutputConfiguration).displayName),
	);
}

describe('Send SMS: Only After a Call Connected (in-process n8n-core, Twilio sandbox)', () => {
	it('texts nobody whose call has not connected, and texts once the Bridge Call says it did', async () => {
		const run = await send(
			[lead(), lead({ bridgeCall: { connected: false, outcome: 'lead-no-answer' } }), lead({ bridgeCall: { connected: true, outcome: 'connected' } })],
			{ onlyAfterConnectedCall: true },
		);
		const notSent = outputOf(run, NODE, NOT_SENT);
		expect(notSent.map((item) => sms(item).reason)).toEqual(['not-reached-yet', 'not-reached-yet']);
		expect(sms(notSent[0]).reasonText).toMatch(/no call with this lead has connected yet/);
		const sent = outputOf(run, NODE, SENT);
		expect(sent).toHaveLength(1);
		expect((sent[0].bridgeCall as IDataObject).connected).toBe(true);
		expect(await sandbox.client.messages({ to: LEAD })).toHaveLength(1);
	});

	it('texts as usual with the option off', async () => {
		const run = await send([lead()]);
		expect(outputOf(run, NODE, SENT)).toHaveLength(1);
	});
});

describe('Send SMS: a booked time is said on the clock (in-process n8n-core, Twilio sandbox)', () => {
	it("the confirmation of a slot 45 minutes ahead names its time in the lead's zone; an unbooked time 45 minutes ahead stays \"in about 45 minutes\"", async () => {
		const slot = new Date(LEAD_MORNING.getTime() + 45 * 60_000).toISOString();
		const run = await send([lead({ mode: 'scheduled', preferredTime: slot }), lead({ mode: 'asap', callback: { attemptAt: slot } })]);
		expect(outputOf(run, NODE, SENT).map((item) => sms(item).text)).toEqual([
			'Hi Jane, Acme Plumbing will call you today at 10:45 AM PST from +1 415 555 0100. Reply STOP to opt out.',
			'Hi Jane, Acme Plumbing will call you in about 45 minutes from +1 415 555 0100. Reply STOP to opt out.',
		]);
	});
});

describe('Send SMS: the final text to a no-show (in-process n8n-core, Twilio sandbox)', () => {
	it('sends the No-Show Text instead of the Final Attempt Text when the Tag Router flagged the lead', async () => {
		const run = await send(
			[lead({ callback: { noShow: { missedInARow: 3, flagged: true, pausedUntil: '2026-12-18T18:00:00.000Z' } } }), lead({ callback: { noShow: { missedInARow: 2, flagged: false } } })],
			{ messageType: 'finalAttempt' },
		);
		const sent = outputOf(run, NODE, SENT);
		expect(sent.map((item) => sms(item).text)).toEqual([
			'Hi Jane, Acme Plumbing tried to reach you several times. Please call us at +1 415 555 0100 when it suits you.\nReply STOP to opt out.',
			'Hi Jane, Acme Plumbing could not reach you. If you still want a call, just send us a new callback request.',
		]);
		expect(sms(sent[0]).noShowText).toBe(true);
		expect(sms(sent[1]).noShowText).toBeUndefined();
		expect((await sandbox.client.messages({ to: LEAD })).map((message) => message.body)).toEqual(expect.arrayContaining(sent.map((item) => sms(item).text)));
	});
});

describe('Send SMS in a workflow (in-process n8n-core, Twilio sandbox)', () => {
	it('sends the confirmation with the placeholders filled, and reports encoding and segments as Twilio counts them', async () => {
		const run = await send([lead()]);
		expect(run.status).toBe('success');
		const [item] = outputOf(run, NODE, SENT);
		expect(sms(item)).toEqual({
			status: 'queued',
			messageType: 'confirmation',
			sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
			to: LEAD,
			from: TWILIO_NUMBER,
			messagingServiceSid: null,
			text: 'Hi Jane, Acme Plumbing will call you shortly from +1 415 555 0100. Reply STOP to opt out.',
			encoding: 'GSM-7',
			segmentCount: 1,
			characters: 89,
			notice: null,
			optOutLanguageAdded: false,
			leadTimezone: 'America/Los_Angeles',
		});
		const [message] = await sandbox.client.messages({ to: LEAD });
		expect(message).toMatchObject({ sid: sms(item).sid, body: sms(item).text, from: TWILIO_NUMBER, numSegments: 1, encoding: 'GSM-7' });
	});

	it('fills n8n expressions and placeholders in the same text, counts an emoji text as UCS-2, and adds the opt-out notice to a first text', async () => {
		const run = await send([lead({ reason: 'boiler' })], {
			messageType: 'custom',
			customText: '={{first-name}}, about your {{ $json.reason }} 🔧: we call {{ecbt}}.',
			callbackTime: '2026-11-18T10:40:00-08:00',
		});
		const [item] = outputOf(run, NODE, SENT);
		expect(sms(item)).toMatchObject({
			text: 'Jane, about your boiler 🔧: we call in about 40 minutes.\nReply STOP to opt out.',
			encoding: 'UCS-2',
			segmentCount: 2,
			optOutLanguageAdded: true,
		});
		const [message] = await sandbox.client.messages({ to: LEAD });
		expect([message.body, message.numSegments, message.encoding]).toEqual([sms(item).text, 2, 'UCS-2']);
	});

	it('adds the opt-out notice only to the first text to a number', async () => {
		const staticData: IDataObject = {};
		const parameters = { messageType: 'missedCall' };
		const first = sms(outputOf(await send([lead()], parameters, staticData), NODE, SENT)[0]);
		const second = sms(outputOf(await send([lead()], parameters, staticData), NODE, SENT)[0]);
		expect([first.optOutLanguageAdded, second.optOutLanguageAdded]).toEqual([true, false]);
		expect(String(first.text).endsWith('\nReply STOP to opt out.')).toBe(true);
	});

	it('never texts a lead the item marks as opted out, and asks Twilio nothing', async () => {
		const run = await send([lead({ contact: { firstName: 'Jane', phone: LEAD, smsOptOut: true } })], { alreadyOptedOut: '={{ $json.contact.smsOptOut }}' });
		expect(outputOf(run, NODE, SENT)).toEqual([]);
		expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({ status: 'not-sent', reason: 'opted-out', optOutSource: 'item' });
		expect(await sandbox.client.requests()).toEqual([]);
	});

	it('a 21610 refusal goes to Not Sent and puts the number on the list; the next text is not even tried', async () => {
		await sandbox.client.setOptOut(LEAD, true, ACCOUNT_SID);
		const staticData: IDataObject = {};
		const first = await send([lead()], {}, staticData);
		expect(first.status).toBe('success');
		expect(sms(outputOf(first, NODE, NOT_SENT)[0])).toMatchObject({ reason: 'opted-out', twilioCode: 21610, optOutSource: 'twilio-21610', optOutList: "this workflow's storage" });

		const second = await send([lead()], {}, staticData);
		expect(sms(outputOf(second, NODE, NOT_SENT)[0])).toMatchObject({ reason: 'opted-out', optOutSource: 'twilio-21610' });
		const creates = await sandbox.client.requests('CreateMessage');
		expect(creates.map((request) => request.errorCode)).toEqual([21610]);
		expect(await sandbox.client.messages()).toEqual([]);
	});

	it('retries a 429 after Retry-After and sends exactly one message', async () => {
		await sandbox.client.addFault({ operation: 'CreateMessage', status: 429, count: 1, retryAfter: 1 });
		const started = Date.now();
		const run = await send([lead()]);
		expect(outputOf(run, NODE, SENT)).toHaveLength(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect((await sandbox.client.requests('CreateMessage')).map((request) => request.status)).toEqual([429, 201]);
		expect(await sandbox.client.messages({ to: LEAD })).toHaveLength(1);
	});

	it('after a 500 whose message Twilio did create, finds it instead of sending it again', async () => {
		await sandbox.client.addFault({ operation: 'CreateMessage', status: 500, count: 1, afterEffect: true });
		const run = await send([lead()]);
		const [item] = outputOf(run, NODE, SENT);
		const messages = await sandbox.client.messages({ to: LEAD });
		expect(messages).toHaveLength(1);
		expect(sms(item).sid).toBe(messages[0].sid);
		expect((await sandbox.client.requests()).map((request) => `${request.operationId} ${request.status}`)).toEqual(['CreateMessage 500', 'ListMessage 200']);
	});

	it('after a 503 that created nothing, sends once more and exactly one message arrives', async () => {
		await sandbox.client.addFault({ operation: 'CreateMessage', status: 503, count: 1, retryAfter: 0 });
		const run = await send([lead()]);
		expect(outputOf(run, NODE, SENT)).toHaveLength(1);
		expect((await sandbox.client.requests()).map((request) => `${request.operationId} ${request.status}`)).toEqual(['CreateMessage 503', 'ListMessage 200', 'CreateMessage 201']);
		expect(await sandbox.client.messages({ to: LEAD })).toHaveLength(1);
	});

	it("turns any other Twilio refusal into a node error with Twilio's code and message", async () => {
		const run = await send([lead()], { from: '+14155550199' });
		expect(run.status).toBe('error');
		const error = run.data.resultData.error as unknown as { message: string; httpCode: string; context: IDataObject; description: string };
		expect(error.message).toBe(`Twilio error 21660: Mismatch between the 'From' number +14155550199 and the account ${ACCOUNT_SID}`);
		expect(error.httpCode).toBe('400');
		expect(error.context).toMatchObject({ twilioCode: 21660, twilioMoreInfo: 'https://www.twilio.com/docs/errors/21660' });
	});

	it('sends through a messaging service, authenticated with an API key', async () => {
		const apiKeyCredentials = { callbackTwilioApi: { accountSid: ACCOUNT_SID, authType: 'apiKey', apiKeySid: API_KEY.sid, apiKeySecret: API_KEY.secret, baseUrl: `${sandbox.baseUrl}/` } };
		const workflow = loadWorkflow(workflowJson({ senderType: 'messagingService', messagingServiceSid: MESSAGING_SERVICE_SID, callbackCallerId: TWILIO_NUMBER }));
		const run = await runFromTrigger(workflow, NODE, [[{ json: lead() }]], apiKeyCredentials);
		expect(sms(outputOf(run, NODE, SENT)[0])).toMatchObject({ messagingServiceSid: MESSAGING_SERVICE_SID, status: 'accepted' });
		const [request] = await sandbox.client.requests('CreateMessage');
		expect(request.authenticatedAs).toBe(API_KEY.sid);
		expect(request.params).toEqual({ To: [LEAD], MessagingServiceSid: [MESSAGING_SERVICE_SID], Body: [expect.stringContaining('+1 415 555 0100')] });
	});

	it('refuses an unknown placeholder, naming it, and a text over 500 characters, before calling Twilio', async () => {
		const unknown = await send([lead()], { messageType: 'custom', customText: 'Hi {{frist-name}}' });
		expect(unknown.data.resultData.error?.message).toContain('Unknown placeholder {{frist-name}}');
		const long = await send([lead()], { messageType: 'custom', customText: 'x'.repeat(501) });
		expect(long.data.resultData.error?.message).toContain('over the 500-character limit');
		expect(await sandbox.client.requests()).toEqual([]);
	});

	describe('the reminder', () => {
		const callAt = new Date(LEAD_MORNING.getTime() + 15 * 60_000).toISOString();
		const reminderAt = LEAD_MORNING.toISOString();

		it('goes out when due, before the call', async () => {
			const run = await send([lead({ callback: { attemptAt: callAt, reminderAt } })], { messageType: 'reminder' });
			expect(sms(outputOf(run, NODE, SENT)[0])).toMatchObject({ messageType: 'reminder', text: expect.stringContaining('will call you within 15 minutes') });
		});

		it('is skipped with a reason when none is due, and never sent after the call time', async () => {
			const none = await send([lead({ callback: { attemptAt: callAt } })], { messageType: 'reminder' });
			expect(sms(outputOf(none, NODE, NOT_SENT)[0])).toMatchObject({ reason: 'no-reminder-due' });
			const late = await send([lead({ callback: { attemptAt: reminderAt, reminderAt: new Date(LEAD_MORNING.getTime() - 15 * 60_000).toISOString() } })], { messageType: 'reminder' });
			expect(sms(outputOf(late, NODE, NOT_SENT)[0])).toMatchObject({ reason: 'call-already-due' });
			expect(await sandbox.client.requests()).toEqual([]);
		});

		it('outside quiet hours is skipped, even when other texts would wait for the window', async () => {
			setNow(LEAD_NIGHT);
			const at = new Date(LEAD_NIGHT.getTime() + 15 * 60_000).toISOString();
			const run = await send([lead({ callback: { attemptAt: at, reminderAt: LEAD_NIGHT.toISOString() } })], { messageType: 'reminder', quietHours: 'wait' });
			expect(run.waitTill).toBeUndefined();
			expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({ reason: 'outside-calling-window' });
			expect(await sandbox.client.requests()).toEqual([]);
		});
	});

	it('keeps quiet at 21:30 on the lead’s clock: Not Sent with the reason and when the window opens', async () => {
		setNow(LEAD_NIGHT);
		const run = await send([lead()]);
		expect(outputOf(run, NODE, WINDOW_OPEN)).toEqual([]);
		expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({
			reason: 'outside-calling-window',
			reasonText: expect.stringContaining('21:30 Wed for the lead (America/Los_Angeles) is outside the texting window'),
			opensAt: '2026-11-19T16:00:00.000Z',
		});
		expect(await sandbox.client.requests()).toEqual([]);
	});

	it('in wait mode waits until the window opens, and sends when the item comes back through "Resume"', async () => {
		setNow(LEAD_NIGHT);
		const workflow = loadWorkflow(loopedBack(workflowJson({ quietHours: 'wait' })));
		const waiting = await runFromTrigger(workflow, NODE, [[{ json: lead() }]], credentials);
		expect(waiting.status).toBe('waiting');
		// The item n8n hands on through "Resume" when the wait ends.
		const [handedOn] = waiting.data.executionData?.nodeExecutionStack[0].data.main[0] ?? [];
		expect(sms(handedOn.json)).toMatchObject({ status: 'waiting', reason: 'outside-calling-window', opensAt: '2026-11-19T16:00:00.000Z' });
		expect(waiting.waitTill?.toISOString()).toBe('2026-11-19T16:00:00.000Z');
		expect(await sandbox.client.requests()).toEqual([]);

		setNow(new Date('2026-11-19T16:00:00Z'));
		const resumed = await resumeRun(workflow, waiting, credentials);
		expect(resumed.status).toBe('success');
		const runs = resumed.data.resultData.runData[NODE];
		const sent = runs[runs.length - 1].data?.main?.[SENT] ?? [];
		expect(sent.map((item) => sms(item.json).status)).toEqual(['queued']);
		expect(await sandbox.client.messages({ to: LEAD })).toHaveLength(1);
	});
	it('has the same three outputs whatever "Outside the Texting Window" says, so switching it moves no wire', () => {
		const names = ['Resume', 'Sent', 'Not Sent'];
		expect(outputNames({ quietHours: 'notSent' })).toEqual(names);
		expect(outputNames({ quietHours: 'wait' })).toEqual(names);
	});

	it('in wait mode sends a lead inside the window on "Sent", even with "Resume" unconnected', async () => {
		const run = await send([lead()], { quietHours: 'wait' });
		expect(run.status).toBe('success');
		expect(outputOf(run, NODE, SENT).map((item) => sms(item).status)).toEqual(['queued']);
		expect(outputOf(run, NODE, WINDOW_OPEN)).toEqual([]);
	});

	it('in wait mode refuses to wait when "Resume" is not wired back into the node, naming the missing wire, and asks Twilio nothing', async () => {
		setNow(LEAD_NIGHT);
		const json = workflowJson({ quietHours: 'wait' });
		// "Sent" leads on to another node, "Resume" nowhere.
		json.nodes.push({ ...structuredClone(json.nodes[0]), id: 'b7c1', name: 'Reminder', position: [240, 0] });
		json.connections = { [NODE]: { main: [[], [{ node: 'Reminder', type: 'main', index: 0 }], []] } };
		const run = await runFromTrigger(loadWorkflow(json), NODE, [[{ json: lead() }]], credentials);
		expect(run.status).toBe('error');
		expect(run.waitTill).toBeUndefined();
		const error = run.data.resultData.error as unknown as { message: string; description: string };
		expect(error.message).toBe(
			'The "Resume" output of "Send SMS" is not connected back to "Send SMS" itself. Connect it to this node\'s own input, then run again; nothing was placed or sent.',
		);
		expect(error.description).toContain('send the text when the window opens');
		expect(await sandbox.client.requests()).toEqual([]);
	});

	it('refuses a lead whose timezone cannot be told: Not Sent with timezone-unknown, no request', async () => {
		const run = await send([lead({ contact: { firstName: 'Jane', phone: '+18002345678' } })]);
		expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({
			status: 'not-sent',
			reason: 'timezone-unknown',
			reasonText: expect.stringContaining("The lead's timezone cannot be told"),
		});
		expect(await sandbox.client.requests()).toEqual([]);
	});

	describe('number policy: the lead\'s number is read as the trigger reads it', () => {
		it.each([
			['a satellite number (+881)', '+881612345678', ['US', 'CA'], 'satellite', 'is a satellite phone number, which is never called or texted'],
			['an international freephone number (+800)', '+80012345678', ['US', 'CA'], 'international-freephone', 'is an international freephone number (+800), which is never called or texted'],
			['a UK personal number (+44 70), even with every country allowed', '+447012345678', [], 'personal-number', 'is a UK-style personal number (070), which is never called or texted'],
		])('never texts %s: Not Sent with number-not-allowed, and Twilio is not asked', async (_name, phone, allowedCountries, numberKind, words) => {
			const run = await send([lead({ contact: { firstName: 'Jane', phone } })], { allowedCountries });
			expect(run.status).toBe('success');
			expect(outputOf(run, NODE, SENT)).toEqual([]);
			expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({
				status: 'not-sent',
				messageType: 'confirmation',
				to: phone,
				reason: 'number-not-allowed',
				reasonText: expect.stringContaining(`Lead Phone "${phone}" ${words}`),
				numberKind,
			});
			expect(await sandbox.client.requests()).toEqual([]);
		});

		it('never texts a number outside the allowed countries, and says where to allow it', async () => {
			const run = await send([lead({ contact: { firstName: 'Jane', phone: '+4915123456789' } })]);
			expect(sms(outputOf(run, NODE, NOT_SENT)[0])).toMatchObject({
				reason: 'number-not-allowed',
				country: 'DE',
				reasonText: 'Lead Phone "+4915123456789" is in Germany, which is not among the allowed countries (the United States and Canada); add it under Allowed Countries if you call there',
			});
			expect(await sandbox.client.requests()).toEqual([]);
		});

		it('puts a lead without a valid number on Not Sent with number-invalid', async () => {
			const run = await send([lead({ contact: { firstName: 'Jane', phone: '555-01' } }), lead({ contact: { firstName: 'Jim', phone: '' } })]);
			expect(outputOf(run, NODE, NOT_SENT).map((item) => [sms(item).reason, sms(item).reasonText])).toEqual([
				['number-invalid', 'Lead Phone "555-01" is not a valid phone number; use E.164 form with + and the country code, e.g. +14155552671'],
				['number-invalid', expect.stringContaining('Lead Phone is empty')],
			]);
			expect(await sandbox.client.requests()).toEqual([]);
		});

		it('refuses a premium-rate From number before asking Twilio', async () => {
			const run = await send([lead()], { from: '+19005550100' });
			expect(run.status).toBe('error');
			expect(run.data.resultData.error?.message).toContain('From Number "+19005550100" is a premium-rate number');
			expect(await sandbox.client.requests()).toEqual([]);
		});
	});

	it('never texts an item that failed in an earlier node: Not Sent with upstream-error', async () => {
		const run = await send([lead({ error: 'The callback could not be recorded' }), lead()]);
		expect(run.status).toBe('success');
		const [refused] = outputOf(run, NODE, NOT_SENT);
		expect(sms(refused)).toEqual({
			status: 'not-sent',
			messageType: 'confirmation',
			reason: 'upstream-error',
			reasonText: 'An earlier node failed for this lead, so it was not texted: The callback could not be recorded',
		});
		expect(refused.error).toBe('The callback could not be recorded');
		expect(outputOf(run, NODE, SENT)).toHaveLength(1);
		expect((await sandbox.client.requests('CreateMessage')).map((request) => request.params.To)).toEqual([[LEAD]]);
	});

	describe('with Continue On Fail', () => {
		/** The second lead's number is the sender's own: Twilio refuses it (21266), the first is texted. */
		const leads = (): IDataObject[] => [lead(), lead({ contact: { firstName: 'Sam', phone: TWILIO_NUMBER } })];

		async function sendContinuing(onError: INode['onError']): Promise<IRun> {
			const json = workflowJson();
			json.nodes[0].onError = onError;
			return await runFromTrigger(loadWorkflow(json), NODE, [leads().map((item) => ({ json: item }))], credentials);
		}

		it('"Continue (regular output)": the failed item leaves on Not Sent with status error and the message', async () => {
			const run = await sendContinuing('continueRegularOutput');
			expect(run.status).toBe('success');
			expect(outputOf(run, NODE, SENT).map((item) => sms(item).to)).toEqual([LEAD]);
			const [failed] = outputOf(run, NODE, NOT_SENT);
			expect(failed.error).toEqual(expect.stringContaining('21266'));
			expect(sms(failed)).toEqual({ status: 'error', reason: 'error', messageType: 'confirmation', error: failed.error });
			expect((failed.contact as IDataObject).phone).toBe(TWILIO_NUMBER);
			expect(await sandbox.client.messages()).toHaveLength(1);
		});

		it('"Continue (using error output)": n8n moves the failed item to the Error output, Not Sent stays empty', async () => {
			const run = await sendContinuing('continueErrorOutput');
			expect(run.status).toBe('success');
			expect(outputOf(run, NODE, SENT)).toHaveLength(1);
			expect(outputOf(run, NODE, NOT_SENT)).toEqual([]);
			// n8n keeps only the message of an item on the Error output.
			expect(outputOf(run, NODE, ERROR_OUTPUT)).toEqual([{ error: "Twilio error 21266: 'To' and 'From' number cannot be the same" }]);
			expect(await sandbox.client.messages()).toHaveLength(1);
		});

		it('a missing loop-back wire fails the waiting item only', async () => {
			setNow(LEAD_NIGHT);
			const json = workflowJson({ quietHours: 'wait' });
			json.nodes[0].onError = 'continueRegularOutput';
			const run = await runFromTrigger(loadWorkflow(json), NODE, [[{ json: lead() }]], credentials);
			expect(run.status).toBe('success');
			const [failed] = outputOf(run, NODE, NOT_SENT);
			expect(sms(failed)).toMatchObject({ status: 'error', reason: 'error' });
			expect(failed.error).toContain('is not connected back to "Send SMS" itself');
			expect(await sandbox.client.requests()).toEqual([]);
		});
	});
});
