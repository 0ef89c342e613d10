// Copies what n8n reads next to the compiled nodes: icons and the codex files (<Node>.node.json).
const { src, dest, task } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyNodeAssets);
