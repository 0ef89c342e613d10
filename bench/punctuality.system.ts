/**
 * Punctuality on one n8n (the demo's set-up: SQLite, regular execution mode): 1,000 callbacks
 * due in the same minute (bench/dueTogether.ts).
 *
 * n8n runs with N8N_CONCURRENCY_PRODUCTION_LIMIT: without a cap n8n starts every due execution
 * at once and grew past 23 GB on this machine. With it, n8n 2.41.1 replays executions whose resume
 * waits in its queue for over a minute (bench/concurrencyCap.system.ts), which the figures show as
 * teams rung again after their lead was reached; the README advises against the cap for that. The
 * cap is BENCH_ONE_N8N_CONCURRENCY (default 20; -1 runs n8n without a cap).
 */
import { startN8n } from '../test/harness';
import { dueTogetherFigures } from './dueTogether';
import type { SystemFigures } from './systemFigures';

const CONCURRENCY_LIMIT = Number(process.env.BENCH_ONE_N8N_CONCURRENCY ?? 20);

export async function punctualityFigures(): Promise<SystemFigures> {
	return await dueTogetherFigures(async () => {
		const n8n = await startN8n({
			readyTimeoutMs: 180_000,
			logLevel: 'info',
			env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(CONCURRENCY_LIMIT) },
		});
		return {
			label: 'one n8n',
			main: n8n,
			webhookUrl: (path) => n8n.api.webhookUrl(path),
			processes: () => ({ n8n: n8n.pid }),
			conditions: {
				database: 'SQLite (n8n embedded)',
				executionMode: 'regular (one process)',
				N8N_CONCURRENCY_PRODUCTION_LIMIT: CONCURRENCY_LIMIT === -1 ? 'none' : CONCURRENCY_LIMIT,
			},
			stop: () => n8n.stop(),
		};
	});
}
