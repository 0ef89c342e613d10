/**
 * What `npm run demo` starts, as one function the demo and its end-to-end test share: the Twilio
 * sandbox with demo phones, a real n8n with this package, the credentials, and every template
 * imported and published in its demo form (see demoTemplates.ts), with the business number's
 * texts and calls pointed at the templates as a user does in the Twilio Console.
 */
import { startN8n, type N8nHandle, type WorkflowJson } from '../test/harness';
import { TEMPLATE_CREDENTIAL_NAMES, configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, templateNodes, templates, type CredentialRef } from '../test/harness/templates';
import { startQueueModeN8n, type QueueModeN8n } from '../test/harness/queueModeN8n';
import { startTwilioSandbox, type TwilioSandbox } from '../test/twilioSandbox';
import { demoIntroText, demoTemplate } from './demoTemplates';

/** Fixed, so the credential stored in .n8n-demo keeps working across demo runs. */
export const DEMO_TWILIO = {
	accountSid: `AC${'de30'.repeat(8)}`,
	authToken: 'demo-sandbox-auth-token-0001',
	businessNumber: '+14155550100',
	/** The team's phone in the templates: it answers and presses 1, as a person taking the call would. */
	agentNumber: '+14155550123',
};

/** The names the demo's credentials had before they took n8n's default names; a kept demo folder is brought up to date. */
const EARLIER_CREDENTIAL_NAMES = { callbackTwilioApi: 'Twilio (local sandbox)', callbackN8nApi: 'n8n API (this n8n)' } as const;

type DemoCredentialType = keyof typeof TEMPLATE_CREDENTIAL_NAMES;

/** The demo's credential of a type: under n8n's default name, which the templates link to by name. */
async function findDemoCredential(n8n: N8nHandle, type: DemoCredentialType): Promise<{ id: string; name: string } | undefined> {
	const existing = await n8n.api.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
	const names: string[] = [TEMPLATE_CREDENTIAL_NAMES[type], EARLIER_CREDENTIAL_NAMES[type]];
	return existing.find((credential) => credential.type === type && names.includes(credential.name));
}

/** The Twilio credential pointing at the local sandbox, created once. */
async function sandboxCredential(n8n: N8nHandle, sandbox: TwilioSandbox): Promise<CredentialRef> {
	const found = await findDemoCredential(n8n, 'callbackTwilioApi');
	const body = {
		name: TEMPLATE_CREDENTIAL_NAMES.callbackTwilioApi,
		type: 'callbackTwilioApi',
		data: { accountSid: DEMO_TWILIO.accountSid, authType: 'authToken', authToken: DEMO_TWILIO.authToken, baseUrl: sandbox.baseUrl },
	};
	if (found) {
		// The sandbox may run on another port than last time.
		await n8n.api.rest('PATCH', `/credentials/${found.id}`, body);
		return { id: found.id, name: body.name };
	}
	const created = await n8n.api.createCredential(body);
	return { id: created.id, name: body.name };
}

const DATA_TABLES_CREDENTIAL = TEMPLATE_CREDENTIAL_NAMES.callbackN8nApi;

/**
 * The n8n API key the booking template's rate limits and time slots count with (n8n 2.x), made
 * once and pointed at this n8n's address, which may be another port than last time.
 */
async function dataTablesCredential(n8n: N8nHandle): Promise<CredentialRef> {
	const found = await findDemoCredential(n8n, 'callbackN8nApi');
	if (found) {
		// The key comes back as n8n's placeholder for a secret, which keeps the stored key.
		const stored = await n8n.api.rest<{ data?: { apiKey?: string } }>('GET', `/credentials/${found.id}`, undefined, { includeData: 'true' });
		await n8n.api.rest('PATCH', `/credentials/${found.id}`, { name: DATA_TABLES_CREDENTIAL, type: 'callbackN8nApi', data: { apiKey: stored.data?.apiKey ?? '', baseUrl: n8n.baseUrl } });
		return { id: found.id, name: DATA_TABLES_CREDENTIAL };
	}
	const created = await n8n.api.createDataTablesCredential(DATA_TABLES_CREDENTIAL);
	return { id: created.id, name: DATA_TABLES_CREDENTIAL };
}

/** Imports each template once (by name) and makes sure it is active. */
async function publishTemplates(
	n8n: N8nHandle,
	sandbox: TwilioSandbox,
	credential: CredentialRef,
	tables: { statusTableId?: string; optOutTableId?: string; dataTablesCredential?: CredentialRef },
): Promise<WorkflowJson[]> {
	const intro = demoIntroText(phonesPage(sandbox));
	const existing = await n8n.api.rest<Array<{ id: string; name: string; active: boolean }>>('GET', '/workflows');
	const published: WorkflowJson[] = [];
	for (const template of templates()) {
		const stored = existing.find((workflow) => workflow.name === template.name);
		if (!stored) await n8n.api.importAndActivate(demoTemplate(configureTemplate(template, { twilioCredential: credential, ...tables }), intro));
		else if (!stored.active) await n8n.api.activateWorkflow(stored.id);
		published.push(template);
	}
	return published;
}

/** The sandbox's page of the texts and calls the simulated phones got. */
export function phonesPage(sandbox: TwilioSandbox): string {
	return `${sandbox.baseUrl}/__sandbox/`;
}


export interface DemoOptions {
	/** Kept between runs; none: a temporary folder, removed when n8n stops. */
	userFolder?: string;
	port: number;
	/** 0: any free port. */
	sandboxPort: number;
	/** Filled in as each part starts, so a stop signal at any moment stops what runs. */
	running: { n8n?: N8nHandle; queue?: QueueModeN8n; sandbox?: TwilioSandbox };
	/** Keeps the user folder when n8n stops (default: when one is given). */
	keepUserFolder?: boolean;
	/**
	 * n8n's queue mode instead of one n8n: a main instance, 2 workers and a webhook processor on
	 * PostgreSQL and Redis (installed from Debian's packages when missing). Its data is temporary.
	 */
	queueMode?: boolean;
}

export interface Demo {
	n8n: N8nHandle;
	sandbox: TwilioSandbox;
	published: WorkflowJson[];
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const sandbox = (options.running.sandbox = await startTwilioSandbox({
		port: options.sandboxPort,
		accounts: [{ sid: DEMO_TWILIO.accountSid, authToken: DEMO_TWILIO.authToken, phoneNumbers: [DEMO_TWILIO.businessNumber] }],
		phonesByLastDigit: true,
	}));
	await sandbox.client.setScenario({ number: DEMO_TWILIO.agentNumber, answerAfter: 2, human: true, pressDigits: '1', talkFor: 20 });
	const n8n = options.queueMode
		? (options.running.queue = await startQueueModeN8n({ workers: 2, webhookProcessors: 1, mainPort: options.port })).main
		: (options.running.n8n = await startN8n({ userFolder: options.userFolder, port: options.port, logLevel: 'info', keepUserFolder: options.keepUserFolder ?? options.userFolder !== undefined, readyTimeoutMs: 180_000 }));
	const credential = await sandboxCredential(n8n, sandbox);
	// n8n 2.x: the nodes create the status table on first use; n8n 1.x: it is made here and its ID pasted in.
	const tables = isN8n1(n8n.version)
		? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n) }
		: { dataTablesCredential: await dataTablesCredential(n8n) };
	const published = await publishTemplates(n8n, sandbox, credential, tables);
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
	return { n8n, sandbox, published };
}
