import { formatIpv6, ipv6Groups, normalizeIp } from './clientAddress';
import { DEFAULT_RATE_LIMITS, formatWindow, RATE_LIMIT_NAMES, type RateLimit } from './rateLimitLimits';

/** One counter a request needs room in: a limit and the row key that counts it. */
export interface RateLimitCounter extends RateLimit {
	readonly key: string;
}

/** How many leading digits of the number (country code included) make its prefix. */
export const PREFIX_DIGITS = { min: 6, max: 8, default: 7 } as const;

export interface RateLimitSubject {
	/** The visitor's address from clientAddress; null when unknown (all unknown share one counter). */
	readonly ip: string | null;
	/** The number to be texted and called; null when it did not parse (nothing is sent to it). */
	readonly phoneE164: string | null;
	/** Which form the counters belong to (workflow and node id), so two forms never share them. */
	readonly scope: string;
	readonly limits?: readonly RateLimit[];
	readonly prefixDigits?: number;
	/**
	 * Count per IP and per prefix in this many shared rows (see counterBucket) instead of one row
	 * per address or prefix. Undefined: one row each.
	 */
	readonly buckets?: number;
}

/** Rows per limit and window when counters are kept in a fixed set of rows. */
export const DEFAULT_COUNTER_BUCKETS = 256;
export const MAX_COUNTER_BUCKETS = 4096;

/** 32-bit FNV-1a: a stable, evenly spread hash of a short text. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

function checkBuckets(buckets: number): void {
	if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_COUNTER_BUCKETS) {
		throw new RangeError(`The number of counter rows per limit must be 1 to ${MAX_COUNTER_BUCKETS}, not ${buckets}`);
	}
}

/**
 * The row that counts `who` when counters live in `buckets` rows made in advance: "#0" to
 * "#<buckets-1>". Rows made in advance are only ever changed by compare-and-set, never inserted
 * while requests race (two inserts cannot be ordered safely over n8n's API). Two addresses or
 * prefixes that share a row share its limit: that refuses early, never admits more.
 */
export function counterBucket(who: string, buckets: number): string {
	checkBuckets(buckets);
	return `#${fnv1a(who) % buckets}`;
}

function counterKey(limit: RateLimit, who: string, scope: string): string {
	return `${limit.name}|${formatWindow(limit.windowMs)}|${who}|${scope}`;
}

/** Every row key `rateLimitKeys` can give for these limits when counting in `buckets` rows. */
export function allBucketKeys(scope: string, buckets: number, limits: readonly RateLimit[] = DEFAULT_RATE_LIMITS): string[] {
	checkBuckets(buckets);
	const keys = new Set<string>();
	for (const limit of limits) {
		checkedLimit(limit);
		if (limit.name === 'global') keys.add(counterKey(limit, '*', scope));
		else for (let bucket = 0; bucket < buckets; bucket++) keys.add(counterKey(limit, `#${bucket}`, scope));
	}
	return [...keys];
}

/**
 * Whom the per-IP limit counts. An IPv6 visitor usually holds a whole /64 and can change the rest
 * at will, so IPv6 addresses count per /64.
 */
export function ipCounterSubject(ip: string | null): string {
	const address = normalizeIp(ip);
	if (address === null) return 'unknown';
	if (!address.includes(':')) return address;
	return `${formatIpv6([...ipv6Groups(address).slice(0, 4), 0, 0, 0, 0])}/64`;
}

function checkPrefixDigits(digits: number): void {
	if (!Number.isInteger(digits) || digits < PREFIX_DIGITS.min || digits > PREFIX_DIGITS.max) {
		throw new RangeError(`The number prefix length must be ${PREFIX_DIGITS.min} to ${PREFIX_DIGITS.max} digits, not ${digits}`);
	}
}

/** "+14155552671" with 7 digits → "+1415555": the carrier's number block, country code included. */
export function phonePrefix(phoneE164: string, digits: number = PREFIX_DIGITS.default): string {
	checkPrefixDigits(digits);
	if (!/^\+\d{1,15}$/.test(phoneE164)) throw new TypeError(`"${phoneE164}" is not an E.164 number like +14155552671`);
	return phoneE164.slice(0, digits + 1);
}

function checkedLimit(limit: RateLimit): RateLimit {
	if (!RATE_LIMIT_NAMES.includes(limit.name) || !Number.isSafeInteger(limit.max) || limit.max < 1 || !Number.isSafeInteger(limit.windowMs) || limit.windowMs < 1) {
		throw new RangeError(`Not a usable rate limit: ${JSON.stringify(limit)}`);
	}
	return limit;
}

/**
 * One counter per limit and window. Keys read "ip|10m|203.0.113.7|<scope>": the scope comes last,
 * so any text in it cannot make two keys alike. Most specific limits come first (per IP, per
 * prefix, in total), and longer windows before shorter: a flood from one address is refused on its
 * own counter without holding slots of the shared ones, and a full day is reported before a full
 * ten minutes. Two limits on the same counter keep the stricter.
 */
export function rateLimitKeys(subject: RateLimitSubject): RateLimitCounter[] {
	if (subject.scope === '') throw new RangeError('A rate limit scope is needed, so that two forms do not share counters');
	const digits = subject.prefixDigits ?? PREFIX_DIGITS.default;
	checkPrefixDigits(digits);
	if (subject.buckets !== undefined) checkBuckets(subject.buckets);
	const prefix = subject.phoneE164 === null ? null : phonePrefix(subject.phoneE164, digits);
	const counters = new Map<string, RateLimitCounter>();
	for (const limit of subject.limits ?? DEFAULT_RATE_LIMITS) {
		checkedLimit(limit);
		const exact = limit.name === 'ip' ? ipCounterSubject(subject.ip) : limit.name === 'prefix' ? prefix : '*';
		if (exact === null) continue;
		const who = subject.buckets === undefined || limit.name === 'global' ? exact : counterBucket(exact, subject.buckets);
		const key = counterKey(limit, who, subject.scope);
		const earlier = counters.get(key);
		if (earlier === undefined || limit.max < earlier.max) counters.set(key, { name: limit.name, max: limit.max, windowMs: limit.windowMs, key });
	}
	return [...counters.values()].sort((a, b) => RATE_LIMIT_NAMES.indexOf(a.name) - RATE_LIMIT_NAMES.indexOf(b.name) || b.windowMs - a.windowMs);
}
