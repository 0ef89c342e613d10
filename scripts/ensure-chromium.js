#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium is installed at /usr/bin/chromium, which the browser tests drive
 * through playwright-core. Playwright's own browser download cannot be used here (only Debian's
 * packages are reachable), so the system package is the one browser every machine can have.
 *
 * Idempotent: when the binary is already there it only says so and touches nothing.
 * Usage: node scripts/ensure-chromium.js
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const CHROMIUM_PATH = '/usr/bin/chromium';
const INSTALL_STEPS = [
	['apt-get', 'update'],
	['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'],
];

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function findOnPath(command) {
	const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
	for (const dir of dirs) {
		const candidate = path.join(dir, command);
		if (isExecutable(candidate)) return candidate;
	}
	return undefined;
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(argv) {
	console.log(`ensure-chromium: running: ${argv.join(' ')}`);
	// A non-interactive frontend keeps apt from waiting on a question nobody can answer in CI.
	const result = spawnSync(argv[0], argv.slice(1), {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.error) {
		console.error(`ensure-chromium: could not start ${argv[0]}: ${result.error.message}`);
		return 1;
	}
	return result.status === null ? 1 : result.status;
}

function main() {
	if (isExecutable(CHROMIUM_PATH)) {
		console.log(`ensure-chromium: ${CHROMIUM_PATH} is already installed, nothing to do.`);
		return 0;
	}

	console.log(`ensure-chromium: ${CHROMIUM_PATH} is missing, installing Debian's chromium package.`);

	let prefix = [];
	if (!isRoot()) {
		const sudo = findOnPath('sudo');
		if (!sudo) {
			console.error('ensure-chromium: not running as root and sudo is not available. Run as root:');
			for (const step of INSTALL_STEPS) console.error(`  ${step.join(' ')}`);
			return 1;
		}
		// -n: fail instead of prompting for a password in an unattended run.
		prefix = ['sudo', '-n'];
	}

	for (const step of INSTALL_STEPS) {
		const status = run([...prefix, ...step]);
		if (status !== 0) {
			console.error(`ensure-chromium: "${[...prefix, ...step].join(' ')}" failed with exit code ${status}.`);
			return status;
		}
	}

	if (!isExecutable(CHROMIUM_PATH)) {
		console.error(`ensure-chromium: the chromium package installed but ${CHROMIUM_PATH} is still missing.`);
		return 1;
	}
	console.log(`ensure-chromium: installed ${CHROMIUM_PATH}.`);
	return 0;
}

process.exitCode = main();
