/**
 * A schedule setting the user typed cannot be used. The message names the setting and says
 * what to change, so the node can show it to the user as it is.
 */
export class ScheduleSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ScheduleSettingsError';
	}
}

/**
 * A value on the incoming lead item (attempt count, preferred time) cannot be read. Separate
 * from settings errors because the node may want to route such an item aside instead of
 * failing the whole run.
 */
export class LeadItemError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LeadItemError';
	}
}
