/**
 * No call and no text ever leaves outside the lead's legal window, whatever the clock, the
 * lead's zone and the window the user narrowed it to. Each node that calls or texts is run in
 * real workflow JSON through n8n-core against the Twilio sandbox, with luxon's clock set; what
 * reached Twilio is compared with an oracle of this file's own (Intl, not luxon, not the
 * package's code).
 */
import fc from 'fast-check';
import { Settings } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject, INode, IRun } from 'n8n-workflow';

import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

const ACCOUNT_SID = `AC${'5b3e'.repeat(8)}`;
const AUTH_TOKEN = 'c7'.repeat(16);
const TWILIO_NUMBER = '+14155550100';
const AGENT = '+14155550123';
const LEAD = '+14155552671';

/** Kept as hand-picked offsets: half hours, quarter hours, +13:45, -12 and +14. */
const ZONES = [
	'America/Los_Angeles',
	'America/New_York',
	'America/St_Johns',
	'Europe/London',
	'Asia/Kolkata',
	'Asia/Kathmandu',
	'Australia/Eucla',
	'Pacific/Chatham',
	'Pacific/Honolulu',
	'Etc/GMT+12',
	'Etc/GMT-14',
] as const;

type NodeKind = 'bridgeCall' | 'voicemailDrop' | 'sendSms';

interface NodeUnderTest {
	name: string;
	type: string;
	parameters: IDataObject;
	/** Wired back into the node itself ("Call Ended"), or nothing for Send SMS. */
	loopBack: boolean;
	windowOptions: (weekdays: string, weekends: string) => IDataObject;
	/** The Twilio operation that contacts the lead (or, for a bridge, the business first). */
	contactOperation: 'CreateCall' | 'CreateMessage';
	notContactedOutput: number;
	/** Where the item keeps the node's result (`bridgeCall.reason` …). */
	key: string;
}

const callingWindow = (weekdays: string, weekends: string): IDataObject => ({ callingWindowWeekdays: weekdays, callingWindowWeekends: weekends });

const NODES: Record<NodeKind, NodeUnderTest> = {
	bridgeCall: {
		name: 'Bridge Call',
		type: 'n8n-nodes-callback.bridgeCall',
		parameters: { agentNumbers: AGENT, from: TWILIO_NUMBER, outsideWindow: 'notCalled' },
		loopBack: true,
		windowOptions: callingWindow,
		contactOperation: 'CreateCall',
		notContactedOutput: 2,
		key: 'bridgeCall',
	},
	voicemailDrop: {
		name: 'Voicemail Drop',
		type: 'n8n-nodes-callback.voicemailDrop',
		parameters: { from: TWILIO_NUMBER, messageType: 'text', messageText: 'Sorry we missed you.', requireConsent: true, consentGiven: true, outsideWindow: 'notCalled' },
		loopBack: true,
		windowOptions: callingWindow,
		contactOperation: 'CreateCall',
		notContactedOutput: 3,
		key: 'voicemailDrop',
	},
	sendSms: {
		name: 'Send SMS',
		type: 'n8n-nodes-callback.sendSms',
		parameters: { from: TWILIO_NUMBER, businessName: 'Acme Plumbing', quietHours: 'notSent' },
		loopBack: false,
		windowOptions: (weekdays, weekends) => ({ textingWindowWeekdays: weekdays, textingWindowWeekends: weekends }),
		contactOperation: 'CreateMessage',
		notContactedOutput: 2,
		key: 'sms',
	},
};
const NODE_KINDS = Object.keys(NODES) as NodeKind[];

let sandbox: TwilioSandbox;
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	sandbox = await startTwilioSandbox({ timeScale: 0.02, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }] });
	credentials = { callbackTwilioApi: { accountSid: ACCOUNT_SID, authType: 'authToken', authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl } };
});
afterAll(async () => {
	await sandbox?.stop();
});
beforeEach(async () => {
	await sandbox.client.reset();
});
afterEach(() => {
	Settings.now = () => Date.now();
});

// ---------------------------------------------------------------------------------------------
// The oracle: the lead's wall clock from Intl, the window parsed here.

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

interface LocalClock {
	weekday: string;
	minutes: number;
	text: string;
}

function leadClock(instant: number, timeZone: string): LocalClock {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
	const part = (type: string): string => parts.find((candidate) => candidate.type === type)!.value;
	const hour = Number(part('hour')) % 24;
	const minute = Number(part('minute'));
	return { weekday: part('weekday'), minutes: hour * 60 + minute, text: `${part('weekday')} ${part('hour')}:${part('minute')}` };
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the lead may be contacted: lead-local minutes in [start, end) of that day's range. */
function oracleInside(instant: number, timeZone: string, weekdays: string, weekends: string): boolean {
	const clock = leadClock(instant, timeZone);
	const range = WEEKDAYS.includes(clock.weekday) ? weekdays : weekends;
	if (range === 'closed') return false;
	const [start, end] = range.split('-').map(minutesOf);
	return clock.minutes >= start && clock.minutes < end;
}

// ---------------------------------------------------------------------------------------------
// Running one node.

function workflowJson(node: NodeUnderTest, leadZone: string, weekdays: string, weekends: string): WorkflowJson {
	const parameters = { ...node.parameters, leadTimezone: leadZone, options: node.windowOptions(weekdays, weekends) };
	const json: WorkflowJson = {
		name: `Legal hours: ${node.name}`,
		nodes: [
			{
				id: '0f3c9a52-7d41-4e8b-9b2a-6c1d2e3f4a50',
				name: node.name,
				type: node.type,
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INode['parameters'],
				credentials: { callbackTwilioApi: { id: '1', name: 'Twilio sandbox' } },
			},
		],
		connections: {},
	};
	if (node.loopBack) json.connections = { [node.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } };
	return json;
}

function lead(): IDataObject {
	return {
		callbackId: 'cb_0123456789abcdef0123',
		contact: { firstName: 'Jane', lastName: 'Doe', phone: LEAD, phoneCountry: 'US', email: null },
		consent: { given: true },
		timezone: null,
		preferredTime: null,
	};
}

interface Outcome {
	run: IRun;
	contactRequests: number;
	notContacted: IDataObject[];
}

async function runAt(kind: NodeKind, instant: number, leadZone: string, weekdays: string, weekends: string): Promise<Outcome> {
	const node = NODES[kind];
	await sandbox.client.reset();
	Settings.now = () => instant;
	const run = await runFromTrigger(loadWorkflow(workflowJson(node, leadZone, weekdays, weekends)), node.name, [[{ json: lead() }]], credentials);
	const requests = await sandbox.client.requests();
	const contactRequests = requests.filter((request) => request.operationId === 'CreateCall' || request.operationId === 'CreateMessage').length;
	expect(requests.filter((request) => request.operationId === node.contactOperation).length).toBe(contactRequests);
	return { run, contactRequests, notContacted: outputOf(run, node.name, node.notContactedOutput) };
}

function expectMatchesOracle(kind: NodeKind, outcome: Outcome, inside: boolean, context: string): void {
	const node = NODES[kind];
	const runError = outcome.run.data.resultData.error?.message ?? null;
	expect({ context, runError, contacted: outcome.contactRequests > 0 }).toEqual({ context, runError: null, contacted: inside });
	if (inside) {
		expect(outcome.notContacted).toEqual([]);
	} else {
		expect(outcome.notContacted).toHaveLength(1);
		expect({ context, reason: (outcome.notContacted[0][node.key] as IDataObject).reason }).toEqual({ context, reason: 'outside-calling-window' });
	}
}

// ---------------------------------------------------------------------------------------------

const FROM = Date.UTC(2026, 0, 1) / 1000;
const TO = Date.UTC(2027, 11, 31, 23, 59, 59) / 1000;

/** "HH:MM-HH:MM" within 08:00-21:00 on quarter hours, start before end. */
const rangeArb = fc
	.integer({ min: 32, max: 83 })
	.chain((start) => fc.integer({ min: start + 1, max: 84 }).map((end) => [start, end] as const))
	.map(([start, end]) => {
		const hhmm = (quarters: number) => `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;
		return `${hhmm(start)}-${hhmm(end)}`;
	});

const caseArb = fc
	.record({
		instant: fc.integer({ min: FROM, max: TO }).map((seconds) => seconds * 1000),
		zone: fc.constantFrom(...ZONES),
		weekdays: rangeArb,
		weekendsChoice: fc.oneof(fc.constant('same' as const), fc.constant('closed' as const), rangeArb),
		kind: fc.constantFrom(...NODE_KINDS),
	})
	.map(({ weekendsChoice, ...rest }) => ({ ...rest, weekends: weekendsChoice === 'same' ? rest.weekdays : weekendsChoice }));

describe("The lead's legal window, whatever the clock (in-process n8n-core, Twilio sandbox)", () => {
	it('creates a call or text exactly when the lead is inside the window on their own clock, and otherwise hands the item on as outside-calling-window', async () => {
		const seen = { inside: 0, outside: 0 };
		await fc.assert(
			fc.asyncProperty(caseArb, async ({ instant, zone, weekdays, weekends, kind }) => {
				const inside = oracleInside(instant, zone, weekdays, weekends);
				const context = `${NODES[kind].name} at ${new Date(instant).toISOString()} = ${leadClock(instant, zone).text} in ${zone}, weekdays ${weekdays}, weekends ${weekends}`;
				const outcome = await runAt(kind, instant, zone, weekdays, weekends);
				expectMatchesOracle(kind, outcome, inside, context);
				seen[inside ? 'inside' : 'outside'] += 1;
			}),
			{ numRuns: 60 },
		);
		// Both sides of the window were tried (a run that only ever fell outside would prove little).
		expect(seen.inside).toBeGreaterThan(0);
		expect(seen.outside).toBeGreaterThan(0);
	}, 120_000);

	// Wednesday 18 November 2026 in New York (UTC-5): the default window 08:00-21:00 closes at 21:00.
	const edges = [
		{ label: '20:59:59', instant: Date.parse('2026-11-19T01:59:59Z'), inside: true },
		{ label: '21:00:00', instant: Date.parse('2026-11-19T02:00:00Z'), inside: false },
		{ label: '21:00:30', instant: Date.parse('2026-11-19T02:00:30Z'), inside: false },
	];
	const edgeCases = NODE_KINDS.flatMap((kind) => edges.map((edge) => ({ ...edge, kind, node: NODES[kind].name })));

	it.each(edgeCases)('$node at $label lead-local (America/New_York, 08:00-21:00): inside = $inside', async ({ kind, instant, inside, label }) => {
		const zone = 'America/New_York';
		// The oracle agrees with the example's wall clock.
		expect(leadClock(instant, zone).text).toBe(`Wed ${label.slice(0, 5)}`);
		expect(oracleInside(instant, zone, '08:00-21:00', '08:00-21:00')).toBe(inside);
		const outcome = await runAt(kind, instant, zone, '08:00-21:00', '08:00-21:00');
		expectMatchesOracle(kind, outcome, inside, `${NODES[kind].name} at ${label} in ${zone}`);
	});
});
