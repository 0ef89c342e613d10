/**
 * The demo's copy of a template: the same workflow a user imports, with the business open around
 * the clock and the lead's clock told from the phone number, so a person trying the demo at any
 * hour sees a callback happen (with a number where it is daytime, see demoLeadPhones.ts). The
 * lead's legal calling and texting hours are never changed.
 */
import type { WorkflowJson } from '../test/harness';
import { BUSINESS_SETTINGS_NODE, templateNodes } from '../test/harness/templates';
import { DEMO_COUNTRIES } from './demoLeadPhones';

/** The demo business takes callbacks at any hour. */
export const DEMO_OPENING_HOURS = '00:00-24:00';

/** Nodes whose Lead Timezone decides when a lead may be called or texted. */
const LEAD_CLOCK_NODES = /\.(scheduleAttempt|sendSms|bridgeCall|voicemailDrop)$/;

export function demoIntroText(phonesPageUrl: string, lastDigitRule: string): string {
	return `Demo: the phones are simulated. Use a number where it is daytime now (the demo lists some); its last digit decides what happens: ${lastDigitRule}. Watch the texts and calls at ${phonesPageUrl}`;
}

/** Nodes with an Allowed Countries setting; n8n leaves a setting at its default out of the JSON, so it is set on each. */
const COUNTRY_CHECKING_NODES = /\.(callbackRequestTrigger|sendSms|bridgeCall|voicemailDrop|smsReplyTrigger|missedCallTrigger|callbackOfferTrigger)$/;

export function demoTemplate(template: WorkflowJson, introText: string): WorkflowJson {
	const copy = structuredClone(template);
	for (const node of templateNodes(copy)) {
		const parameters = (node.parameters ??= {});
		if (node.name === BUSINESS_SETTINGS_NODE) Object.assign(parameters, { weekdayHours: DEMO_OPENING_HOURS, weekendHours: DEMO_OPENING_HOURS, closedOn: '' });
		if (COUNTRY_CHECKING_NODES.test(node.type)) parameters.allowedCountries = [...DEMO_COUNTRIES];
		if (LEAD_CLOCK_NODES.test(node.type) && parameters.operation === undefined) parameters.leadTimezone = '';
		if (node.type === 'n8n-nodes-callback.callbackRequestTrigger' && parameters.hostedForm !== false) parameters.introText = introText;
	}
	return copy;
}
