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

const results = mkdtempSync(join(tmpdir(), 'callback-test-results-'));
const suites = [
	{ name: 'unit and workflow tests', args: ['--selectProjects', 'unit', 'workflow'] },
	{ name: 'end-to-end and browser tests (real n8n)', args: ['--selectProjects', 'e2e', '--runInBand'] },
];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSuites = 0;
for (const [index, suite] of suites.entries()) {
	step(suite.name);
	const outputFile = join(results, `suite-${index}.json`);
	const jest = spawnSync('npx', ['jest', ...suite.args, ...process.argv.slice(2), '--json', `--outputFile=${outputFile}`], {
		cwd: root,
		stdio: 'inherit',
	});
	try {
		const report = JSON.parse(readFileSync(outputFile, 'utf8'));
		totals.passed += report.numPassedTests;
		totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
		totals.skipped += report.numPendingTests + report.numTodoTests;
	} catch {
		totals.failed += 1;
	}
	if (jest.status !== 0) failedSuites += 1;
}

console.log(`\nAll suites finished in ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSuites > 0 || totals.failed > 0 ? 1 : 0);
