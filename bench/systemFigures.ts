/** What a benchmark that runs a real n8n reports: its figures and the conditions they were measured in. */
export interface SystemFigures {
	name: string;
	conditions: Record<string, unknown>;
	figures: Record<string, unknown>;
}

export interface Percentiles {
	count: number;
	p50: number;
	p95: number;
	max: number;
}

/** Nearest-rank percentiles of `values`. */
export function percentiles(values: number[]): Percentiles {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
	return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
