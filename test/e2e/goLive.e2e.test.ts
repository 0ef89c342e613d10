import axios from 'axios';

import { startN8n, type N8nHandle, type StoredWorkflow } from '../harness';
import { BUSINESS_SETTINGS_NODE, TEMPLATE_CREDENTIAL_NAMES, configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, liveReadyTemplate, templateNodes, templates, type BusinessSettingsValues } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from './leadZoneAwake';

const ACCOUNT_SID = `AC${'9017'.repeat(8)}`;
const AUTH_TOKEN = 'go-live-test-auth-token-0001';
/** The business that goes live: nothing of the templates' sample business. */
const LIVE: BusinessSettingsValues = {
	businessName: 'Northside Dental',
	twilioNumber: '+13125550148',
	teamNumbers: '+13125550190, +13125550191',
	businessTimezone: 'America/Chicago',
	// Open around the clock, so the test does not depend on when it runs.
	weekdayHours: '00:00-24:00',
	weekendHours: '00:00-24:00',
};
const FIRST_TEAM_NUMBER = '+13125550190';
const LEAD = '+14155552681';
const FUNNEL = 'Request-a-callback funnel (call business, then lead)';
const TWILIO_CREDENTIAL = TEMPLATE_CREDENTIAL_NAMES.callbackTwilioApi;
const DATA_TABLES_CREDENTIAL = TEMPLATE_CREDENTIAL_NAMES.callbackN8nApi;

/**
 * A business goes live as the README's "Go live" says: it makes the credentials under n8n's
 * own names, imports each template with only Business Settings changed (and on n8n 1.x the
 * tables' IDs pasted), and publishes it.
 */
describe('going live: each template with its Business Settings changed, imported and published', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let twilioCredentialId: string;
	const published = new Map<string, StoredWorkflow>();

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [LIVE.twilioNumber] }] });
		await sandbox.client.setScenario({ number: FIRST_TEAM_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		await sandbox.client.setScenario({ number: LEAD, answerAfter: 2, human: true, talkFor: 30 });
		n8n = await startN8n();
		twilioCredentialId = (
			await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl }, TWILIO_CREDENTIAL)
		).id;
		// n8n 1.x links a credential by its name only when the import names the project, so there the
		// user chooses it on the Twilio nodes, and pastes the tables' IDs (the README's Go live says so).
		const tables = isN8n1(n8n.version)
			? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n), twilioCredential: { id: twilioCredentialId, name: TWILIO_CREDENTIAL } }
			: {};
		if (!isN8n1(n8n.version)) await n8n.api.createDataTablesCredential(DATA_TABLES_CREDENTIAL);
		for (const template of templates()) {
			const live = configureTemplate(liveReadyTemplate(template, LIVE), tables);
			published.set(template.name, await n8n.api.importAndActivate(live));
		}
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('knows every node of every template (no unknown node after the import)', async () => {
		const known = new Set(await n8n.api.nodeTypeNames());
		const unknown = templates().flatMap((template) => templateNodes(template).filter((node) => !known.has(node.type)).map((node) => `${template.name}: ${node.name} (${node.type})`));
		expect(unknown).toEqual([]);
		expect(known.has('n8n-nodes-callback.callbackBusinessSettings')).toBe(true);
	});

	it('publishes every template', () => {
		expect([...published.values()].map((workflow) => ({ name: workflow.name, active: workflow.active }))).toEqual(templates().map((template) => ({ name: template.name, active: true })));
		console.log(`n8n ${n8n.version}: ${published.size} templates published with only their Business Settings changed`);
	});

	it('links every Twilio node to the credential: by its name on n8n 2.x, with nothing chosen by hand', async () => {
		let linked = 0;
		for (const workflow of published.values()) {
			const stored = await n8n.api.getWorkflow(workflow.id);
			const links = templateNodes(stored).flatMap((node) => (node.credentials?.callbackTwilioApi ? [{ node: node.name, id: node.credentials.callbackTwilioApi.id }] : []));
			const twilioNodes = templateNodes(templates().find((template) => template.name === workflow.name)!).filter((node) => node.credentials?.callbackTwilioApi);
			expect(links.map((link) => link.node).sort()).toEqual(twilioNodes.map((node) => node.name).sort());
			expect(links.filter((link) => link.id !== twilioCredentialId)).toEqual([]);
			linked += links.length;
		}
		console.log(`n8n ${n8n.version}: ${linked} Twilio nodes in ${published.size} templates linked to "${TWILIO_CREDENTIAL}" ${isN8n1(n8n.version) ? 'as chosen on each node' : 'by its name'}`);
		expect(linked).toBeGreaterThan(20);
	});

	it("runs the funnel with the new business: its team rung from its number, its name in the texts", async () => {
		const response = await axios.post(n8n.api.webhookUrl('request-a-callback'), {
			first_name: 'Jane',
			phone: LEAD,
			reason: 'Crown came loose',
			timezone: leadZoneAwake(),
			consent: 'yes',
		});
		expect(response.data.ok).toBe(true);
		const confirmation = await sandbox.client.waitForMessage((message) => message.to === LEAD && /call you/i.test(message.body), 60_000);
		expect({ from: confirmation.from, named: confirmation.body.includes(LIVE.businessName) }).toEqual({ from: LIVE.twilioNumber, named: true });
		const teamCall = await sandbox.client.waitForCall((call) => call.to === FIRST_TEAM_NUMBER && call.status === 'completed', 120_000);
		expect(teamCall.from).toBe(LIVE.twilioNumber);
		const thankYou = await sandbox.client.waitForMessage((message) => message.to === LEAD && /thank you/i.test(message.body), 120_000);
		expect({ from: thankYou.from, named: thankYou.body.includes(LIVE.businessName) }).toEqual({ from: LIVE.twilioNumber, named: true });
		const [execution] = await n8n.api.waitForExecutions(published.get(FUNNEL)!.id, 1, 60_000);
		expect(execution.status).toBe('success');
		const texts = (await sandbox.client.messages()).filter((message) => message.to === LEAD);
		expect(texts.every((message) => !message.body.includes('Acme'))).toBe(true);
	});

	it('the hosted form shows the business name from Business Settings', async () => {
		const page = await axios.get<string>(n8n.api.webhookUrl('request-a-callback'), { responseType: 'text' });
		expect(page.data).toContain(LIVE.businessName);
		expect(page.data).not.toContain('Acme');
		expect(templates().every((template) => templateNodes(template).some((node) => node.name === BUSINESS_SETTINGS_NODE))).toBe(true);
	});
});
