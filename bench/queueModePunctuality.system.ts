/**
 * Punctuality and exactly-once on n8n's queue mode: a main instance, two workers and a webhook
 * processor on PostgreSQL and Redis (test/harness/queueModeN8n.ts), 1,000 callbacks due in the
 * same minute (bench/dueTogether.ts). The form posts go to the webhook processor.
 */
import { startQueueModeN8n } from '../test/harness/queueModeN8n';
import { dueTogetherFigures } from './dueTogether';
import type { SystemFigures } from './systemFigures';

const WORKERS = 2;

export async function queueModePunctualityFigures(): Promise<SystemFigures> {
	return await dueTogetherFigures(async () => {
		const queue = await startQueueModeN8n({ workers: WORKERS, webhookProcessors: 1 });
		return {
			label: 'n8n queue mode',
			main: queue.main,
			webhookUrl: (path) => queue.webhookUrl(path),
			processes: () => ({
				main: queue.main.pid,
				...Object.fromEntries(queue.workers.map((worker, index) => [`worker ${index + 1}`, worker.pid])),
				...Object.fromEntries(queue.webhookProcessors.map((processor, index) => [`webhook processor ${index + 1}`, processor.pid])),
			}),
			conditions: { database: 'PostgreSQL and Redis on loopback', executionMode: `queue: main, ${WORKERS} workers (n8n's default concurrency), 1 webhook processor` },
			stop: () => queue.stop(),
		};
	});
}
