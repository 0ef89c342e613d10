/**
 * Punctuality on one n8n (the demo's set-up: SQLite, regular execution mode): 1,000 callbacks
 * due in the same minute (bench/dueTogether.ts).
 */
import { startN8n } from '../test/harness';
import { dueTogetherFigures } from './dueTogether';
import type { SystemFigures } from './systemFigures';

export async function punctualityFigures(): Promise<SystemFigures> {
	return await dueTogetherFigures(async () => {
		const n8n = await startN8n({ readyTimeoutMs: 180_000, logLevel: 'info' });
		return {
			label: 'one n8n',
			main: n8n,
			webhookUrl: (path) => n8n.api.webhookUrl(path),
			processes: () => ({ n8n: n8n.pid }),
			conditions: { database: 'SQLite (n8n embedded)', executionMode: 'regular (one process)' },
			stop: () => n8n.stop(),
		};
	});
}
