/** Test suites, one jest project each. `npm test` runs them all (scripts/test-all.js). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const project = (displayName, roots, extra = {}) => ({
	displayName,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	roots,
	testMatch: ['**/*.test.ts'],
	...extra,
});

module.exports = {
	projects: [
		// Plain domain modules and node adapters, no n8n process.
		project('unit', ['<rootDir>/test/unit']),
		// Real workflow JSON executed in-process through n8n-core.
		project('workflow', ['<rootDir>/test/workflow']),
		// A real n8n process with the packed package installed, and Debian's Chromium for pages.
		project('e2e', ['<rootDir>/test/e2e', '<rootDir>/test/browser'], {
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setupTimeouts.ts'],
			slowTestThreshold: 120,
		}),
		// A real n8n on the real clock, waiting as long as the product does (booked callbacks 30+
		// minutes ahead): `npm run test:realtime`, on its own, not part of `npm test`.
		project('realtime', ['<rootDir>/test/realtime'], {
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setupTimeouts.ts'],
		}),
	],
};
