import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseScheduleSettings, ScheduleSettingsError, type ScheduleSettings } from '../core/schedule';
import type { UnknownLeadTimezone } from '../core/schedule/leadTimezone';

interface ScheduleOptions {
	closures?: string;
	dayOverrides?: { day?: Array<{ day: string; hours: string }> };
	giveUpAfterDays?: number;
	callingWindowWeekdays?: string;
	callingWindowWeekends?: string;
}

/** One of Schedule Attempt's own parameters, by name (the same for every item). */
type ScheduleParameter = (name: string, fallback?: unknown) => unknown;

/** The schedule, from Schedule Attempt's parameters however they are read. */
export function scheduleSettingsFrom(parameter: ScheduleParameter): ScheduleSettings {
	const options = (parameter('options', {}) ?? {}) as ScheduleOptions;
	const overrides: Record<string, string> = {};
	for (const { day, hours } of options.dayOverrides?.day ?? []) overrides[day] = hours;
	return parseScheduleSettings({
		businessTimezone: parameter('businessTimezone') as string,
		openingHours: {
			weekdays: parameter('weekdayHours') as string,
			weekends: parameter('weekendHours') as string,
			overrides,
		},
		closures: options.closures ?? '',
		attemptDelays: parameter('attemptDelays') as string,
		maxAttempts: parameter('maxAttempts') as number,
		callingWindow: { weekdays: options.callingWindowWeekdays, weekends: options.callingWindowWeekends },
		unknownLeadTimezone: parameter('unknownLeadTimezone') as UnknownLeadTimezone,
		giveUpAfterDays: options.giveUpAfterDays,
	});
}

/** Reads the node's parameters once per run into checked scheduling settings. */
export function readScheduleSettings(context: IExecuteFunctions): ScheduleSettings {
	try {
		return scheduleSettingsFrom((name, fallback) => context.getNodeParameter(name, 0, fallback));
	} catch (error) {
		const message = error instanceof ScheduleSettingsError ? error.message : `Could not read the schedule: ${(error as Error).message}`;
		throw new NodeOperationError(context.getNode(), message);
	}
}

/** An expression has no value before an item reaches the node. */
function isExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(isExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(isExpression);
	return false;
}

/**
 * The schedule of a Schedule Attempt node as stored in the workflow (another node reading it
 * ahead of time); null when it cannot be known before an item arrives (expressions) or is invalid.
 */
export function scheduleSettingsOfNode(parameters: INodeParameters): ScheduleSettings | null {
	const names = ['businessTimezone', 'weekdayHours', 'weekendHours', 'attemptDelays', 'maxAttempts', 'unknownLeadTimezone', 'options'];
	if (names.some((name) => isExpression(parameters[name]))) return null;
	try {
		return scheduleSettingsFrom((name, fallback) => parameters[name] ?? fallback);
	} catch {
		return null;
	}
}
