/**
 * Runs every bench/*.bench.ts and prints "<name>: N ops/s" per benchmark.
 * Usage: npm run bench [-- <part of a benchmark name>]
 *
 * A bench file exports `benchmarks`, a list of { name, run }; `run(i)` does one operation.
 * Each benchmark is warmed up, then timed over a fixed wall-clock budget.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Benchmark {
	readonly name: string;
	/** One operation; `iteration` lets it vary its input. Return something so the work is not optimised away. */
	readonly run: (iteration: number) => unknown;
}

const WARM_UP_NS = 300_000_000n;
const MEASURE_NS = 1_500_000_000n;
const CHECK_CLOCK_EVERY = 32;

let sink: unknown;

function timeLoop(
	benchmark: Benchmark,
	budgetNs: bigint,
	firstIteration: number,
): { operations: number; elapsedNs: bigint } {
	const started = process.hrtime.bigint();
	let operations = 0;
	let elapsedNs = 0n;
	while (elapsedNs < budgetNs) {
		for (let i = 0; i < CHECK_CLOCK_EVERY; i++) sink = benchmark.run(firstIteration + operations++);
		elapsedNs = process.hrtime.bigint() - started;
	}
	return { operations, elapsedNs };
}

export function opsPerSecond(benchmark: Benchmark): number {
	const warmUp = timeLoop(benchmark, WARM_UP_NS, 0);
	const measured = timeLoop(benchmark, MEASURE_NS, warmUp.operations);
	return (measured.operations * 1e9) / Number(measured.elapsedNs);
}

function main(): void {
	const filter = process.argv[2];
	const files = fs
		.readdirSync(__dirname)
		.filter((file) => file.endsWith('.bench.ts'))
		.sort();
	for (const file of files) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(path.join(__dirname, file)) as { benchmarks?: Benchmark[] };
		if (!Array.isArray(loaded.benchmarks)) {
			console.error(`${file}: exports no "benchmarks" list, skipped`);
			continue;
		}
		for (const benchmark of loaded.benchmarks) {
			if (filter && !benchmark.name.includes(filter)) continue;
			console.log(`${benchmark.name}: ${Math.round(opsPerSecond(benchmark))} ops/s`);
		}
	}
	if (sink === Symbol.for('never')) console.log('');
}

if (require.main === module) main();
