export {
	clientAddress,
	formatIpv6,
	ipv6Groups,
	normalizeIp,
	parseTrustedProxies,
	TrustedProxiesError,
	type ClientConnection,
	type TrustedProxies,
} from './clientAddress';
export { MAX_COUNTER_TRIES, takeSlot, windowStartOf, type CounterRow, type CounterStore, type SlotDecision, type TakeSlotOptions } from './rateLimit';
export {
	allBucketKeys,
	counterBucket,
	DEFAULT_COUNTER_BUCKETS,
	ipCounterSubject,
	MAX_COUNTER_BUCKETS,
	phonePrefix,
	PREFIX_DIGITS,
	rateLimitKeys,
	type RateLimitCounter,
	type RateLimitSubject,
} from './rateLimitKeys';
export {
	DEFAULT_RATE_LIMIT_TEXT,
	DEFAULT_RATE_LIMITS,
	formatWindow,
	MAX_REQUESTS_PER_WINDOW,
	MAX_WINDOW_MS,
	parseRateLimits,
	parseRateLimitSettings,
	RATE_LIMIT_LABELS,
	RATE_LIMIT_NAMES,
	RateLimitSettingsError,
	type RateLimit,
	type RateLimitName,
} from './rateLimitLimits';
