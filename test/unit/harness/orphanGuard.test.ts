import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startOrphanGuard } from '../../harness/orphanGuard';

function sleeper(): ChildProcess {
	return spawn('sleep', ['300'], { stdio: 'ignore' });
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return true;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return check();
}

describe('the orphan guard for servers the tests start', () => {
	const started: ChildProcess[] = [];
	afterEach(() => {
		for (const child of started.splice(0)) child.kill('SIGKILL');
	});

	it('once their parent is gone, stops the servers, runs the stop command and removes their folder', async () => {
		const parent = sleeper();
		const server = sleeper();
		started.push(parent, server);
		const folder = mkdtempSync(path.join(os.tmpdir(), 'orphan-guard-'));
		writeFileSync(path.join(folder, 'data'), 'x');
		const marker = path.join(os.tmpdir(), `orphan-guard-stopped-${process.pid}-${Date.now()}`);
		startOrphanGuard({ parentPid: parent.pid!, pids: [server.pid!], stopCommand: ['touch', marker], removeFolder: folder });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(alive(server.pid!)).toBe(true);
		expect(existsSync(folder)).toBe(true);

		parent.kill('SIGKILL');
		expect(await until(() => server.exitCode !== null || server.signalCode !== null, 10_000)).toBe(true);
		expect(server.signalCode).toBe('SIGTERM');
		expect(await until(() => existsSync(marker) && !existsSync(folder), 10_000)).toBe(true);
	});

	it('stopped by the run that started it, leaves the servers alone', async () => {
		const parent = sleeper();
		const server = sleeper();
		started.push(parent, server);
		const guard = startOrphanGuard({ parentPid: parent.pid!, pids: [server.pid!] });
		guard.stop();
		await until(() => guard.process.exitCode !== null || guard.process.signalCode !== null, 5_000);
		parent.kill('SIGKILL');
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(alive(server.pid!)).toBe(true);
	});
});
