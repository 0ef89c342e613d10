/**
 * Speed to lead and intake, measured in a real n8n with this package: what `npm run demo` runs
 * (the funnel template, open around the clock, the local Twilio sandbox at real time).
 *
 * - Speed to lead: a lead sends the funnel's form; the time until the sandbox receives the REST
 *   request that creates the call to the business's team. Requests are sent one after the
 *   other, each when the previous one's call was created, so no request waits behind another.
 * - Intake: requests per second the Callback Request Trigger (the intake template) answers,
 *   against n8n's own Webhook → Respond to Webhook, in the same n8n in the same run, with 4
 *   requests in flight, with an empty duplicate log and again after 5,000 requests from new
 *   numbers (the trigger's log then holds its newest MAX_RECENT_REQUESTS), measured once n8n has
 *   finished the executions those 5,000 started.
 */
import { cpus } from 'node:os';

import axios from 'axios';

import { callableDemoPhones } from '../scripts/demoLeadPhones';
import { DEMO_TWILIO, startDemo } from '../scripts/demoSetup';
import { MAX_RECENT_REQUESTS } from '../nodes/core/callbackRequest/recentRequests';
import { freePort, type N8nHandle } from '../test/harness';
import { percentiles, type Percentiles, type SystemFigures } from './systemFigures';

const SPEED_REQUESTS = 30;
const INTAKE_SECONDS = 10;
const IN_FLIGHT = 4;
/**
 * Requests from new numbers sent before the second intake figure: twice the numbers the duplicate
 * log keeps (MAX_RECENT_REQUESTS), so it is full, as it is after any number of requests
 * (BENCH_FILL_REQUESTS). 5,000 kept one n8n on SQLite busy for more than 10 minutes.
 */
const FILL_REQUESTS = Number(process.env.BENCH_FILL_REQUESTS ?? 2 * MAX_RECENT_REQUESTS);
/** How long n8n may take to finish the executions of those requests. */
const SETTLE_MS = 10 * 60_000;
const FUNNEL_PATH = 'request-a-callback';
const INTAKE_PATH = 'callback-request';
const BARE_PATH = 'bare-webhook-respond';

/** Distinct numbers where it is daytime now, so the lead may be called at once. */
function leadNumbers(count: number, offset: number): string[] {
	const [phone] = callableDemoPhones(new Date());
	if (phone === undefined) throw new Error('no demo number is inside its calling hours now');
	const base = phone.number.replace(/\s/g, '').slice(0, -3);
	return Array.from({ length: count }, (_, index) => `${base}${String(offset + index).padStart(3, '0')}`);
}

async function teamCallsCreated(demo: { sandbox: { client: { requests(operationId?: string): Promise<Array<{ at: string; params: Record<string, string[]> }>> } } }): Promise<number[]> {
	const requests = await demo.sandbox.client.requests('CreateCall');
	return requests.filter((request) => request.params.To?.[0] === DEMO_TWILIO.agentNumber).map((request) => Date.parse(request.at));
}

async function speedToLead(demo: Awaited<ReturnType<typeof startDemo>>): Promise<{ answer: Percentiles; call: Percentiles }> {
	const answers: number[] = [];
	const calls: number[] = [];
	for (const lead of leadNumbers(SPEED_REQUESTS, 100)) {
		const before = (await teamCallsCreated(demo)).length;
		const sent = Date.now();
		const response = await axios.post(demo.n8n.api.webhookUrl(FUNNEL_PATH), { first_name: 'Bench', phone: lead, reason: 'Speed to lead', consent: 'yes' });
		answers.push(Date.now() - sent);
		if (response.data?.ok !== true) throw new Error(`the funnel refused ${lead}: ${JSON.stringify(response.data)}`);
		const deadline = Date.now() + 120_000;
		let created: number[] = [];
		while ((created = await teamCallsCreated(demo)).length <= before) {
			if (Date.now() > deadline) throw new Error(`no call to the team within 120 s of ${lead}'s request`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		calls.push(created[before] - sent);
	}
	return { answer: percentiles(answers), call: percentiles(calls) };
}

/** Requests per second a webhook answers for `seconds`, with IN_FLIGHT requests at a time. */
async function requestsPerSecond(url: string, body: (index: number) => Record<string, unknown>, seconds: number): Promise<{ perSecond: number; failed: number }> {
	let next = 0;
	let answered = 0;
	let failed = 0;
	const until = Date.now() + seconds * 1000;
	const client = async () => {
		while (Date.now() < until) {
			const index = next++;
			const response = await axios.post(url, body(index), { validateStatus: () => true });
			if (response.status === 200) answered++;
			else failed++;
		}
	};
	const started = Date.now();
	await Promise.all(Array.from({ length: IN_FLIGHT }, client));
	return { perSecond: answered / ((Date.now() - started) / 1000), failed };
}

async function publishBareWebhook(n8n: N8nHandle): Promise<void> {
	await n8n.api.importAndActivate({
		name: 'Bench: bare Webhook → Respond to Webhook',
		nodes: [
			{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'bench-bare', parameters: { httpMethod: 'POST', path: BARE_PATH, responseMode: 'responseNode', options: {} } },
			{ id: 'b2', name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [220, 0], parameters: { respondWith: 'json', responseBody: '={{ { "ok": true } }}', options: {} } },
		],
		connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
	});
	await n8n.api.waitForWebhook(BARE_PATH);
}

/** Valid distinct numbers of the demo's daytime line, four digits after a fixed prefix. */
function intakeNumber(index: number): string {
	const prefix = leadNumbers(1, 0)[0].slice(0, -4);
	return `${prefix}${String(index % 10_000).padStart(4, '0')}`;
}

async function intakeRatio(n8n: N8nHandle, label: string, offset: number): Promise<Record<string, number>> {
	const body = (index: number) => ({ first_name: 'Bench', phone: intakeNumber(offset + index), reason: label, consent: 'yes' });
	const bare = await requestsPerSecond(n8n.api.webhookUrl(BARE_PATH), body, INTAKE_SECONDS);
	const trigger = await requestsPerSecond(n8n.api.webhookUrl(INTAKE_PATH), body, INTAKE_SECONDS);
	return { bareWebhookPerSecond: round(bare.perSecond), triggerPerSecond: round(trigger.perSecond), ratio: round(trigger.perSecond / bare.perSecond, 2), failed: bare.failed + trigger.failed };
}

/** How many numbers the intake template's trigger remembers, read from the workflow's static data. */
async function duplicateLogSize(n8n: N8nHandle): Promise<number> {
	const workflows = await n8n.api.rest<Array<{ id: string; name: string }>>('GET', '/workflows');
	const intake = workflows.find((workflow) => /intake/i.test(workflow.name));
	if (intake === undefined) throw new Error('the intake template is not in the demo');
	const stored = (await n8n.api.getWorkflow(intake.id)) as { staticData?: Record<string, { recentRequests?: object }> | null };
	return Math.max(0, ...Object.values(stored.staticData ?? {}).map((node) => Object.keys(node?.recentRequests ?? {}).length));
}

/**
 * Sends `count` requests from new numbers to the intake template, one after the other, so its
 * duplicate log is full: requests in flight together each save the log as they found it, and
 * the last one's copy wins (the status table's claim, not the log, stops duplicates).
 */
async function fillDuplicateLog(n8n: N8nHandle, count: number, offset: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const body = { first_name: 'Bench', phone: intakeNumber(offset + index), reason: 'filling the duplicate log', consent: 'yes' };
		// A connection n8n drops while busy is sent again once; the log's size is read afterwards either way.
		await axios.post(n8n.api.webhookUrl(INTAKE_PATH), body).catch(async () => await axios.post(n8n.api.webhookUrl(INTAKE_PATH), body).catch(() => undefined));
	}
}

/**
 * Waits until n8n runs no execution (nothing running or queued), so the next figure measures
 * intake alone; the milliseconds that took, or null when n8n was still busy after SETTLE_MS (the
 * figure is then taken all the same, and says so).
 */
async function untilIdle(n8n: N8nHandle): Promise<number | null> {
	const started = Date.now();
	for (;;) {
		const page = await n8n.api.rest<{ results: unknown[] }>('GET', '/executions', undefined, { filter: JSON.stringify({ status: ['running', 'new'] }), limit: '1' });
		if (page.results.length === 0) return Date.now() - started;
		if (Date.now() - started > SETTLE_MS) return null;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function speedToLeadFigures(): Promise<SystemFigures> {
	const running = {};
	const demo = await startDemo({ port: await freePort(), sandboxPort: 0, running });
	try {
		const speed = await speedToLead(demo);
		await publishBareWebhook(demo.n8n);
		const emptyLog = await intakeRatio(demo.n8n, 'intake, empty duplicate log', 0);
		await fillDuplicateLog(demo.n8n, FILL_REQUESTS, 1000);
		const settleMs = await untilIdle(demo.n8n);
		const logSize = await duplicateLogSize(demo.n8n);
		const fullLog = await intakeRatio(demo.n8n, `intake after ${FILL_REQUESTS} numbers`, 1000 + FILL_REQUESTS);
		return {
			name: 'speed to lead and intake (real n8n, funnel template, Twilio sandbox at real time)',
			conditions: {
				n8n: demo.n8n.version,
				node: `${process.version} (this benchmark); n8n runs on its own Node.js`,
				cpus: cpus().length,
				database: 'SQLite (n8n embedded)',
				speedRequests: `${SPEED_REQUESTS} form posts, one at a time, each lead callable now`,
				intake: `${INTAKE_SECONDS} s per webhook, ${IN_FLIGHT} requests in flight, distinct numbers; then ${FILL_REQUESTS} requests from new numbers, one at a time, fill the intake template's duplicate log (30-minute window, at most ${MAX_RECENT_REQUESTS} numbers kept), n8n finishes their executions, and both are measured again with new numbers`,
			},
			figures: {
				'form POST answered (ms)': speed.answer,
				'form POST → team call created at Twilio (ms)': speed.call,
				'intake, empty duplicate log': emptyLog,
				[`intake after ${FILL_REQUESTS} numbers, duplicate log of ${logSize} numbers`]: fullLog,
				[`seconds n8n took to finish the executions of the ${FILL_REQUESTS} requests (null: still running after ${SETTLE_MS / 60_000} minutes)`]: settleMs === null ? null : round(settleMs / 1000),
			},
		};
	} finally {
		await demo.n8n.stop();
		await demo.sandbox.stop();
	}
}
