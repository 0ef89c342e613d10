import type { IWebhookFunctions } from 'n8n-workflow';

import { readFormTiming, issuePageToken, type FormTimingSettings } from './formTiming';
import { readHumanCheckSettings, type HumanCheckSettings } from './humanCheck';
import { readConfirmationSettings, type ConfirmationSettings } from './numberConfirmation';
import type { FormPageOptions } from './pages';
import { readRateLimitSettings, type RateLimitSettings } from './rateLimits';
import { readTriggerSettings, type TriggerSettings } from './readTriggerSettings';
import { readTimeSlotSettings, type TimeSlotSettings } from './timeSlots';

/** Everything the trigger's webhooks read from its parameters, each part null when it is off. */
export type WebhookSettings = TriggerSettings & {
	humanCheck: HumanCheckSettings | null;
	formTiming: FormTimingSettings | null;
	rateLimits: RateLimitSettings | null;
	confirmation: ConfirmationSettings | null;
	timeSlots: TimeSlotSettings | null;
};

/**
 * The trigger's settings, read for each request; a setting that cannot be used fails with what to
 * fix. The human check reads its credential, so this waits for it.
 */
export async function readWebhookSettings(context: IWebhookFunctions): Promise<WebhookSettings> {
	const triggerSettings = readTriggerSettings(context);
	const humanCheck = await readHumanCheckSettings(context);
	const formTiming = readFormTiming(context, triggerSettings.form.enabled);
	const timeSlots = readTimeSlotSettings(context);
	const rateLimits = readRateLimitSettings(context);
	const confirmation = readConfirmationSettings(context, rateLimits, triggerSettings.form.businessName);
	return { ...triggerSettings, humanCheck, formTiming, rateLimits, confirmation, timeSlots };
}

/** The free slots a form page offers. */
export type SlotPicker = NonNullable<FormPageOptions['slotPicker']>;

/** The token for a form page sent now: a fresh one, or the one the person's page already passed with. */
export function pageToken(settings: WebhookSettings, passed?: string): string | undefined {
	if (!settings.formTiming) return undefined;
	return passed ?? issuePageToken(settings.formTiming);
}
