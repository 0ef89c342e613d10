/**
 * How many callback requests the public form accepts. Every accepted request makes the business
 * send a text and place a call, so a flooded form costs the business money (SMS pumping) and
 * harasses whoever owns the typed number (call bombing). Limits cap that damage.
 */
export type RateLimitName = 'ip' | 'prefix' | 'global';

/** At most `max` accepted requests in each fixed window of `windowMs`. */
export interface RateLimit {
	readonly name: RateLimitName;
	readonly max: number;
	readonly windowMs: number;
}

/** A limit setting the user typed cannot be used; the message names the setting and the fix. */
export class RateLimitSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RateLimitSettingsError';
	}
}

export const RATE_LIMIT_NAMES: readonly RateLimitName[] = ['ip', 'prefix', 'global'];

/** How each limit is named in messages, as the settings call it. */
export const RATE_LIMIT_LABELS: Record<RateLimitName, string> = {
	ip: 'Requests per IP address',
	prefix: 'Requests per number prefix',
	global: 'Requests in total',
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Longest window: a longer one keeps a visitor locked out for weeks after one busy day. */
export const MAX_WINDOW_MS = 31 * DAY;
export const MAX_REQUESTS_PER_WINDOW = 1_000_000;

/**
 * Defaults for a small business, typed as the settings show them.
 * - Per IP, 5 per 10 minutes and 20 per day: a real visitor sends one request, maybe again after
 *   a typo; an office or a mobile carrier's shared address has room for a few colleagues, while
 *   one bot is held to 20 texts and calls a day.
 * - Per number prefix, 10 per hour: SMS pumping cycles through consecutive numbers of one
 *   carrier's range ("+1415555" holds 10,000 numbers); real leads of a small business almost
 *   never come ten an hour from one such block.
 * - In total, 60 per hour: more than a small team can call back in an hour, and the most a
 *   botnet with many addresses and ranges can make the business spend in one.
 */
export const DEFAULT_RATE_LIMIT_TEXT: Readonly<Record<RateLimitName, string>> = {
	ip: '5/10m, 20/1d',
	prefix: '10/1h',
	global: '60/1h',
};

const UNITS = new Map<string, number>(Object.entries({
	s: SECOND,
	sec: SECOND,
	second: SECOND,
	m: MINUTE,
	min: MINUTE,
	minute: MINUTE,
	h: HOUR,
	hr: HOUR,
	hour: HOUR,
	d: DAY,
	day: DAY,
}));

const LIMIT_PATTERN = /^(\d+)\s*(?:\/|per\b)\s*(\d+)?\s*([a-z]+)$/i;

/** "mins" → "min"; "ms" stays, so milliseconds are not read as minutes. */
function unitSize(word: string): number | undefined {
	const lower = word.toLowerCase();
	return UNITS.get(lower) ?? (lower.length > 2 && lower.endsWith('s') ? UNITS.get(lower.slice(0, -1)) : undefined);
}

/** "10m", "1d", "90s": the window as the settings write it. */
export function formatWindow(windowMs: number): string {
	for (const [unit, size] of [
		['d', DAY],
		['h', HOUR],
		['m', MINUTE],
		['s', SECOND],
	] as const) {
		if (windowMs % size === 0) return `${windowMs / size}${unit}`;
	}
	return `${windowMs}ms`;
}

function parseOne(name: RateLimitName, part: string): RateLimit {
	const label = RATE_LIMIT_LABELS[name];
	const match = LIMIT_PATTERN.exec(part);
	const unit = match === null ? undefined : unitSize(match[3]);
	if (match === null || unit === undefined) {
		throw new RateLimitSettingsError(
			`${label}: "${part}" is not a limit; write the number of requests, a slash and a time, like 5/10m (5 every 10 minutes), 10/1h or 20/1d`,
		);
	}
	const max = Number(match[1]);
	if (max < 1 || max > MAX_REQUESTS_PER_WINDOW) {
		throw new RateLimitSettingsError(
			`${label}: "${part}" allows ${max} requests; use 1 to ${MAX_REQUESTS_PER_WINDOW}, or leave the setting empty to turn this limit off`,
		);
	}
	const windowMs = Number(match[2] ?? '1') * unit;
	if (windowMs < SECOND || windowMs > MAX_WINDOW_MS) {
		throw new RateLimitSettingsError(`${label}: the time in "${part}" must be from 1s to 31d`);
	}
	return { name, max, windowMs };
}

/**
 * Reads one setting, e.g. "5/10m, 20/1d" (units s, m, h, d; "per hour" works too). Empty or "off"
 * turns the limit off. Longer windows come first.
 */
export function parseRateLimits(name: RateLimitName, text: string | null | undefined): RateLimit[] {
	const trimmed = (text ?? '').trim();
	if (trimmed === '' || /^(off|none)$/i.test(trimmed)) return [];
	const limits: RateLimit[] = [];
	for (const part of trimmed.split(/[,;\n]+/).map((piece) => piece.trim())) {
		if (part === '') continue;
		const limit = parseOne(name, part);
		const same = limits.find((earlier) => earlier.windowMs === limit.windowMs);
		if (same !== undefined) {
			throw new RateLimitSettingsError(
				`${RATE_LIMIT_LABELS[name]}: two limits per ${formatWindow(limit.windowMs)} ("${same.max}/${formatWindow(same.windowMs)}" and "${part}"); keep one`,
			);
		}
		limits.push(limit);
	}
	return limits.sort((a, b) => b.windowMs - a.windowMs);
}

/** All three settings; a setting left out (undefined) takes its default. */
export function parseRateLimitSettings(text: Partial<Record<RateLimitName, string | null>>): RateLimit[] {
	return RATE_LIMIT_NAMES.flatMap((name) => parseRateLimits(name, text[name] === undefined ? DEFAULT_RATE_LIMIT_TEXT[name] : text[name]));
}

/** The default limits: per IP 20/1d and 5/10m, per prefix 10/1h, in total 60/1h. */
export const DEFAULT_RATE_LIMITS: readonly RateLimit[] = parseRateLimitSettings({});
