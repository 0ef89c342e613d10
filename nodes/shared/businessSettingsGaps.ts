import type { IWebhookFunctions } from 'n8n-workflow';

import { BUSINESS_SETTINGS_PROPERTIES } from '../CallbackBusinessSettings/businessSettings.properties';

/** The name the templates give their Callback Business Settings node, which every node reads. */
export const BUSINESS_SETTINGS_NODE_NAME = 'Business Settings';

const REQUIRED = BUSINESS_SETTINGS_PROPERTIES.filter((property) => property.required === true);

/**
 * The required settings the workflow's Business Settings node still lacks, by their names in the
 * editor ("Twilio Number"); empty when they are all filled in or the workflow has no such node.
 * A workflow that reads an empty Twilio number cannot text or call anyone, so its trigger
 * refuses leads instead of accepting them into executions that would fail.
 */
export function missingBusinessSettings(context: IWebhookFunctions): string[] {
	let settings: unknown;
	try {
		settings = context.evaluateExpression(`{{ $('${BUSINESS_SETTINGS_NODE_NAME}').params }}`, 0);
	} catch {
		return [];
	}
	if (settings === null || typeof settings !== 'object') return [];
	const values = settings as Record<string, unknown>;
	return REQUIRED.filter((property) => String(values[property.name] ?? '').trim() === '').map((property) => property.displayName);
}
