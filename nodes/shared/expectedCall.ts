import { DateTime } from 'luxon';
import type { IHookFunctions, INodeParameters, IWebhookFunctions } from 'n8n-workflow';

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

/** Expressions that read the item cannot be known before a lead's request has become an item. */
const READS_THE_ITEM = /\$(json|input|item|binary)\b/;

/**
 * The stored parameters of the workflow's first enabled Schedule Attempt after this trigger;
 * null when there is none.
 */
export function workflowScheduleNode(context: IWebhookFunctions | IHookFunctions): INodeParameters | null {
	try {
		const schedule = context
			.getChildNodes(context.getNode().name, { includeNodeParameters: true })
			.find((node) => node.type === SCHEDULE_ATTEMPT_TYPE && !node.disabled);
		return schedule?.parameters ?? null;
	} catch {
		return null;
	}
}

/**
 * A node's parameters with the expressions that need no item resolved, such as the templates'
 * {{ $('Business Settings').params.weekdayHours }}. Only a webhook can evaluate them; elsewhere,
 * and for expressions that read the item, the parameters stay as stored.
 */
function resolveStoredExpressions(context: IWebhookFunctions | IHookFunctions, parameters: INodeParameters): INodeParameters {
	if (!('evaluateExpression' in context)) return parameters;
	const resolve = (value: unknown): unknown => {
		if (typeof value === 'string' && value.startsWith('=') && !READS_THE_ITEM.test(value)) {
			try {
				return context.evaluateExpression(value.slice(1), 0);
			} catch {
				return value;
			}
		}
		if (Array.isArray(value)) return value.map(resolve);
		if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
		return value;
	};
	return resolve(parameters) as INodeParameters;
}

/**
 * The schedule of the workflow's first enabled Schedule Attempt after this trigger, with the
 * expressions that need no item resolved; null when there is none or its schedule depends on
 * the item.
 */
export function workflowSchedule(context: IWebhookFunctions | IHookFunctions): ScheduleSettings | null {
	const parameters = resolvedScheduleNode(context);
	return parameters === null ? null : scheduleSettingsOfNode(parameters);
}

/** That Schedule Attempt's stored parameters with the expressions that need no item resolved; null when there is none. */
function resolvedScheduleNode(context: IWebhookFunctions | IHookFunctions): INodeParameters | null {
	const parameters = workflowScheduleNode(context);
	return parameters === null ? null : resolveStoredExpressions(context, parameters);
}

/**
 * The lead's timezone as that Schedule Attempt will take it: the zone the request carries while
 * its Lead Timezone reads the item (its default), the zone written there, or none when it is
 * empty (the zone is then told from the lead's number, as the node does).
 */
function scheduledLeadTimezone(resolvedParameters: INodeParameters, callback: CallbackRequest): string | null {
	const stored = resolvedParameters.leadTimezone;
	if (stored === undefined) return callback.timezone;
	if (typeof stored !== 'string') return null;
	if (stored.startsWith('=')) return READS_THE_ITEM.test(stored) ? callback.timezone : null;
	return stored.trim() === '' ? null : stored.trim();
}

/**
 * When the first call of this request will be, as the workflow's own Schedule Attempt will
 * decide it (used by the triggers to tell the lead): the first Schedule Attempt after the trigger, its stored schedule, and the one
 * scheduling rule (planNextAttempt) applied to the request now. Null when the workflow has no
 * such node, or its schedule depends on the item (expressions): the answer then promises no time.
 */
export function expectedCallFor(context: IWebhookFunctions, callback: CallbackRequest, now: DateTime): ExpectedCallAnswer | null {
	const resolved = resolvedScheduleNode(context);
	if (resolved === null) return null;
	const settings = scheduleSettingsOfNode(resolved);
	if (settings === null) return null;
	const plan = planNextAttempt({
		settings,
		now,
		attemptsMade: 0,
		leadTimezone: scheduledLeadTimezone(resolved, callback),
		leadPhone: callback.contact.phone,
		preferredTime: callback.preferredTime,
	});
	if (plan.kind !== 'attempt') return null;
	const withinMinutes = DateTime.fromISO(plan.attemptAt).toMillis() - now.toMillis() <= WITHIN_MINUTES_MS;
	return { at: plan.attemptAt, timeText: plan.attemptAtLeadLocal, withinMinutes };
}
