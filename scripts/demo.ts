/**
 * The product on this machine: a real n8n (embedded SQLite) with this package installed the way
 * users install it, every template from workflows/ imported and active, and the hosted callback
 * form served. Data is kept in .n8n-demo/ between runs; Ctrl-C stops it.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';

import { DEFAULT_OWNER, REPOSITORY_ROOT, freePort, requestedN8nVersion, startN8n, type N8nHandle, type WorkflowJson } from '../test/harness';
import { configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, templateNodes, templates, type CredentialRef } from '../test/harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../test/twilioSandbox';

const PREFERRED_PORT = Number(process.env.PORT ?? 5678);
const PREFERRED_SANDBOX_PORT = 5699;
const N8N_RELEASE = requestedN8nVersion();
/** One folder per major n8n: a database n8n 2.x has migrated cannot be opened by n8n 1.x again. */
const USER_FOLDER = join(REPOSITORY_ROOT, isN8n1(N8N_RELEASE) ? '.n8n-demo-1.x' : '.n8n-demo');

/** Fixed, so the credential stored in .n8n-demo keeps working across demo runs. */
const DEMO_TWILIO = {
	accountSid: `AC${'de30'.repeat(8)}`,
	authToken: 'demo-sandbox-auth-token-0001',
	businessNumber: '+14155550100',
	/** The team's phone in the templates: it answers and presses 1, as a person taking the call would. */
	agentNumber: '+14155550123',
	credentialName: 'Twilio (local sandbox)',
};

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer()
			.once('error', () => resolve(false))
			.once('listening', () => server.close(() => resolve(true)))
			.listen(port, '127.0.0.1');
	});
}

/** The Twilio credential pointing at the local sandbox, created once. */
async function sandboxCredential(n8n: N8nHandle, sandbox: TwilioSandbox): Promise<CredentialRef> {
	const existing = await n8n.api.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
	const found = existing.find((credential) => credential.name === DEMO_TWILIO.credentialName && credential.type === 'callbackTwilioApi');
	const body = {
		name: DEMO_TWILIO.credentialName,
		type: 'callbackTwilioApi',
		data: { accountSid: DEMO_TWILIO.accountSid, authType: 'authToken', authToken: DEMO_TWILIO.authToken, baseUrl: sandbox.baseUrl },
	};
	if (found) {
		// The sandbox may run on another port than last time.
		await n8n.api.rest('PATCH', `/credentials/${found.id}`, body);
		return { id: found.id, name: found.name };
	}
	const created = await n8n.api.createCredential(body);
	return { id: created.id, name: DEMO_TWILIO.credentialName };
}

const DATA_TABLES_CREDENTIAL = 'n8n API (this n8n)';

/**
 * The n8n API key the booking template's rate limits and time slots count with (n8n 2.x), made
 * once and pointed at this n8n's address, which may be another port than last time.
 */
async function dataTablesCredential(n8n: N8nHandle): Promise<CredentialRef> {
	const existing = await n8n.api.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
	const found = existing.find((credential) => credential.name === DATA_TABLES_CREDENTIAL && credential.type === 'callbackN8nApi');
	if (found) {
		// The key comes back as n8n's placeholder for a secret, which keeps the stored key.
		const stored = await n8n.api.rest<{ data?: { apiKey?: string } }>('GET', `/credentials/${found.id}`, undefined, { includeData: 'true' });
		await n8n.api.rest('PATCH', `/credentials/${found.id}`, { name: DATA_TABLES_CREDENTIAL, type: 'callbackN8nApi', data: { apiKey: stored.data?.apiKey ?? '', baseUrl: n8n.baseUrl } });
		return { id: found.id, name: found.name };
	}
	const created = await n8n.api.createDataTablesCredential(DATA_TABLES_CREDENTIAL);
	return { id: created.id, name: DATA_TABLES_CREDENTIAL };
}

/** Imports each template once (by name) and makes sure it is active. */
async function publishTemplates(n8n: N8nHandle, credential: CredentialRef, tables: { statusTableId?: string; optOutTableId?: string; dataTablesCredential?: CredentialRef }): Promise<WorkflowJson[]> {
	const existing = await n8n.api.rest<Array<{ id: string; name: string; active: boolean }>>('GET', '/workflows');
	const published: WorkflowJson[] = [];
	for (const template of templates()) {
		const stored = existing.find((workflow) => workflow.name === template.name);
		if (!stored) await n8n.api.importAndActivate(configureTemplate(template, { twilioCredential: credential, ...tables }));
		else if (!stored.active) await n8n.api.activateWorkflow(stored.id);
		published.push(template);
	}
	return published;
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
			if (node.type !== 'n8n-nodes-callback.callbackRequestTrigger') continue;
			const url = n8n.api.webhookUrl(String(node.parameters?.path));
			const hosted = node.parameters?.hostedForm !== false;
			lines.push(`    ${hosted ? 'hosted form     ' : 'webhook (POST)  '}${url}   (${node.name})`);
		}
	}
	lines.push(
		'',
		`  Twilio sandbox  ${sandbox.baseUrl}  (credential "${DEMO_TWILIO.credentialName}", business number ${DEMO_TWILIO.businessNumber})`,
		`    texts sent    ${sandbox.baseUrl}/__sandbox/messages`,
		`    calls placed  ${sandbox.baseUrl}/__sandbox/calls`,
		`    a lead texts  POST ${sandbox.baseUrl}/__sandbox/inbound/sms  {"from":"+14155552671","to":"${DEMO_TWILIO.businessNumber}","body":"@status"}`,
		`    a lead calls  POST ${sandbox.baseUrl}/__sandbox/inbound/call  {"from":"+14155552671","to":"${DEMO_TWILIO.businessNumber}","outcome":"no-answer"}  (a missed call)`,
		'',
		`Data is kept in ${USER_FOLDER}. Press Ctrl-C to stop.`,
		'',
	);
	console.log(lines.join('\n'));
}

/** What is running so far; a stop signal at any moment stops exactly that. */
const running: { n8n?: N8nHandle; sandbox?: TwilioSandbox } = {};
let stopping = false;

async function stop(signal: NodeJS.Signals): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.error(`\n${signal}: stopping n8n and the Twilio sandbox...`);
	await running.n8n?.stop().catch(() => undefined);
	await running.sandbox?.stop().catch(() => undefined);
	process.exit(0);
}

async function main(): Promise<void> {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
	const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort();
	console.error(`Starting n8n ${N8N_RELEASE} on port ${port} (the first run installs n8n once, about 5 minutes)...`);
	const sandboxPort = (await portIsFree(PREFERRED_SANDBOX_PORT)) ? PREFERRED_SANDBOX_PORT : 0;
	const sandbox = (running.sandbox = await startTwilioSandbox({
		port: sandboxPort,
		accounts: [{ sid: DEMO_TWILIO.accountSid, authToken: DEMO_TWILIO.authToken, phoneNumbers: [DEMO_TWILIO.businessNumber] }],
	}));
	await sandbox.client.setScenario({ number: DEMO_TWILIO.agentNumber, answerAfter: 2, human: true, pressDigits: '1', talkFor: 20 });
	const n8n = (running.n8n = await startN8n({ userFolder: USER_FOLDER, port, logLevel: 'info', keepUserFolder: true, readyTimeoutMs: 180_000 }));
	if (stopping) return;
	const credential = await sandboxCredential(n8n, sandbox);
	// n8n 2.x: the nodes create the status table on first use; n8n 1.x: it is made here and its ID pasted in.
	const tables = isN8n1(n8n.version)
		? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n) }
		: { dataTablesCredential: await dataTablesCredential(n8n) };
	const published = await publishTemplates(n8n, credential, tables);
	// As a user does in the Twilio Console: texts to the business number go to the SMS Reply Trigger.
	const smsReplies = published.flatMap(templateNodes).find((node) => node.type === 'n8n-nodes-callback.smsReplyTrigger');
	// And calls to it go to the Missed Call Trigger (one "A call comes in" URL per number: the
	// phone-menu template's Callback Offer would take the same place on a number of its own).
	const missedCalls = published.flatMap(templateNodes).find((node) => node.type === 'n8n-nodes-callback.missedCallTrigger');
	await sandbox.client.registerNumber({
		phoneNumber: DEMO_TWILIO.businessNumber,
		...(smsReplies === undefined ? {} : { smsUrl: n8n.api.webhookUrl(String(smsReplies.parameters?.path)) }),
		...(missedCalls === undefined ? {} : { voiceUrl: n8n.api.webhookUrl(String(missedCalls.parameters?.path)), statusCallback: n8n.api.webhookUrl(String(missedCalls.parameters?.path)) }),
	});
	printWelcome(n8n, sandbox, published);
	// n8n runs as a child process the harness does not keep a handle on; stay alive until Ctrl-C.
	setInterval(() => undefined, 60_000);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
