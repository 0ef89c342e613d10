import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseCallingWindow } from '../core/schedule/callingWindow';
import { ScheduleSettingsError } from '../core/schedule/errors';
import { canonicalZoneName } from '../core/schedule/ianaZone';
import type { LeadWindowRules } from '../core/schedule/leadWindow';
import type { WeeklyHours } from '../core/schedule/weeklyHours';
import type { OptOutLanguageRule, SmsMessageType } from '../core/sms';
import type { DataTableReference } from '../shared/dataTableByName';
import type { OptOutListKind } from '../shared/openOptOutStore';
import { DEFAULT_OPT_OUT_TABLE_NAME } from '../shared/optOutStore';

export type QuietHoursHandling = 'notSent' | 'wait';

/** Settings that shape the whole run (outputs, the opt-out list), read once. */
export interface SmsRunSettings {
	messageType: SmsMessageType;
	quietHours: QuietHoursHandling;
	optOutList: OptOutListKind;
	/** The Data Table list: by ID, else by name (created on first use). */
	optOutTable: DataTableReference;
	optOutLanguage: OptOutLanguageRule;
	/**
	 * When texts may go out: lead-local hours parsed by the same rule as the calling window, and
	 * what to do when the lead's zone cannot be told, as every calling node takes them.
	 */
	windowRules: LeadWindowRules;
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
		optOutTable: readOptOutTable(context, optOutList),
		optOutLanguage: context.getNodeParameter('optOutLanguage', 0, 'firstMessage') as OptOutLanguageRule,
		windowRules: {
			window: textingWindow,
			unknownLeadTimezone: options.unknownLeadTimezone === 'businessTimezone' ? 'businessTimezone' : 'doNotCall',
			businessTimezone,
		},
	};
}

/** The opt-out Data Table the node names: its ID when one is given, else its name. */
export function readOptOutTable(context: IExecuteFunctions, optOutList: OptOutListKind): DataTableReference {
	if (optOutList !== 'dataTable') return { id: '', name: '' };
	return {
		id: String(context.getNodeParameter('optOutDataTableId', 0, '')).trim(),
		name: String(context.getNodeParameter('optOutDataTableName', 0, DEFAULT_OPT_OUT_TABLE_NAME)).trim(),
	};
}
