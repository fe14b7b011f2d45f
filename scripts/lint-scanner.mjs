#!/usr/bin/env node
// Runs n8n's community-package lint rules the way n8n's scanner (@n8n/scan-community-package) runs them:
// its own flat config (the community-nodes plugin's recommended rules, eslint-plugin-n8n-nodes-base's
// community/credentials/nodes rule sets with the scanner's few exceptions, no-console), never this
// repository's eslint.config.mjs, and inline `eslint-disable` comments ignored. Like the scanner it lints
// the source (package.json, nodes/, credentials/) and what the tarball ships (its .js files and package.json).
//
// It prints the rules the package breaks. Breaking them does not fail this command; a list that differs
// from the table in README.md's "Verification status" section does, so the README cannot drift.
//
//   node scripts/lint-scanner.mjs [--source-only] [--json] [packageDir]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import fg from 'fast-glob';
import tseslint from 'typescript-eslint';
import nodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const require = createRequire(import.meta.url);
const { packDryRun } = require('./check-pack.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const README_SECTION = '## Verification status';
const RULE_ROW = /^\|\s*`([@\w/-]+)`\s*\|/;

function scannerConfig() {
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tseslint.parser } },
	);
}

async function lint(packageDir, files, leg) {
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scannerConfig(),
	});
	const findings = [];
	for (const result of await eslint.lintFiles(files)) {
		for (const message of result.messages) {
			const where = `${leg}: ${path.relative(packageDir, result.filePath)}:${message.line}`;
			findings.push({
				rule: message.ruleId ?? '(parse error)',
				severity: message.severity === 2 ? 'error' : 'warning',
				where,
				message: message.message,
			});
		}
	}
	return findings;
}

function documentedRules(readme) {
	const start = readme.indexOf(`\n${README_SECTION}\n`);
	if (start < 0) return null;
	const rest = readme.slice(start + README_SECTION.length + 2);
	const end = rest.search(/^## /m);
	const section = end < 0 ? rest : rest.slice(0, end);
	return section
		.split('\n')
		.map((line) => RULE_ROW.exec(line)?.[1])
		.filter(Boolean)
		.sort();
}

async function main() {
	const args = process.argv.slice(2);
	const sourceOnly = args.includes('--source-only');
	const asJson = args.includes('--json');
	const packageDir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? root);

	const findings = await lint(
		packageDir,
		fg.sync(SOURCE_PATTERNS, { cwd: packageDir, absolute: true, ignore: ['**/node_modules/**'] }),
		'source',
	);
	if (!sourceOnly) {
		if (!fs.existsSync(path.join(packageDir, 'dist')))
			throw new Error(`No dist/ in ${packageDir}: run npm run build first.`);
		const shipped = packDryRun(packageDir).files.filter(
			(file) => file.endsWith('.js') || file === 'package.json',
		);
		findings.push(
			...(await lint(
				packageDir,
				shipped.map((file) => path.join(packageDir, file)),
				'tarball',
			)),
		);
	}
	const broken = [
		...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule)),
	].sort();
	const warnings = [
		...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)),
	].sort();
	const readmePath = path.join(packageDir, 'README.md');
	const documented = fs.existsSync(readmePath)
		? documentedRules(fs.readFileSync(readmePath, 'utf8'))
		: null;
	const upToDate = documented !== null && JSON.stringify(documented) === JSON.stringify(broken);

	if (asJson) {
		console.log(JSON.stringify({ broken, warnings, documented, upToDate, findings }, null, 2));
	} else {
		const versions = ['@n8n/eslint-plugin-community-nodes', 'eslint-plugin-n8n-nodes-base']
			.map(
				(name) =>
					`${name} ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version}`,
			)
			.join(', ');
		console.log(
			`n8n community-package scan rules (${versions}; inline eslint-disable comments ignored)`,
		);
		console.log(
			`${sourceOnly ? 'Source' : 'Source and tarball'}: ${broken.length} rule(s) broken, which fail n8n's scan:`,
		);
		for (const finding of findings) {
			console.log(
				`  ${finding.severity === 'error' ? 'error  ' : 'warning'} ${finding.rule}  ${finding.where}  ${finding.message}`,
			);
		}
	}
	if (!upToDate) {
		console.error(
			`README.md's "${README_SECTION.slice(3)}" table lists ${JSON.stringify(documented)}, but the scan breaks ` +
				`${JSON.stringify(broken)}: update the table (and the reasons) to match.`,
		);
		process.exit(1);
	}
	if (!asJson)
		console.log(`These are the rules README.md's "${README_SECTION.slice(3)}" section lists.`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
