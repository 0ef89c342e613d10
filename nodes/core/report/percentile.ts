/**
 * Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below
 * it, always one of the values themselves (no interpolation). Null when there are no values, so
 * a report never shows NaN.
 */
export function nearestRankPercentile(values: readonly number[], fraction: number): number | null {
	if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`A percentile fraction must be above 0 and at most 1, not ${fraction}`);
	const finite = values.filter((value) => Number.isFinite(value));
	if (finite.length === 0) return null;
	const sorted = [...finite].sort((a, b) => a - b);
	// The small allowance keeps float noise (0.55 × 100 = 55.00000000000001) from skipping a rank.
	const rank = Math.ceil(fraction * sorted.length - 1e-9);
	return sorted[Math.max(rank, 1) - 1];
}

/** The nearest-rank median: for an even count, the lower of the two middle values. */
export function nearestRankMedian(values: readonly number[]): number | null {
	return nearestRankPercentile(values, 0.5);
}

/** `part ÷ whole`, or null when the whole is 0 (a rate of nothing is unknown, not 0). */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}
