import type { IExecuteFunctions } from 'n8n-workflow';
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

/** Reads the node's parameters once per run into checked scheduling settings. */
export function readScheduleSettings(context: IExecuteFunctions): ScheduleSettings {
	const options = context.getNodeParameter('options', 0, {}) as ScheduleOptions;
	const overrides: Record<string, string> = {};
	for (const { day, hours } of options.dayOverrides?.day ?? []) overrides[day] = hours;
	try {
		return parseScheduleSettings({
			businessTimezone: context.getNodeParameter('businessTimezone', 0) as string,
			openingHours: {
				weekdays: context.getNodeParameter('weekdayHours', 0) as string,
				weekends: context.getNodeParameter('weekendHours', 0) as string,
				overrides,
			},
			closures: options.closures ?? '',
			attemptDelays: context.getNodeParameter('attemptDelays', 0) as string,
			maxAttempts: context.getNodeParameter('maxAttempts', 0) as number,
			callingWindow: { weekdays: options.callingWindowWeekdays, weekends: options.callingWindowWeekends },
			unknownLeadTimezone: context.getNodeParameter('unknownLeadTimezone', 0) as UnknownLeadTimezone,
			giveUpAfterDays: options.giveUpAfterDays,
		});
	} catch (error) {
		const message = error instanceof ScheduleSettingsError ? error.message : `Could not read the schedule: ${(error as Error).message}`;
		throw new NodeOperationError(context.getNode(), message);
	}
}
