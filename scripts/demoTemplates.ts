/**
 * The demo's copy of a template: the same workflow a user imports, with the business open around
 * the clock and the lead's clock told from the phone number, so a person trying the demo at any
 * hour sees a callback happen (with a number where it is daytime, see demoLeadPhones.ts). The
 * lead's legal calling and texting hours are never changed.
 */
import type { WorkflowJson } from '../test/harness';
import { BUSINESS_SETTINGS_NODE, setAllowedCountries, templateNodes } from '../test/harness/templates';
import { LAST_DIGIT_PHONES } from '../test/twilioSandbox';
import { DEMO_COUNTRIES } from './demoLeadPhones';

/** The demo business takes callbacks at any hour. */
export const DEMO_OPENING_HOURS = '00:00-24:00';

/** The report page's access token in the demo (a business sets its own; without one the page refuses every request). */
export const DEMO_REPORT_TOKEN = 'demo-report-token-try-the-page-01';

/** Nodes whose Lead Timezone decides when a lead may be called or texted. */
const LEAD_CLOCK_NODES = /\.(scheduleAttempt|sendSms|bridgeCall|voicemailDrop)$/;

/** The hosted form's note in the demo: how the simulated phones behave and where to watch them. */
export function demoIntroText(phonesPageUrl: string): string {
	const lastDigitRule = LAST_DIGIT_PHONES.map((phone) => `${phone.ending.toLowerCase()}: ${phone.behaviour.replace(/\.$/, '')}`).join('; ');
	return `Demo: the phones are simulated. Use a number where it is daytime now (the demo lists some); its last digit decides what happens: ${lastDigitRule}. Watch the texts and calls at ${phonesPageUrl}`;
}

export function demoTemplate(template: WorkflowJson, introText: string): WorkflowJson {
	const copy = structuredClone(template);
	setAllowedCountries(copy, DEMO_COUNTRIES);
	for (const node of templateNodes(copy)) {
		const parameters = (node.parameters ??= {});
		if (node.name === BUSINESS_SETTINGS_NODE) Object.assign(parameters, { weekdayHours: DEMO_OPENING_HOURS, weekendHours: DEMO_OPENING_HOURS, closedOn: '' });
		if (LEAD_CLOCK_NODES.test(node.type) && parameters.operation === undefined) parameters.leadTimezone = '';
		if (node.type === 'n8n-nodes-callback.callbackRequestTrigger' && parameters.hostedForm !== false) parameters.introText = introText;
		if (node.type === 'n8n-nodes-callback.callbackReport' && parameters.operation === 'page' && !parameters.accessToken) parameters.accessToken = DEMO_REPORT_TOKEN;
	}
	return copy;
}
