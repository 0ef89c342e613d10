/**
 * Many callbacks due in the same minute, in a real n8n with this package: the funnel template
 * (open around the clock), the local Twilio sandbox at real time. Shared by the one-n8n and the
 * queue-mode benchmarks.
 *
 * 1,200 form posts from 1,000 distinct numbers (200 sent twice) all book the same minute, a few
 * minutes ahead. When every callback waits, the benchmark watches that minute come: when the
 * team's call of each callback is created at Twilio (lateness after the booked minute), whether
 * any callback rang the team twice, and the peak memory of each n8n process.
 */
import { cpus, totalmem } from 'node:os';

import axios from 'axios';
import { DateTime } from 'luxon';

import { allDayFunnel, configureTemplate, templateNodes } from '../test/harness/templates';
import type { N8nHandle, StoredWorkflow } from '../test/harness';
import { leadLineAwake } from '../test/e2e/leadLineAwake';
import { startTwilioSandbox, type TwilioSandbox } from '../test/twilioSandbox';
import { watchPeakMemory } from './processMemory';
import { percentiles, type SystemFigures } from './systemFigures';

/** Callbacks booked for one minute (BENCH_DUE_TOGETHER changes it, e.g. to find what a machine holds). */
export const DUE_TOGETHER = Number(process.env.BENCH_DUE_TOGETHER ?? 1000);
const REPEATED = Math.round(DUE_TOGETHER / 5);
const IN_FLIGHT = 8;
/**
 * The booked minute starts this long after the posting started: every request must have become
 * a waiting callback by then (on this 2-core machine one n8n takes in about 100 callbacks a
 * minute, each running a dozen Data Table operations).
 */
const LEAD_TIME_MINUTES = Number(process.env.BENCH_LEAD_MINUTES ?? Math.ceil(DUE_TOGETHER / 80) + 5);
/** How long after the booked minute the benchmark waits for every call and thank-you text. */
const DRAIN_MINUTES = 12;
/**
 * The run stops when the n8n processes together hold more than this (BENCH_MEMORY_CEILING_MB;
 * default 60% of this machine's memory): n8n starts every execution a burst brings at once, and
 * past this the machine thrashes and the figures measure the swap, not n8n.
 */
const MEMORY_CEILING_MB = Number(process.env.BENCH_MEMORY_CEILING_MB ?? Math.round((totalmem() * 0.6) / 1024 / 1024));
const ACCOUNT_SID = `AC${'b3e7'.repeat(8)}`;
const AUTH_TOKEN = 'bench-due-together-auth-token';
const BUSINESS_NUMBER = '+14155550100';
const TEAM = '+14155550123';

/** The n8n set-up under test: where its API and production webhooks are, and its processes. */
export interface N8nUnderTest {
	label: string;
	main: N8nHandle;
	webhookUrl(path: string): string;
	/** Process label → pid, read at each memory sample (a restarted process gets a new pid). */
	processes(): Record<string, number | undefined>;
	conditions: Record<string, unknown>;
}

async function publishFunnel(n8n: N8nHandle, sandbox: TwilioSandbox, country: string): Promise<StoredWorkflow> {
	const twilio = await n8n.api.createCredential({
		name: 'Callback Twilio API account',
		type: 'callbackTwilioApi',
		data: { accountSid: ACCOUNT_SID, authType: 'authToken', authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl },
	});
	const dataTables = await n8n.api.createDataTablesCredential();
	const copy = allDayFunnel(country);
	for (const node of templateNodes(copy)) {
		// A call report lost on a busy machine is read from Twilio after 3 minutes, within the benchmark's time.
		if (node.type === 'n8n-nodes-callback.bridgeCall' || node.type === 'n8n-nodes-callback.voicemailDrop') node.parameters!.maxWaitMinutes = 3;
	}
	return await n8n.api.importAndActivate(configureTemplate(copy, { twilioCredential: { id: twilio.id, name: twilio.name }, dataTablesCredential: { id: dataTables.id, name: dataTables.name } }));
}

/** Posts every request, IN_FLIGHT at a time; the answers in the order sent. */
async function postAll(url: string, bodies: Array<Record<string, unknown>>, stopped: () => boolean): Promise<Array<{ status: number; ok: boolean; duplicate: boolean }>> {
	const answers: Array<{ status: number; ok: boolean; duplicate: boolean }> = [];
	let next = 0;
	const client = async () => {
		while (next < bodies.length && !stopped()) {
			const index = next++;
			const response = await axios.post(url, bodies[index], { validateStatus: () => true, timeout: 60_000 }).catch(() => ({ status: 0, data: {} }));
			const data = (response.data ?? {}) as { ok?: boolean; duplicate?: boolean };
			answers[index] = { status: response.status, ok: data.ok === true, duplicate: data.duplicate === true };
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, client));
	return answers;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many times each value occurs. */
function countBy(values: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

/**
 * What n8n's API answers, or null when it does not answer in time: a busy n8n may leave a poll
 * unanswered for a while, which is a figure of the run, not a reason to end it.
 */
async function whenAnswered<T>(ask: () => Promise<T>): Promise<T | null> {
	try {
		return await ask();
	} catch {
		return null;
	}
}

/** Asks until n8n answers, at most `tries` times, 10 s apart. */
async function answeredWithin<T>(ask: () => Promise<T>, tries: number): Promise<T | null> {
	for (let attempt = 0; attempt < tries; attempt++) {
		const answer = await whenAnswered(ask);
		if (answer !== null) return answer;
		await sleep(10_000);
	}
	return null;
}
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Runs the benchmark against the n8n `start` starts; `start` gets the sandbox to point at. */
export async function dueTogetherFigures(start: (sandbox: TwilioSandbox) => Promise<N8nUnderTest & { stop(): Promise<void> }>): Promise<SystemFigures> {
	const sandbox = await startTwilioSandbox({ accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
	await sandbox.client.setScenario({ number: TEAM, answerAfter: 1, human: true, pressDigits: '1', talkFor: 2 });
	let n8n: (N8nUnderTest & { stop(): Promise<void> }) | undefined;
	try {
		n8n = await start(sandbox);
		const line = leadLineAwake();
		const funnel = await publishFunnel(n8n.main, sandbox, line.country);
		// The first request makes the status and opt-out tables; the rest then find them.
		await axios.post(n8n.webhookUrl('request-a-callback'), { first_name: 'Bench', phone: line.phone(9999), preferred_time: DateTime.now().setZone(line.zone).plus({ days: 1 }).toISO(), timezone: line.zone, consent: 'yes' });
		const leads = Array.from({ length: DUE_TOGETHER }, (_, index) => line.phone(1000 + index));
		const postingStarted = Date.now();
		const slot = DateTime.now().setZone(line.zone).plus({ minutes: LEAD_TIME_MINUTES }).startOf('minute');
		const requests = [...leads, ...leads.slice(0, REPEATED)].map((phone) => ({ first_name: 'Bench', phone, preferred_time: slot.toISO(), timezone: line.zone, consent: 'yes' }));
		const memory = watchPeakMemory(() => n8n?.processes() ?? {});
		const overCeiling = () => Object.values(memory.peaks()).reduce((sum, megabytes) => sum + megabytes, 0) > MEMORY_CEILING_MB;
		const answers = (await postAll(n8n.webhookUrl('request-a-callback'), requests, overCeiling)).filter((answer) => answer !== undefined);
		const postingSeconds = (Date.now() - postingStarted) / 1000;
		const intakePeaks = memory.peaks();

		let waiting = 0;
		let unansweredPolls = 0;
		while (Date.now() < slot.toMillis() - 5_000 && !overCeiling()) {
			const listed = await whenAnswered(async () => await n8n!.main.api.listAllExecutions(funnel.id));
			if (listed === null) unansweredPolls += 1;
			else waiting = listed.filter((execution) => execution.status === 'waiting').length;
			if (waiting >= DUE_TOGETHER + 1) break;
			await sleep(2000);
		}
		const allWaitingSeconds = waiting >= DUE_TOGETHER + 1 ? Math.round((Date.now() - postingStarted) / 1000) : null;
		// Posting that ran past the booked minute is reported as it is (the lateness shows it).
		const postingPastSlot = Date.now() >= slot.toMillis();

		const thanked = async () => (await sandbox.client.messages()).filter((message) => /thank you/i.test(message.body)).length;
		const drainUntil = slot.toMillis() + DRAIN_MINUTES * 60_000;
		while ((await thanked()) < DUE_TOGETHER && Date.now() < drainUntil && !overCeiling()) await sleep(5000);
		const stoppedForMemory = overCeiling();
		// Every poll unanswered before the minute: the waiting count was never read.
		const waitingKnown = unansweredPolls === 0 || waiting > 0;
		const drainedAt = Date.now();
		const peaks = memory.stop();

		const teamCalls = (await sandbox.client.requests('CreateCall')).filter((request) => request.params.To?.[0] === TEAM);
		const allCalls = await sandbox.client.calls();
		const created = allCalls.filter((call) => call.to === TEAM);
		const executionOf = (callback: string | null | undefined) => /\/webhook-waiting\/(\d+)\//.exec(String(callback ?? ''))?.[1] ?? 'none';
		const byCreation = (a: { dateCreated: string }, b: { dateCreated: string }) => Date.parse(a.dateCreated) - Date.parse(b.dateCreated);
		const callsByExecution = new Map<string, typeof created>();
		for (const call of created) callsByExecution.set(executionOf(call.statusCallback), [...(callsByExecution.get(executionOf(call.statusCallback)) ?? []), call]);
		for (const calls of callsByExecution.values()) calls.sort(byCreation);
		// The lead's leg a team call dialled (its child call), and whether the lead talked on it.
		const legsByParent = new Map<string, typeof allCalls>();
		for (const call of allCalls) if (call.parentCallSid) legsByParent.set(call.parentCallSid, [...(legsByParent.get(call.parentCallSid) ?? []), call]);
		const leadLegsOf = (teamCallSid: string) => legsByParent.get(teamCallSid) ?? [];
		const reachedLead = (teamCallSid: string): boolean => leadLegsOf(teamCallSid).some((leg) => leg.status === 'completed' && (leg.duration ?? 0) > 0);
		// Here the team always answers and presses 1, and every lead answers: an attempt that reached
		// its lead ends the callback. A team call after that is the attempt placed again, not a retry.
		const twice = [...callsByExecution.entries()].filter(([execution, calls]) => execution !== 'none' && calls.some((_call, index) => index > 0 && calls.slice(0, index).some((earlier) => reachedLead(earlier.sid))));
		const placedTwice = twice.length;
		// What each such execution's calls were, and what Twilio answered their creation with.
		const twiceDetails = twice.slice(0, 5).map(([execution, calls]) => ({
			execution,
			calls: calls.map((call) => ({
				sid: call.sid,
				created: call.dateCreated,
				status: call.status,
				leadLegs: leadLegsOf(call.sid).map((leg) => ({ status: leg.status, duration: leg.duration })),
			})),
			createRequests: teamCalls
				.filter((request) => executionOf(request.params.StatusCallback?.[0]) === execution)
				.map((request) => ({ at: request.at, status: request.status, errorCode: request.errorCode })),
		}));
		const retried = [...callsByExecution.values()].filter((calls) => calls.length > 1).length;
		const leadCalls = allCalls.filter((call) => leads.includes(call.to));
		const lateness = teamCalls.map((request) => Date.parse(request.at) - slot.toMillis());
		const refused = (await sandbox.client.webhooks()).filter((delivery) => (delivery.status ?? 0) >= 500 || delivery.status === 0).length;
		const late = percentiles(lateness.map(seconds));
		// An n8n at the memory ceiling is not asked for its executions: it would not answer.
		const executions = stoppedForMemory ? [] : ((await answeredWithin(async () => await n8n!.main.api.listAllExecutions(funnel.id), 6)) ?? []);
		const byStatus: Record<string, number> = {};
		for (const execution of executions) byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
		const failedErrors = new Map<string, number>();
		for (const execution of executions.filter((candidate) => candidate.status === 'error' || candidate.status === 'crashed').slice(0, 20)) {
			const full = await whenAnswered(async () => await n8n!.main.api.getExecution(execution.id));
			if (full === null) continue;
			const error = full.data.resultData.error as { message?: string; node?: { name?: string } } | undefined;
			const key = `${error?.node?.name ?? execution.status}: ${String(error?.message ?? 'no error recorded').slice(0, 160)}`;
			failedErrors.set(key, (failedErrors.get(key) ?? 0) + 1);
		}
		return {
			name: `${DUE_TOGETHER} callbacks due in the same minute (${n8n.label}, funnel template, Twilio sandbox at real time)`,
			conditions: {
				n8n: n8n.main.version,
				cpus: cpus().length,
				...n8n.conditions,
				requests: `one request booked for tomorrow (it makes the status and opt-out tables), then ${requests.length} form posts from ${DUE_TOGETHER} numbers (${REPEATED} sent twice), ${IN_FLIGHT} in flight, all booked for ${slot.toISO()}, ${LEAD_TIME_MINUTES} minutes after the posting started`,
				team: 'answers after 1 s, presses 1, talks 2 s with the lead',
			},
			figures: {
				'posting: seconds, requests per second': { seconds: Math.round(postingSeconds), perSecond: Math.round((answers.length / postingSeconds) * 10) / 10 },
				'answers: accepted, duplicates, refused': {
					accepted: answers.filter((answer) => answer.ok && !answer.duplicate).length,
					duplicates: answers.filter((answer) => answer.duplicate).length,
					refused: answers.filter((answer) => !answer.ok).length,
				},
				[`stopped when the n8n processes held more than ${MEMORY_CEILING_MB} MB`]: stoppedForMemory,
				'form posts sent (the run stops sending at the memory ceiling)': answers.length,
				'posting ran past the booked minute': postingPastSlot,
				"polls of n8n's execution list it left unanswered (30 s each) before the minute": unansweredPolls,
				'callbacks waiting before the minute (besides the one booked for tomorrow)': waitingKnown ? Math.max(0, waiting - 1) : null,
				'seconds from the first post until every callback waited (null: not all did)': allWaitingSeconds,
				'team calls created (requests to Twilio)': teamCalls.length,
				'callbacks whose team was called again after the lead was reached (the attempt placed twice)': placedTwice,
				'leads dialled more than once': [...countBy(leadCalls.map((call) => call.to)).values()].filter((count) => count > 1).length,
				'those callbacks, the first 5: their team calls and the create requests': twiceDetails,
				'callbacks whose team was called more than once (a retry, or the attempt placed twice)': retried,
				'leads called (distinct)': new Set(leadCalls.map((call) => call.to)).size,
				'lateness after the booked minute (s)': late,
				'thank-you texts': await thanked(),
				'funnel executions by status': executions.length > 0 ? byStatus : 'n8n did not list its executions within a minute',
				'errors of the first 20 failed executions': Object.fromEntries(failedErrors),
				'minutes from the booked minute until the last thank-you text (or the drain limit)': Math.round(((drainedAt - slot.toMillis()) / 60_000) * 10) / 10,
				"Twilio's requests refused by n8n (5xx or no answer)": refused,
				'peak memory while posting (MB, each process with its task runners)': intakePeaks,
				'peak memory overall (MB, each process with its task runners)': peaks,
			},
		};
	} finally {
		await n8n?.stop();
		await sandbox.stop();
	}
}
