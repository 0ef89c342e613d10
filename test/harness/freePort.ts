import net from 'node:net';

/**
 * A TCP port that is free on the loopback interface right now: the OS picks it for a throwaway
 * listener, which is closed again before returning. Another process could grab it in between,
 * which is acceptable for tests that start the server straight afterwards.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen({ host, port: 0, exclusive: true }, () => {
			const address = server.address();
			if (address === null || typeof address === 'string') {
				server.close();
				reject(new Error(`could not read the port of a throwaway listener on ${host}`));
				return;
			}
			server.close(() => resolve(address.port));
		});
	});
}
