#!/usr/bin/env node
// `npm test`: installs what the tests need (dependencies, a pinned n8n, Debian's Chromium), builds
// and lints the package, then runs every suite and prints one closing "N passed, N failed" line.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { ensureDependencies, run, root } = require('./bootstrap');

const started = Date.now();
const step = (name) => console.error(`\n== ${name} (${Math.round((Date.now() - started) / 1000)} s)`);

step('dependencies');
ensureDependencies();
step('build');
run('npm', ['run', '--silent', 'build']);
step('lint');
run('npm', ['run', '--silent', 'lint']);
step('Chromium');
run('node', [join(__dirname, 'ensure-chromium.js')]);
step('n8n');
run('npx', ['ts-node', '--transpile-only', join(__dirname, 'ensure-n8n.ts')]);

// n8n 2.x is what users run: every end-to-end and browser test runs on it. n8n 1.123 is still
// supported: a smoke set runs on it (the package loads, the triggers, the whole funnel with its
// calls, a wait across a restart). See README, "n8n versions".
const PRIMARY_N8N = '2.41.1';
const SUPPORTED_N8N = '1.123.81';
const N8N1_SMOKE_SET = ['test/e2e/harness.test.ts', 'test/e2e/callbackRequestTrigger.e2e.test.ts', 'test/e2e/templates.e2e.test.ts', 'test/e2e/goLive.e2e.test.ts', 'test/e2e/scheduleAttempt.e2e.test.ts', 'test/e2e/missedCalls.e2e.test.ts'];

const results = mkdtempSync(join(tmpdir(), 'callback-test-results-'));
const suites = [
	{ name: 'unit and workflow tests', args: ['--selectProjects', 'unit', 'workflow'] },
	{ name: `end-to-end and browser tests on n8n ${PRIMARY_N8N}`, args: ['--selectProjects', 'e2e', '--runInBand'], n8n: PRIMARY_N8N },
	{ name: `smoke set on n8n ${SUPPORTED_N8N}`, args: ['--selectProjects', 'e2e', '--runInBand', ...N8N1_SMOKE_SET], n8n: SUPPORTED_N8N },
];
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let failedSuites = 0;
for (const [index, suite] of suites.entries()) {
	step(suite.name);
	const outputFile = join(results, `suite-${index}.json`);
	const jest = spawnSync('npx', ['jest', ...suite.args, ...process.argv.slice(2), '--json', `--outputFile=${outputFile}`], {
		cwd: root,
		stdio: 'inherit',
		env: suite.n8n === undefined ? process.env : { ...process.env, N8N_VERSION: suite.n8n },
	});
	const counts = { passed: 0, failed: 0, skipped: 0 };
	try {
		const report = JSON.parse(readFileSync(outputFile, 'utf8'));
		counts.passed = report.numPassedTests;
		counts.failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
		counts.skipped = report.numPendingTests + report.numTodoTests;
	} catch {
		counts.failed = 1;
	}
	for (const key of Object.keys(totals)) totals[key] += counts[key];
	lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
	if (jest.status !== 0) failedSuites += 1;
}

console.log(`\nAll suites finished in ${Math.round((Date.now() - started) / 1000)} s.`);
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSuites > 0 || totals.failed > 0 ? 1 : 0);
