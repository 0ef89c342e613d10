#!/usr/bin/env node
// `npm run demo`: installs what it needs, then runs n8n with this package and the templates.
// The demo runs in a child process; SIGINT, SIGTERM and SIGHUP sent to this process (not only
// Ctrl-C in a terminal) are passed on to it, and this process ends when it has stopped.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const { ensureDependencies, root } = require('./bootstrap');

ensureDependencies();
const tsNode = require.resolve('ts-node/dist/bin.js', { paths: [root] });
const demo = spawn(process.execPath, [tsNode, '--transpile-only', join(__dirname, 'demo.ts'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => demo.kill(signal));
}
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
