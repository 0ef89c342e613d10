export { parseScheduleSettings } from './scheduleSettings';
export type { ScheduleSettings, ScheduleSettingsText } from './scheduleSettings';
export { planNextAttempt } from './planNextAttempt';
export type { AttemptPlanResult, NextAttemptRequest } from './planNextAttempt';
export { nextValidInstant } from './nextValidInstant';
export type { SchedulingRules } from './nextValidInstant';
export { leadTimezone } from './leadTimezone';
export type { LeadTimezone, LeadTimezoneSource, UnknownLeadTimezone } from './leadTimezone';
export { ScheduleSettingsError, LeadItemError } from './errors';
