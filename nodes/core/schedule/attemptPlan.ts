import { LeadItemError, ScheduleSettingsError } from './errors';

/** How often and how soon a lead is called again. */
export interface AttemptPlan {
	/** Minutes to wait before attempt 1, 2, …; the last one repeats for later attempts. */
	readonly delaysMinutes: readonly number[];
	readonly maxAttempts: number;
}

export const MAX_DELAY_MINUTES = 24 * 60;
export const MAX_ATTEMPTS_LIMIT = 100;

export interface AttemptPlanText {
	/** "0, 2, 30" or [0, 2, 30]. */
	readonly delays: string | readonly number[];
	/** Defaults to the number of delays. */
	readonly maxAttempts?: number | string | null;
}

export function parseAttemptPlan(text: AttemptPlanText): AttemptPlan {
	const parts =
		typeof text.delays === 'string'
			? text.delays.split(/[,;\s]+/).filter((part) => part !== '')
			: text.delays.map((delay) => String(delay));
	if (parts.length === 0) {
		throw new ScheduleSettingsError(
			'Attempt delays are empty: enter the minutes to wait before each attempt, e.g. "0, 2, 30"',
		);
	}
	const delaysMinutes = parts.map((part, index) => {
		if (!/^\d+$/.test(part) || Number(part) > MAX_DELAY_MINUTES) {
			throw new ScheduleSettingsError(
				`Attempt delays: "${part}" (attempt ${index + 1}) is not a whole number of minutes from 0 to ${MAX_DELAY_MINUTES}`,
			);
		}
		return Number(part);
	});

	let maxAttempts = delaysMinutes.length;
	const rawMax = text.maxAttempts;
	if (rawMax !== undefined && rawMax !== null && String(rawMax).trim() !== '') {
		const value = String(rawMax).trim();
		if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_ATTEMPTS_LIMIT) {
			throw new ScheduleSettingsError(
				`Maximum attempts: "${value}" is not a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}`,
			);
		}
		maxAttempts = Number(value);
	}
	return { delaysMinutes, maxAttempts };
}

/** Minutes to wait before the given 1-based attempt; past the list the last delay repeats. */
export function delayBeforeAttempt(plan: AttemptPlan, attempt: number): number {
	const delays = plan.delaysMinutes;
	return delays[Math.min(attempt, delays.length) - 1];
}

/**
 * Reads `callback.attempt` from the item: the number of the attempt just made, so 0 or
 * absent means no attempt yet. Numeric text is accepted because form and CRM data often
 * carries numbers as strings.
 */
export function attemptsMadeFromItem(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	const text = String(value).trim();
	if ((typeof value === 'number' || typeof value === 'string') && /^\d+$/.test(text)) return Number(text);
	throw new LeadItemError(
		`callback.attempt must be a whole number of attempts made (0 or more), got ${JSON.stringify(value)}`,
	);
}
