// n8n's lint rules for community nodes: eslint-plugin-n8n-nodes-base (community, credentials, nodes)
// and @n8n/eslint-plugin-community-nodes (recommended). Exceptions are listed in the README.
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

// typescript-eslint's recommended rules for all code, the package's and its tooling's alike
const TYPESCRIPT_FILES = [
	'{nodes,credentials,sandbox,e2e,bench,test,support,scripts}/**/*.ts',
	'{bench,e2e,scripts}/**/*.{js,mjs}',
	'*.{js,mjs}',
];
const typescriptRecommended = tseslint.configs.recommended.map((config) => ({
	...config,
	files: TYPESCRIPT_FILES,
}));

// eslint-plugin-n8n-nodes-base's `rules` for the TypeScript sources matching `files`
const n8nNodesBaseOn = (files, rules) => ({
	files: [files],
	languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	plugins: { 'n8n-nodes-base': n8nNodesBase },
	rules,
});

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
	...typescriptRecommended,
	{
		// CommonJS scripts (plain node, no build step): require is how they load modules
		files: ['**/*.js'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// tests read loosely typed JSON items and n8n outputs
		files: ['test/**/*.ts', 'e2e/tests/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	n8nNodesBaseOn('credentials/**/*.ts', {
		...n8nNodesBase.configs.credentials.rules,
		// documented as "only applicable to nodes in the main repository": community credentials link a full URL
		'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	}),
	n8nNodesBaseOn('nodes/**/*.ts', {
		...n8nNodesBase.configs.nodes.rules,
		// superseded by @n8n/community-nodes/node-connection-type-literal, which asks for NodeConnectionTypes.Main
		'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
		'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	}),
	{ ...communityRecommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'] },
	{
		// these platforms are set up by hand in their own portals and offer no API to register webhooks
		files: ['nodes/OneRoute/**', 'nodes/Bik/**', 'nodes/Mobtexting/**', 'nodes/Wakit/**'],
		rules: { '@n8n/community-nodes/webhook-lifecycle-complete': 'off' },
	},
	{
		// graphql-request (with its peer graphql) is the GraphQL client the design calls for: a deliberate runtime dependency
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
