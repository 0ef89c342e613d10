/**
 * Key/values kept with a callback (form answers, IVR choices) for Bridge Call whispers and SMS
 * placeholders. Only keys on the allow-list are kept, so a form cannot fill the store with
 * whatever it posts, and they expire after a retention period so old answers are not read out
 * on a later call.
 */
export interface ContextData {
	values: Record<string, string | number | boolean>;
	/** ISO 8601, UTC; null when nothing is kept. */
	expiresAt: string | null;
}

export interface ContextDataSettings {
	allowedKeys: readonly string[];
	/** 1–48. */
	retentionHours: number;
}

export const MIN_RETENTION_HOURS = 1;
export const MAX_RETENTION_HOURS = 48;
export const DEFAULT_RETENTION_HOURS = 24;
/** Long values are cut: they end up in a whisper or an SMS, not in a document. */
export const MAX_CONTEXT_VALUE_LENGTH = 500;

export const EMPTY_CONTEXT: ContextData = { values: {}, expiresAt: null };

export class ContextDataError extends Error {}

/** Reads the allow-list as typed in the node: comma- or line-separated keys. */
export function parseAllowedKeys(text: string): string[] {
	return [...new Set(text.split(/[,\n]/).map((key) => key.trim()).filter((key) => key !== ''))];
}

export function checkRetentionHours(hours: number): number {
	if (!Number.isFinite(hours) || hours < MIN_RETENTION_HOURS || hours > MAX_RETENTION_HOURS) {
		throw new ContextDataError(`Context retention must be between ${MIN_RETENTION_HOURS} and ${MAX_RETENTION_HOURS} hours, not ${hours}.`);
	}
	return hours;
}

function keptValue(value: unknown): string | number | boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string') return value.slice(0, MAX_CONTEXT_VALUE_LENGTH);
	return undefined;
}

/** The context as it stands at `now`: empty once its retention period is over. */
export function liveContext(context: ContextData | null, now: Date): ContextData {
	if (context === null || context.expiresAt === null || Date.parse(context.expiresAt) <= now.getTime()) return EMPTY_CONTEXT;
	return context;
}

/**
 * New values merged over the live ones; keys off the allow-list and values that are not plain
 * text, numbers or booleans are dropped. Writing anything restarts the retention period.
 */
export function mergeContext(existing: ContextData | null, incoming: Record<string, unknown>, settings: ContextDataSettings, now: Date): ContextData {
	const live = liveContext(existing, now);
	const values: ContextData['values'] = { ...live.values };
	let wrote = false;
	for (const key of settings.allowedKeys) {
		if (!Object.prototype.hasOwnProperty.call(incoming, key)) continue;
		const value = keptValue(incoming[key]);
		if (value === undefined) continue;
		values[key] = value;
		wrote = true;
	}
	if (Object.keys(values).length === 0) return EMPTY_CONTEXT;
	if (!wrote) return live;
	const hours = checkRetentionHours(settings.retentionHours);
	return { values, expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString() };
}
