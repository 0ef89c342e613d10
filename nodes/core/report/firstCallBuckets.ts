/**
 * The ranges the time-to-first-call distribution counts callbacks in: short waits finely, long
 * ones coarsely, because "within a minute" and "within five" matter to a lead and "nine hours"
 * versus "ten" does not.
 */
export interface FirstCallBucket {
	/** Stable key for data output. */
	readonly key: string;
	/** How a person reads the range. */
	readonly label: string;
	/** Short label for a chart axis. */
	readonly shortLabel: string;
	/** Lower bound in seconds, included. */
	readonly fromSeconds: number;
	/** Upper bound in seconds, excluded; null for the last, open range. */
	readonly toSeconds: number | null;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const FIRST_CALL_BUCKETS: readonly FirstCallBucket[] = [
	{ key: 'under1m', label: 'Under 1 minute', shortLabel: '< 1 min', fromSeconds: 0, toSeconds: MINUTE },
	{ key: '1to5m', label: '1 to 5 minutes', shortLabel: '1–5 min', fromSeconds: MINUTE, toSeconds: 5 * MINUTE },
	{ key: '5to15m', label: '5 to 15 minutes', shortLabel: '5–15 min', fromSeconds: 5 * MINUTE, toSeconds: 15 * MINUTE },
	{ key: '15to60m', label: '15 to 60 minutes', shortLabel: '15–60 min', fromSeconds: 15 * MINUTE, toSeconds: HOUR },
	{ key: '1to4h', label: '1 to 4 hours', shortLabel: '1–4 h', fromSeconds: HOUR, toSeconds: 4 * HOUR },
	{ key: '4to24h', label: '4 to 24 hours', shortLabel: '4–24 h', fromSeconds: 4 * HOUR, toSeconds: DAY },
	{ key: 'over1d', label: 'Over 1 day', shortLabel: '> 1 day', fromSeconds: DAY, toSeconds: null },
];

/** Index of the bucket a wait falls in (negative waits count as none: the first bucket). */
export function firstCallBucketIndex(seconds: number): number {
	const index = FIRST_CALL_BUCKETS.findIndex((bucket) => bucket.toSeconds === null || seconds < bucket.toSeconds);
	return index === -1 ? FIRST_CALL_BUCKETS.length - 1 : index;
}
