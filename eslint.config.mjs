import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const typescriptFiles = ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'bench/**', 'scripts/**'] },
	{
		files: typescriptFiles,
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: [...typescriptFiles, 'package.json'],
		rules: {
			...n8nCommunityNodesPlugin.configs.recommended.rules,
			// Phone numbers must be parsed with libphonenumber-js and times computed with luxon:
			// both are runtime dependencies on purpose (see README, "Runtime dependencies").
			// The package therefore targets self-hosted n8n, not n8n Cloud's dependency-free rule.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			// "overrides" only pins transitive versions for this repository's own dev install
			// (n8n-core's isolated-vm); npm ignores it when a user installs the package.
			'@n8n/community-nodes/no-overrides-field': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// That rule expects a docs.n8n.io slug; community credentials link to their own docs by
			// URL, which @n8n/community-nodes/credential-documentation-url checks instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Outputs use NodeConnectionTypes, as @n8n/community-nodes/node-connection-type-literal
			// requires; this older rule still asks for the string literal.
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
		},
	},
];
