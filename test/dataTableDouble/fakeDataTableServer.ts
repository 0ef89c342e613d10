import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { FakeDataTableApi } from './fakeDataTableApi';

/**
 * FakeDataTableApi behind a real HTTP server at `<baseUrl>/api/v1`, checking the API key as n8n
 * does, so a node can reach it through n8n's own HTTP client and credential handling.
 */
export class FakeDataTableServer {
	readonly api = new FakeDataTableApi();
	readonly keysSeen: string[] = [];

	private constructor(
		private readonly server: Server,
		readonly apiKey: string,
	) {}

	static async start(apiKey = 'n8n-api-key-for-tests'): Promise<FakeDataTableServer> {
		let fake: FakeDataTableServer | undefined;
		const server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				void (async () => {
					const url = new URL(request.url ?? '/', 'http://localhost');
					const key = String(request.headers['x-n8n-api-key'] ?? '');
					fake!.keysSeen.push(key);
					const reply = (status: number, body: unknown) => {
						response.writeHead(status, { 'Content-Type': 'application/json' });
						response.end(JSON.stringify(body));
					};
					if (!url.pathname.startsWith('/api/v1/')) return reply(404, { message: 'not found' });
					if (key !== fake!.apiKey) return reply(401, { message: 'unauthorized' });
					const text = Buffer.concat(chunks).toString('utf8');
					const answer = await fake!.api.call(request.method as IHttpRequestMethods, url.pathname.slice('/api/v1'.length), {
						qs: Object.fromEntries(url.searchParams) as IDataObject,
						body: text === '' ? undefined : (JSON.parse(text) as IDataObject),
					});
					reply(answer.status, answer.body);
				})();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		fake = new FakeDataTableServer(server, apiKey);
		return fake;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
