/**
 * The product on this machine: a real n8n (embedded SQLite) with this package installed the way
 * users install it, every template from workflows/ imported and active, and the hosted callback
 * form served. Data is kept in .n8n-demo/ between runs; Ctrl-C stops it.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { DEFAULT_OWNER, REPOSITORY_ROOT, freePort, requestedN8nVersion, type N8nHandle, type WorkflowJson } from '../test/harness';
import { isN8n1, TEMPLATE_CREDENTIAL_NAMES, templateNodes } from '../test/harness/templates';
import type { QueueModeN8n } from '../test/harness/queueModeN8n';
import { LAST_DIGIT_PHONES, type TwilioSandbox } from '../test/twilioSandbox';
import { callableDemoPhones, DEMO_LEAD_PHONES } from './demoLeadPhones';
import { DEMO_TWILIO, phonesPage, startDemo } from './demoSetup';
import { DEMO_REPORT_TOKEN } from './demoTemplates';

const PREFERRED_PORT = Number(process.env.PORT ?? 5678);
const PREFERRED_SANDBOX_PORT = 5699;
const N8N_RELEASE = requestedN8nVersion();
/** One folder per major n8n: a database n8n 2.x has migrated cannot be opened by n8n 1.x again. */
const USER_FOLDER = join(REPOSITORY_ROOT, isN8n1(N8N_RELEASE) ? '.n8n-demo-1.x' : '.n8n-demo');

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer()
			.once('error', () => resolve(false))
			.once('listening', () => server.close(() => resolve(true)))
			.listen(port, '127.0.0.1');
	});
}

function printWelcome(n8n: N8nHandle, sandbox: TwilioSandbox, published: WorkflowJson[]): void {
	const lines = [
		'',
		`n8n-nodes-callback demo is running on n8n ${n8n.version}.`,
		'',
		`  n8n editor      ${n8n.baseUrl}/`,
		`  sign in as      ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`,
		'',
	];
	for (const workflow of published) {
		lines.push(`  ${workflow.name}`);
		for (const node of templateNodes(workflow)) {
			if (node.type === 'n8n-nodes-base.webhook' && workflow.nodes.some((other) => (other as { type?: string }).type === 'n8n-nodes-callback.callbackReport')) {
				const week = `from=${DateTime.now().minus({ days: 6 }).toISODate()}&to=${DateTime.now().toISODate()}`;
				lines.push(`    report page     ${n8n.api.webhookUrl(String(node.parameters?.path))}?token=${DEMO_REPORT_TOKEN}&${week}   (${node.name})`);
			}
			if (node.type !== 'n8n-nodes-callback.callbackRequestTrigger') continue;
			const url = n8n.api.webhookUrl(String(node.parameters?.path));
			const hosted = node.parameters?.hostedForm !== false;
			lines.push(`    ${hosted ? 'hosted form     ' : 'webhook (POST)  '}${url}   (${node.name})`);
		}
	}
	lines.push(
		'',
		`  Watch           ${phonesPage(sandbox)}  (the texts and calls, as the phones got them)`,
		`                  ${n8n.baseUrl}/home/executions  (each callback's execution in n8n)`,
		'',
		'  The demo business is open around the clock (Business Settings: 00:00-24:00). Leads are still only',
		"  called and texted 08:00-21:00 on their own clock, told from their number, so use a number where",
		'  it is daytime now. The last digit decides what the phone does:',
		...LAST_DIGIT_PHONES.map((phone) => `    ${phone.ending.padEnd(16)}${phone.behaviour}`),
		`  Numbers to use now: ${callableDemoPhones(new Date()).map((phone) => `${phone.number} (${phone.place}, ${phone.localTime})`).join(', ')}`,
		`  (all demo numbers: ${DEMO_LEAD_PHONES.map((phone) => `${phone.place} ${phone.number}`).join(', ')})`,
		'',
		`  Twilio sandbox  ${sandbox.baseUrl}  (credential "${TEMPLATE_CREDENTIAL_NAMES.callbackTwilioApi}", business number ${DEMO_TWILIO.businessNumber})`,
		`    as JSON       ${sandbox.baseUrl}/__sandbox/messages, ${sandbox.baseUrl}/__sandbox/calls`,
		`    a lead texts  POST ${sandbox.baseUrl}/__sandbox/inbound/sms  {"from":"+14155552671","to":"${DEMO_TWILIO.businessNumber}","body":"@status"}`,
		`    a lead calls  POST ${sandbox.baseUrl}/__sandbox/inbound/call  {"from":"+14155552671","to":"${DEMO_TWILIO.businessNumber}","outcome":"no-answer"}  (a missed call)`,
		'',
		QUEUE_MODE ? 'Queue mode keeps its data only while it runs. Press Ctrl-C to stop.' : `Data is kept in ${USER_FOLDER}. Press Ctrl-C to stop.`,
		'',
	);
	console.log(lines.join('\n'));
}

/** What is running so far; a stop signal at any moment stops exactly that. */
const running: { n8n?: N8nHandle; queue?: QueueModeN8n; sandbox?: TwilioSandbox } = {};
/** `npm run demo:queue`: the same on n8n's queue mode (main, 2 workers, a webhook processor, PostgreSQL, Redis). */
const QUEUE_MODE = process.argv.includes('--queue');
let stopping = false;

async function stop(signal: NodeJS.Signals): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.error(`\n${signal}: stopping n8n and the Twilio sandbox...`);
	await running.n8n?.stop().catch(() => undefined);
	await running.queue?.stop().catch(() => undefined);
	await running.sandbox?.stop().catch(() => undefined);
	process.exit(0);
}

async function main(): Promise<void> {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
	const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort();
	console.error(`Starting n8n ${N8N_RELEASE} on port ${port} (the first run installs n8n once, about 5 minutes)...`);
	const sandboxPort = (await portIsFree(PREFERRED_SANDBOX_PORT)) ? PREFERRED_SANDBOX_PORT : 0;
	const { n8n, sandbox, published } = await startDemo({ userFolder: QUEUE_MODE ? undefined : USER_FOLDER, port, sandboxPort, running, queueMode: QUEUE_MODE });
	if (stopping) return;
	printWelcome(n8n, sandbox, published);
	if (running.queue) {
		const processes = [...running.queue.workers.map((worker) => `worker ${worker.logPath}`), ...running.queue.webhookProcessors.map((processor) => `webhook processor ${processor.baseUrl} (${processor.logPath})`)];
		console.log(`  Queue mode: main ${n8n.baseUrl}, ${processes.join(', ')}; PostgreSQL 127.0.0.1:${running.queue.services.postgres.port}, Redis 127.0.0.1:${running.queue.services.redis.port}.\n`);
	}
	// n8n runs as a child process the harness does not keep a handle on; stay alive until Ctrl-C.
	setInterval(() => undefined, 60_000);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
