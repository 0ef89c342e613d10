// Installs this repository's own dependencies when they are missing or older than the lock file.
// Plain Node on purpose: it runs on a fresh clone, before anything else is installed.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
	if (result.status !== 0) {
		console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status}).`);
		process.exit(result.status || 1);
	}
}

function ensureDependencies() {
	const lock = join(root, 'package-lock.json');
	const installed = join(root, 'node_modules', '.package-lock.json');
	if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
	// `npm install` rather than `npm ci`: it installs the locked versions too, and unlike `npm ci`
	// it accepts a lock file that lacks other platforms' optional binaries (an npm lock-file bug).
	console.error('Installing the project dependencies (npm install)...');
	run('npm', ['install', '--no-audit', '--no-fund']);
}

module.exports = { ensureDependencies, run, root };

if (require.main === module) ensureDependencies();
