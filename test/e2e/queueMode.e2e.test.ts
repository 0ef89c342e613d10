import { readFileSync } from 'node:fs';

import axios from 'axios';
import { DateTime } from 'luxon';

import { startQueueModeN8n, type QueueModeN8n } from '../harness/queueModeN8n';
import { allDayFunnel, configureTemplate, isN8n1, templateNodes } from '../harness/templates';
import { requestedN8nVersion, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

/**
 * The funnel on n8n's queue mode: a main instance, two workers and two webhook processors on one
 * PostgreSQL database and one Redis queue.
 * - Rate limits: requests from one address, sent to both webhook processors in turn, are counted
 *   together: the limit holds across the two processes.
 * - The funnel: 200 requests arrive at once from 150 numbers (50 sent twice), booked a few minutes
 *   ahead; n8n's main instance is restarted while all of them wait. Afterwards every callback
 *   rings the team exactly once, is bridged to its lead and thanked once, and the executions ran
 *   on the workers.
 */
const ACCOUNT_SID = `AC${'9e0e'.repeat(8)}`;
const AUTH_TOKEN = 'queue-mode-test-auth-token-01';
const BUSINESS_NUMBER = '+14155550100';
const TEAM = '+14155550123';
const DISTINCT = 150;
const REPEATED = 50;
/** The per-address limit of the rate-limit test, counted across both webhook processors. */
const PER_ADDRESS = 20;
const ONE_HOUR = 60 * 60_000;
const N8N_VERSION = requestedN8nVersion();

const describeOn2x = isN8n1(N8N_VERSION) ? describe.skip : describe;

describeOn2x('the funnel on n8n queue mode (main, 2 workers, 1 webhook processor, PostgreSQL, Redis)', () => {
	let queue: QueueModeN8n;
	let sandbox: TwilioSandbox;
	let funnel: StoredWorkflow;
	let dataTables: { id: string; name: string };
	const line = leadLineAwake();
	const leads = Array.from({ length: DISTINCT }, (_, index) => line.phone(6000 + index));

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: TEAM, answerAfter: 2, human: true, pressDigits: '1', talkFor: 5 });
		queue = await startQueueModeN8n({ workers: 2, webhookProcessors: 2 });
		const twilio = await queue.main.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		dataTables = await queue.main.api.createDataTablesCredential();
		const copy = allDayFunnel(line.country);
		for (const node of templateNodes(copy)) {
			// A call report lost on a busy machine is read from Twilio after 3 minutes, not 30, within the test's time.
			if (node.type === 'n8n-nodes-callback.bridgeCall' || node.type === 'n8n-nodes-callback.voicemailDrop') node.parameters!.maxWaitMinutes = 3;
		}
		funnel = await queue.main.api.importAndActivate(
			configureTemplate(copy, { twilioCredential: { id: twilio.id, name: twilio.name }, dataTablesCredential: { id: dataTables.id, name: dataTables.name } }),
		);
		// Texts go to the funnel's Text From a Lead through the webhook processor, as a business sets up its number.
		const smsReplies = templateNodes(copy).find((node) => node.type === 'n8n-nodes-callback.smsReplyTrigger');
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, smsUrl: queue.webhookUrl(String(smsReplies?.parameters?.path)) });
	}, 20 * 60_000);

	afterAll(async () => {
		await queue?.stop();
		await sandbox?.stop();
	});

	it(`${PER_ADDRESS * 10} requests from one address, sent to both webhook processors in turn, start only ${PER_ADDRESS} executions: the limit is counted across processes`, async () => {
		const path = 'queue-rate-limit';
		const workflow = await queue.main.api.importAndActivate({
			name: 'Rate limit across webhook processors',
			nodes: [
				{
					id: 'limited-trigger',
					name: 'Callback Request',
					type: 'n8n-nodes-callback.callbackRequestTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'queue-rate-limit',
					parameters: { path, rateLimits: 'dataTable', rateLimitPerIp: `${PER_ADDRESS}/1h`, rateLimitPerPrefix: '', rateLimitTotal: '', duplicateWindowMinutes: 0, allowedCountries: [line.country] },
					credentials: { callbackN8nApi: { id: dataTables.id, name: dataTables.name } },
				},
				{ id: 'limited-accepted', name: 'Accepted', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
			],
			connections: { 'Callback Request': { main: [[{ node: 'Accepted', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		} as unknown as WorkflowJson);
		const urls = queue.webhookProcessors.map((processor) => `http://localhost:${new URL(processor.api.baseUrl).port}/webhook/${path}`);
		for (const url of urls) await waitForPost(url);
		// Distinct numbers, none of the funnel's; only the per-address limit is on.
		const numbers = Array.from({ length: PER_ADDRESS * 10 }, (_, index) => line.phone(3000 + index));
		const startedAt = Date.now();
		let next = 0;
		const answers: Array<{ processor: number; status: number; limit?: string }> = [];
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				while (next < numbers.length) {
					const index = next++;
					const processor = index % urls.length;
					const response = await axios.post(urls[processor], { first_name: 'Limited', phone: numbers[index], consent: 'yes' }, { validateStatus: () => true, timeout: 60_000 });
					answers.push({ processor, status: response.status, limit: (response.data as { limit?: string } | null)?.limit });
				}
			}),
		);
		const admitted = answers.filter((answer) => answer.status === 200);
		const perProcessor = urls.map((_, processor) => answers.filter((answer) => answer.processor === processor && answer.status === 200).length);
		console.log(`queue mode rate limit: ${answers.length} requests from one address to ${urls.length} webhook processors: ${admitted.length} admitted (${perProcessor.join(' and ')} by each), ${answers.filter((answer) => answer.status === 429).length} refused with 429`);
		// Hour windows aligned to the clock: a run across a boundary may admit the limit in each.
		const windowsTouched = Math.floor(Date.now() / ONE_HOUR) - Math.floor(startedAt / ONE_HOUR) + 1;
		expect(admitted.length).toBeGreaterThanOrEqual(PER_ADDRESS);
		expect(admitted.length).toBeLessThanOrEqual(PER_ADDRESS * windowsTouched);
		expect(answers.filter((answer) => answer.status !== 200).every((answer) => answer.status === 429 && answer.limit === 'ip')).toBe(true);
		// Each process refused some: neither kept a count of its own.
		expect(urls.map((_, processor) => answers.some((answer) => answer.processor === processor && answer.status === 429))).toEqual(urls.map(() => true));
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect((await queue.main.api.listAllExecutions(workflow.id)).length).toBe(admitted.length);
	}, 10 * 60_000);

	it('200 requests at once from 150 numbers: 150 callbacks, each placed once after the main instance restarts mid-wait, run on the workers', async () => {
		// Booked for three whole minutes, 4 to 7 minutes ahead (50 callbacks each): two cores carry
		// 50 bridged calls at once, where 150 would measure the machine rather than the package.
		const slot = DateTime.now().setZone(line.zone).plus({ minutes: 4 }).startOf('minute');
		const bookedFor = (index: number) => slot.plus({ minutes: index % 3 }).toISO();
		const requests = [...leads, ...leads.slice(0, REPEATED)].map((lead, index) => ({ first_name: 'Queue', phone: lead, preferred_time: bookedFor(index % DISTINCT), timezone: line.zone, consent: 'yes' }));
		const answers = await Promise.all(requests.map(async (body) => (await axios.post(queue.webhookUrl('request-a-callback'), body, { validateStatus: () => true })).data as { ok?: boolean; duplicate?: boolean; callbackId?: string }));
		expect(answers.filter((answer) => answer.ok !== true)).toEqual([]);

		// Each number's callback waits for the booked minute, once.
		const waitingDeadline = Date.now() + 150_000;
		let waiting = 0;
		while (Date.now() < waitingDeadline) {
			waiting = (await queue.main.api.listAllExecutions(funnel.id)).filter((execution) => execution.status === 'waiting').length;
			if (waiting >= DISTINCT) break;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		expect(waiting).toBe(DISTINCT);
		expect(slot.diffNow().as('seconds')).toBeGreaterThan(20);
		await queue.main.restart();
		console.log(`queue mode: ${answers.length} requests answered, ${answers.filter((answer) => answer.duplicate).length} as duplicates at the form; ${waiting} callbacks waiting for ${slot.toISO()}; main restarted`);

		const thanked = async () => (await sandbox.client.messages()).filter((message) => leads.includes(message.to) && /thank you/i.test(message.body));
		const until = slot.toMillis() + 9 * 60_000;
		while ((await thanked()).length < DISTINCT && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 2000));
		const thanks = await thanked();
		const calls = await sandbox.client.calls();
		const teamCalls = calls.filter((call) => call.to === TEAM);
		const executionOfCall = (call: { statusCallback?: string | null }) => /\/webhook-waiting\/(\d+)\//.exec(String(call.statusCallback ?? ''))?.[1] ?? 'none';
		const callsPerExecution = new Map<string, number>();
		for (const call of teamCalls) callsPerExecution.set(executionOfCall(call), (callsPerExecution.get(executionOfCall(call)) ?? 0) + 1);
		const thanksPerLead = new Map<string, number>();
		for (const text of thanks) thanksPerLead.set(text.to, (thanksPerLead.get(text.to) ?? 0) + 1);
		const leadCalls = calls.filter((call) => leads.includes(call.to));
		const leadCallsPerLead = new Map<string, number>();
		for (const call of leadCalls) leadCallsPerLead.set(call.to, (leadCallsPerLead.get(call.to) ?? 0) + 1);

		// Which process ran the funnel's executions: the workers log each one they start.
		const ranBy = (log: string) => new Set([...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
		const perWorker = queue.workers.map((worker) => ranBy(readFileSync(worker.logPath, 'utf8')));
		const resumedOnWorkers = [...callsPerExecution.keys()].filter((execution) => perWorker.some((ran) => ran.has(execution)));
		const first = Math.min(...teamCalls.map((call) => Date.parse(call.dateCreated)));
		const refused = (await sandbox.client.webhooks()).filter((delivery) => (delivery.status ?? 0) >= 500 || delivery.status === 0);
		console.log(
			`queue mode after the restart: ${teamCalls.length} team calls from ${callsPerExecution.size} executions, ${leadCalls.length} lead calls to ${leadCallsPerLead.size} leads, ${thanks.length} thank-you texts to ${thanksPerLead.size} leads; ` +
				`executions started by each worker: ${perWorker.map((ran) => ran.size).join(' and ')}; ${resumedOnWorkers.length} of the calling executions ran on a worker; first call ${((first - slot.toMillis()) / 1000).toFixed(1)} s after the booked time; ${refused.length} of Twilio's requests refused by n8n (5xx or no answer)`,
		);
		expect(callsPerExecution.size).toBe(DISTINCT);
		expect([...callsPerExecution.values()].filter((count) => count !== 1)).toEqual([]);
		expect(leadCallsPerLead.size).toBe(DISTINCT);
		expect([...leadCallsPerLead.values()].filter((count) => count !== 1)).toEqual([]);
		expect(thanksPerLead.size).toBe(DISTINCT);
		expect([...thanksPerLead.values()].filter((count) => count !== 1)).toEqual([]);
		expect(resumedOnWorkers).toHaveLength(DISTINCT);
		expect(perWorker.every((ran) => ran.size > 0)).toBe(true);
		expect(first).toBeGreaterThanOrEqual(slot.toMillis());
	}, 20 * 60_000);
});

/** Waits until a webhook processor serves the newly published path (it learns of it from the database). */
async function waitForPost(url: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await axios.post(url, {}, { validateStatus: () => true });
		if (response.status !== 404) return;
		if (Date.now() > deadline) throw new Error(`${url} still answers 404 a minute after the workflow was published`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
