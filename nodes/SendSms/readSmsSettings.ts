import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseCallingWindow } from '../core/schedule/callingWindow';
import { ScheduleSettingsError } from '../core/schedule/errors';
import { canonicalZoneName } from '../core/schedule/ianaZone';
import type { WeeklyHours } from '../core/schedule/weeklyHours';
import type { OptOutLanguageRule, SmsMessageType } from '../core/sms';
import type { OptOutListKind } from '../shared/openOptOutStore';

export type QuietHoursHandling = 'notSent' | 'wait';

/** Settings that shape the whole run (outputs, the opt-out list), read once. */
export interface SmsRunSettings {
	messageType: SmsMessageType;
	quietHours: QuietHoursHandling;
	optOutList: OptOutListKind;
	optOutDataTableId: string;
	optOutLanguage: OptOutLanguageRule;
	/** Lead-local hours texts may go out, parsed by the same rule as the calling window. */
	textingWindow: WeeklyHours;
	unknownLeadTimezone: 'doNotText' | 'businessTimezone';
	businessTimezone: string;
}

interface DeliveryOptions {
	businessTimezone?: string;
	textingWindowWeekdays?: string;
	textingWindowWeekends?: string;
	unknownLeadTimezone?: 'doNotText' | 'businessTimezone';
}

export function readSmsRunSettings(context: IExecuteFunctions): SmsRunSettings {
	const options = context.getNodeParameter('options', 0, {}) as DeliveryOptions;
	const fail = (message: string): never => {
		throw new NodeOperationError(context.getNode(), message);
	};
	let textingWindow: WeeklyHours;
	try {
		textingWindow = parseCallingWindow({ weekdays: options.textingWindowWeekdays, weekends: options.textingWindowWeekends });
	} catch (error) {
		// The window follows the calling-window rule; say which setting it is here.
		const message = error instanceof ScheduleSettingsError ? error.message.replace("The lead's calling window", 'The texting window') : String(error);
		return fail(message);
	}
	const businessTimezoneText = options.businessTimezone ?? 'America/New_York';
	const businessTimezone = canonicalZoneName(businessTimezoneText);
	if (businessTimezone === null) {
		return fail(`Business Timezone "${businessTimezoneText}" is not an IANA timezone; use a name like "America/New_York" or "Europe/London"`);
	}
	const optOutList = context.getNodeParameter('optOutList', 0, 'workflow') as OptOutListKind;
	return {
		messageType: context.getNodeParameter('messageType', 0, 'confirmation') as SmsMessageType,
		quietHours: context.getNodeParameter('quietHours', 0, 'notSent') as QuietHoursHandling,
		optOutList,
		optOutDataTableId: optOutList === 'dataTable' ? String(context.getNodeParameter('optOutDataTableId', 0, '')).trim() : '',
		optOutLanguage: context.getNodeParameter('optOutLanguage', 0, 'firstMessage') as OptOutLanguageRule,
		textingWindow,
		unknownLeadTimezone: options.unknownLeadTimezone ?? 'doNotText',
		businessTimezone,
	};
}
