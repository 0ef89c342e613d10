import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface RunCommandOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Every chunk of stdout and stderr is also appended here, so a long install can be followed. */
	logFile?: string;
	/** The command is killed and the promise rejected after this long. */
	timeoutMs?: number;
}

export interface CommandResult {
	stdout: string;
	stderr: string;
}

/** Output kept in memory per stream; npm's chatter for a big install stays well below this. */
const MAX_KEPT_CHARS = 1_000_000;

function keepTail(text: string): string {
	return text.length > MAX_KEPT_CHARS ? text.slice(-MAX_KEPT_CHARS) : text;
}

export function lastLines(text: string, count: number): string {
	return text.split('\n').slice(-count).join('\n');
}

/**
 * Runs a command to completion and resolves with its output; rejects with the command line, the
 * exit status and the end of its output, so a failing `npm` explains itself in the test report.
 */
export async function runCommand(command: string, args: string[], options: RunCommandOptions): Promise<CommandResult> {
	const commandLine = [command, ...args].join(' ');
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						timedOut = true;
						child.kill('SIGKILL');
					}, options.timeoutMs);
		const record = (chunk: Buffer, stream: 'stdout' | 'stderr') => {
			const text = chunk.toString('utf8');
			if (stream === 'stdout') stdout = keepTail(stdout + text);
			else stderr = keepTail(stderr + text);
			if (options.logFile !== undefined) appendFileSync(options.logFile, text);
		};
		child.stdout.on('data', (chunk: Buffer) => record(chunk, 'stdout'));
		child.stderr.on('data', (chunk: Buffer) => record(chunk, 'stderr'));
		child.once('error', (error) => {
			if (timer !== undefined) clearTimeout(timer);
			reject(new Error(`could not run "${commandLine}" in ${options.cwd}: ${error.message}`));
		});
		child.once('close', (code, signal) => {
			if (timer !== undefined) clearTimeout(timer);
			if (code === 0) {
				resolve({ stdout, stderr });
				return;
			}
			const why = timedOut
				? `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`
				: `exited with ${signal ?? `code ${code}`}`;
			const output = lastLines(`${stdout}\n${stderr}`.trim(), 40);
			reject(new Error(`"${commandLine}" in ${options.cwd} ${why}:\n${output}`));
		});
	});
}
