import { AttemptPlan, parseAttemptPlan } from './attemptPlan';
import { CallingWindowText, parseCallingWindow } from './callingWindow';
import { Closures, parseClosures } from './closures';
import { ScheduleSettingsError } from './errors';
import { canonicalZoneName } from './ianaZone';
import { UnknownLeadTimezone } from './leadTimezone';
import { OpeningHoursText, parseOpeningHours } from './openingHours';
import { WeeklyHours } from './weeklyHours';

export const DEFAULT_GIVE_UP_AFTER_DAYS = 14;
export const MAX_GIVE_UP_AFTER_DAYS = 366;

/** The node's scheduling settings as the user enters them. */
export interface ScheduleSettingsText {
	/** IANA zone of the business, e.g. "America/New_York". */
	readonly businessTimezone: string;
	readonly openingHours: OpeningHoursText;
	readonly closures?: string | readonly string[] | null;
	/** Minutes to wait before each attempt: "0, 2, 30". */
	readonly attemptDelays: string | readonly number[];
	/** Defaults to the number of delays. */
	readonly maxAttempts?: number | string | null;
	/** Narrower than 08:00-21:00 lead-local time if wanted. */
	readonly callingWindow?: CallingWindowText;
	/** When the lead's timezone cannot be told; "doNotCall" when left out. */
	readonly unknownLeadTimezone?: UnknownLeadTimezone;
	/** Stop looking for a time after this many days; 14 when left out. */
	readonly giveUpAfterDays?: number | string | null;
}

/** Checked settings, ready for `planNextAttempt`; parse once per run, use for every item. */
export interface ScheduleSettings {
	readonly businessZone: string;
	readonly openingHours: WeeklyHours;
	readonly closures: Closures;
	readonly attemptPlan: AttemptPlan;
	readonly callingWindow: WeeklyHours;
	readonly unknownLeadTimezone: UnknownLeadTimezone;
	readonly giveUpAfterDays: number;
}

export function parseScheduleSettings(text: ScheduleSettingsText): ScheduleSettings {
	const businessZone = canonicalZoneName(text.businessTimezone);
	if (!businessZone) {
		throw new ScheduleSettingsError(
			`Business timezone "${text.businessTimezone ?? ''}" is not an IANA timezone; use a name like "America/New_York" or "Europe/London"`,
		);
	}
	const unknownLeadTimezone = text.unknownLeadTimezone ?? 'doNotCall';
	if (unknownLeadTimezone !== 'doNotCall' && unknownLeadTimezone !== 'businessTimezone') {
		throw new ScheduleSettingsError(
			`When the lead's timezone is unknown: "${String(unknownLeadTimezone)}" is not an option; use "doNotCall" or "businessTimezone"`,
		);
	}
	return {
		businessZone,
		openingHours: parseOpeningHours(text.openingHours),
		closures: parseClosures(text.closures),
		attemptPlan: parseAttemptPlan({ delays: text.attemptDelays, maxAttempts: text.maxAttempts }),
		callingWindow: parseCallingWindow(text.callingWindow),
		unknownLeadTimezone,
		giveUpAfterDays: parseGiveUpAfterDays(text.giveUpAfterDays),
	};
}

function parseGiveUpAfterDays(value: number | string | null | undefined): number {
	if (value === undefined || value === null || String(value).trim() === '') return DEFAULT_GIVE_UP_AFTER_DAYS;
	const text = String(value).trim();
	if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_GIVE_UP_AFTER_DAYS) {
		throw new ScheduleSettingsError(
			`Give up after: "${text}" is not a whole number of days from 1 to ${MAX_GIVE_UP_AFTER_DAYS}`,
		);
	}
	return Number(text);
}
