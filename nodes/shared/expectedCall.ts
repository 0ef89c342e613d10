import { DateTime } from 'luxon';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { CallbackRequest } from '../core/callbackRequest/CallbackRequest';
import type { ExpectedCall } from '../core/form/expectedCallText';
import { planNextAttempt, type ScheduleSettings } from '../core/schedule';
import { scheduleSettingsOfNode } from '../ScheduleAttempt/readScheduleSettings';

const SCHEDULE_ATTEMPT_TYPE = 'n8n-nodes-callback.scheduleAttempt';

/** A first call due this soon is announced as "within a few minutes", not as a clock time. */
const WITHIN_MINUTES_MS = 10 * 60_000;

export interface ExpectedCallAnswer extends ExpectedCall {
	/** ISO 8601 with the business's offset, for form tools that show it themselves. */
	at: string;
}

/**
 * When the first call of this request will be, as the workflow's own Schedule Attempt will
 * decide it (used by the triggers to tell the lead): the first Schedule Attempt after the trigger, its stored schedule, and the one
 * scheduling rule (planNextAttempt) applied to the request now. Null when the workflow has no
 * such node, or its schedule depends on the item (expressions): the answer then promises no time.
 */
/**
 * The schedule of the workflow's first enabled Schedule Attempt after `nodeName`, as stored;
 * null when there is none or its schedule depends on the item (expressions).
 */
export function workflowSchedule(context: IWebhookFunctions | IHookFunctions): ScheduleSettings | null {
	let schedule;
	try {
		schedule = context
			.getChildNodes(context.getNode().name, { includeNodeParameters: true })
			.find((node) => node.type === SCHEDULE_ATTEMPT_TYPE && !node.disabled);
	} catch {
		return null;
	}
	if (schedule?.parameters === undefined) return null;
	return scheduleSettingsOfNode(schedule.parameters);
}

export function expectedCallFor(context: IWebhookFunctions, callback: CallbackRequest, now: DateTime): ExpectedCallAnswer | null {
	const settings = workflowSchedule(context);
	if (settings === null) return null;
	const plan = planNextAttempt({
		settings,
		now,
		attemptsMade: 0,
		leadTimezone: callback.timezone,
		leadPhone: callback.contact.phone,
		preferredTime: callback.preferredTime,
	});
	if (plan.kind !== 'attempt') return null;
	const withinMinutes = DateTime.fromISO(plan.attemptAt).toMillis() - now.toMillis() <= WITHIN_MINUTES_MS;
	return { at: plan.attemptAt, timeText: plan.attemptAtLeadLocal, withinMinutes };
}
