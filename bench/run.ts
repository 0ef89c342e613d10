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

const RESULTS_FOLDER = path.join(__dirname, 'results');

function writeResults(name: string, results: unknown): void {
	fs.mkdirSync(RESULTS_FOLDER, { recursive: true });
	const file = path.join(RESULTS_FOLDER, `${name}.json`);
	fs.writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(results as object) }, null, 2)}\n`);
	console.log(`  written to ${path.relative(process.cwd(), file)}`);
}

/**
 * The benchmarks that run a real n8n (bench/*.system.ts, each exporting an async function whose
 * name ends in "Figures"): their figures with the conditions they were measured in.
 */
async function runSystemBenchmarks(filter: string | undefined): Promise<string[]> {
	const failed: string[] = [];
	const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.system.ts')).sort();
	for (const file of files) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(path.join(__dirname, file)) as Record<string, unknown>;
		for (const [exported, measure] of Object.entries(loaded)) {
			if (!exported.endsWith('Figures') || typeof measure !== 'function') continue;
			if (filter && !file.includes(filter) && !exported.includes(filter)) continue;
			let result: { name: string; conditions: unknown; figures: unknown };
			try {
				result = await (measure as () => Promise<{ name: string; conditions: unknown; figures: unknown }>)();
			} catch (error) {
				// One benchmark that could not finish leaves the others to run; the command fails at the end.
				const message = error instanceof Error ? error.message : String(error);
				console.error(`\n${exported} (${file}) could not finish: ${message}`);
				failed.push(exported);
				writeResults(file.replace(/\.system\.ts$/, ''), { name: exported, failed: message });
				continue;
			}
			console.log(`\n${result.name}`);
			console.log(`  conditions: ${JSON.stringify(result.conditions, null, 2).replace(/\n/g, '\n  ')}`);
			console.log(`  figures: ${JSON.stringify(result.figures, null, 2).replace(/\n/g, '\n  ')}`);
			writeResults(file.replace(/\.system\.ts$/, ''), result);
		}
	}
	return failed;
}

async function main(): Promise<void> {
	const filter = process.argv[2];
	const files = fs
		.readdirSync(__dirname)
		.filter((file) => file.endsWith('.bench.ts'))
		.sort();
	const micro: Record<string, number> = {};
	for (const file of files) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(path.join(__dirname, file)) as { benchmarks?: Benchmark[] };
		if (!Array.isArray(loaded.benchmarks)) {
			console.error(`${file}: exports no "benchmarks" list, skipped`);
			continue;
		}
		for (const benchmark of loaded.benchmarks) {
			if (filter && !benchmark.name.includes(filter)) continue;
			const perSecond = Math.round(opsPerSecond(benchmark));
			micro[benchmark.name] = perSecond;
			console.log(`${benchmark.name}: ${perSecond} ops/s`);
		}
	}
	if (sink === Symbol.for('never')) console.log('');
	if (Object.keys(micro).length > 0) {
		writeResults('scheduling', { name: 'scheduling engine, operations per second', conditions: { node: process.version, budget: `${Number(MEASURE_NS) / 1e9} s per benchmark after ${Number(WARM_UP_NS) / 1e9} s warm-up` }, figures: micro });
	}
	if (process.env.BENCH_SKIP_SYSTEM === '1') return;
	const failed = await runSystemBenchmarks(filter);
	if (failed.length > 0) {
		console.error(`\n${failed.length} benchmark(s) could not finish: ${failed.join(', ')}`);
		process.exitCode = 1;
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
