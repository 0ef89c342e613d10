/**
 * n8n in queue mode, as a business runs it when one n8n is not enough: a main instance (editor,
 * REST API, schedules, waits that end by time), webhook processors that take every production
 * webhook (forms, Twilio's requests, resumed waits), and workers that run the executions, all
 * sharing one PostgreSQL database, one Redis queue and one encryption key. Each process has its
 * own user folder with this package installed, as each would on its own machine.
 */
import { randomBytes } from 'node:crypto';

import { freePort } from './freePort';
import { startN8n, type N8nHandle } from './n8nProcess';
import { startQueueServices, type QueueServices } from './queueServices';

export interface QueueModeN8n {
	main: N8nHandle;
	workers: N8nHandle[];
	webhookProcessors: N8nHandle[];
	services: QueueServices;
	/** The public address of the production webhooks: the (first) webhook processor. */
	webhookBaseUrl: string;
	webhookUrl(path: string): string;
	stop(): Promise<void>;
}

export interface QueueModeOptions {
	workers?: number;
	webhookProcessors?: number;
	/** Executions each worker runs at once (n8n's default is 10). */
	workerConcurrency?: number;
	n8nVersion?: string;
	env?: Record<string, string>;
	/** The main instance's port (the editor); default: a free one. */
	mainPort?: number;
}

export async function startQueueModeN8n(options: QueueModeOptions = {}): Promise<QueueModeN8n> {
	const services = await startQueueServices();
	const encryptionKey = randomBytes(24).toString('hex');
	const webhookPorts = await Promise.all(Array.from({ length: options.webhookProcessors ?? 1 }, () => freePort()));
	const webhookBaseUrl = `http://localhost:${webhookPorts[0]}`;
	const shared = {
		...services.n8nEnvironment,
		// Twilio's requests and resumed waits reach n8n through the webhook processors.
		WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		...(options.env ?? {}),
	};
	const started: N8nHandle[] = [];
	try {
		const main = await startN8n({ n8nVersion: options.n8nVersion, encryptionKey, port: options.mainPort, env: shared, logLevel: 'debug' });
		started.push(main);
		main.api.webhookBaseUrl = webhookBaseUrl;
		const workers: N8nHandle[] = [];
		for (let index = 0; index < (options.workers ?? 2); index++) {
			const worker = await startN8n({
				n8nVersion: options.n8nVersion,
				encryptionKey,
				command: 'worker',
				env: { ...shared, N8N_CONCURRENCY_PRODUCTION_LIMIT: String(options.workerConcurrency ?? 10) },
				logLevel: 'debug',
			});
			started.push(worker);
			workers.push(worker);
		}
		const webhookProcessors: N8nHandle[] = [];
		for (const port of webhookPorts) {
			const processor = await startN8n({ n8nVersion: options.n8nVersion, encryptionKey, command: 'webhook', port, env: shared, logLevel: 'debug' });
			started.push(processor);
			webhookProcessors.push(processor);
		}
		return {
			main,
			workers,
			webhookProcessors,
			services,
			webhookBaseUrl,
			webhookUrl: (path: string) => main.api.webhookUrl(path),
			async stop() {
				for (const process of [...webhookProcessors, ...workers, main]) await process.stop();
				await services.stop();
			},
		};
	} catch (error) {
		for (const process of started.reverse()) await process.stop().catch(() => undefined);
		await services.stop().catch(() => undefined);
		throw error;
	}
}
