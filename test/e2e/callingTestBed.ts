import { startN8n, type N8nHandle, type StoredCredential, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';

type Json = Record<string, unknown>;

export interface CallingAccount {
	sid: string;
	authToken: string;
	apiKeys?: Array<{ sid: string; secret: string }>;
	phoneNumbers: string[];
}

/**
 * A real n8n with the package, the Twilio sandbox and a credential for it, for the tests of the
 * nodes that place calls. Every test must leave Twilio's debugger empty: each request Twilio
 * made about the test's calls got a 2xx answer.
 */
export class CallingTestBed {
	n8n!: N8nHandle;
	sandbox!: TwilioSandbox;
	credential!: StoredCredential;
	private nextPath = 0;

	/** Registers the suite's set-up and tear-down with jest; call it inside `describe`. */
	static forSuite(account: CallingAccount, timeScale: number): CallingTestBed {
		const bed = new CallingTestBed();
		let notificationsBefore = 0;
		beforeAll(async () => {
			bed.sandbox = await startTwilioSandbox({ timeScale, accounts: [{ ...account, apiKeys: account.apiKeys ?? [] }] });
			bed.n8n = await startN8n();
			bed.credential = await bed.n8n.api.createTwilioCredential({ accountSid: account.sid, authToken: account.authToken, baseUrl: bed.sandbox.baseUrl }, 'Twilio sandbox');
		}, 15 * 60_000);
		beforeEach(async () => {
			notificationsBefore = (await bed.sandbox.client.notifications()).length;
		});
		afterEach(async () => {
			expect((await bed.sandbox.client.notifications()).slice(notificationsBefore)).toEqual([]);
		});
		afterAll(async () => {
			await bed.n8n?.stop();
			await bed.sandbox?.stop();
		});
		return bed;
	}

	/**
	 * Imports and publishes a copy of `source` on a path of its own, with the named node's
	 * parameters changed and the package's Twilio nodes on `credential`; returns its id and path.
	 */
	async publish(source: WorkflowJson, nodeName: string | null, parameters: Json = {}, credential: StoredCredential = this.credential): Promise<{ id: string; path: string }> {
		const path = `calling-${this.nextPath++}`;
		const json = structuredClone(source);
		const nodes = json.nodes as Array<{ name: string; type: string; parameters: Json; credentials?: Record<string, { id: string; name: string }> }>;
		for (const node of nodes) {
			if (node.type.endsWith('callbackRequestTrigger') || node.type === 'n8n-nodes-base.webhook') node.parameters.path = path;
			if (/\.(bridgeCall|voicemailDrop|sendSms)$/.test(node.type)) node.credentials = { callbackTwilioApi: { id: credential.id, name: credential.name } };
		}
		if (nodeName !== null) {
			const node = nodes.find((candidate) => candidate.name === nodeName);
			if (node === undefined) throw new Error(`no node named ${nodeName}`);
			node.parameters = { ...node.parameters, ...parameters };
		}
		const stored = await this.n8n.api.importAndActivate({ ...json, name: `${String(json.name)} (${path})` });
		return { id: stored.id, path };
	}
}
