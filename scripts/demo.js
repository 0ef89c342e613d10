#!/usr/bin/env node
// `npm run demo`: installs what it needs, then runs n8n with this package and the templates.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const { ensureDependencies, root } = require('./bootstrap');

ensureDependencies();
const demo = spawnSync('npx', ['ts-node', '--transpile-only', join(__dirname, 'demo.ts'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
});
process.exit(demo.status ?? 1);
