// The tarball check: packs real folders with npm and asserts what the check accepts and refuses.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Pack {
	files: string[];
	packedBytes: number;
	unpackedBytes: number;
}
interface Budget {
	packedBytes: number;
	unpackedBytes: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checkPack = require('../../scripts/check-pack.js') as {
	findProblems(pack: Pack, manifest: object, budget?: Budget): string[];
	packDryRun(dir: string): Pack;
};

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts', 'check-pack.js');
const repoManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const scratchDirs: string[] = [];

const NODE = 'dist/nodes/Example/Example.node.js';
const CREDENTIAL = 'dist/credentials/ExampleApi.credentials.js';

/** A package folder as the build leaves it, plus everything that must not ship. */
function builtPackage(files: string[]): { dir: string; manifest: object } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-pack-'));
	scratchDirs.push(dir);
	const manifest = {
		...repoManifest,
		files,
		n8n: { ...repoManifest.n8n, nodes: [NODE], credentials: [CREDENTIAL] },
	};
	const contents: Record<string, string> = {
		'package.json': JSON.stringify(manifest, null, 2),
		'README.md': '# example\n',
		'LICENSE.md': 'MIT\n',
		'CHANGELOG.md': '# Changelog\n',
		[NODE]: 'module.exports = {};\n',
		'dist/nodes/Example/Example.node.json': '{}\n',
		'dist/nodes/Example/example.svg': '<svg/>\n',
		'dist/nodes/Example/Example.node.d.ts': 'export {};\n',
		'dist/nodes/Example/Example.node.js.map': '{}\n',
		[CREDENTIAL]: 'module.exports = {};\n',
		'test/example.test.ts': 'test("x", () => {});\n',
		'sandbox/server.ts': 'export {};\n',
	};
	for (const [file, text] of Object.entries(contents)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
	return { dir, manifest };
}

afterAll(() => {
	for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the tarball check', () => {
	test("the package's own files field ships built nodes and docs, never declarations, maps, tests or the sandbox", () => {
		const { dir, manifest } = builtPackage(repoManifest.files);
		const pack = checkPack.packDryRun(dir);
		expect(pack.files.sort()).toEqual(
			[
				'CHANGELOG.md',
				'LICENSE.md',
				'README.md',
				CREDENTIAL,
				NODE,
				'dist/nodes/Example/Example.node.json',
				'dist/nodes/Example/example.svg',
				'package.json',
			].sort(),
		);
		expect(checkPack.findProblems(pack, manifest)).toEqual([]);
	});

	test('refuses a tarball holding declarations, source maps or tests, naming each file', () => {
		const { dir, manifest } = builtPackage(['dist', 'test', 'CHANGELOG.md']);
		const problems = checkPack.findProblems(checkPack.packDryRun(dir), manifest);
		expect(problems.sort()).toEqual(
			[
				'not allowed in the tarball: dist/nodes/Example/Example.node.d.ts',
				'not allowed in the tarball: dist/nodes/Example/Example.node.js.map',
				'not allowed in the tarball: test/example.test.ts',
			].sort(),
		);
	});

	test('refuses a tarball that lacks a node listed in the n8n section or the changelog', () => {
		const { dir, manifest } = builtPackage(['dist/nodes/**/*.js', 'README.md']);
		const problems = checkPack.findProblems(checkPack.packDryRun(dir), manifest);
		expect(problems).toContain(`missing from the tarball: ${CREDENTIAL}`);
		expect(problems).toContain('missing from the tarball: CHANGELOG.md');
	});

	test('refuses a tarball over the size budget, packed or unpacked', () => {
		const { dir, manifest } = builtPackage(repoManifest.files);
		const pack = checkPack.packDryRun(dir);
		const tight = { packedBytes: pack.packedBytes - 1, unpackedBytes: pack.unpackedBytes - 1 };
		const problems = checkPack.findProblems(pack, manifest, tight);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/^packed size .* is over the budget/);
		expect(problems[1]).toMatch(/^unpacked size .* is over the budget/);
		expect(
			checkPack.findProblems(pack, manifest, {
				packedBytes: pack.packedBytes,
				unpackedBytes: pack.unpackedBytes,
			}),
		).toEqual([]);
	});

	test('the command prints the sizes and exits non-zero on a wrong tarball', () => {
		const good = builtPackage(repoManifest.files);
		const passed = execFileSync('node', [script, good.dir], { encoding: 'utf8' });
		expect(passed).toMatch(
			/8 files, packed \d+\.\d kB \(budget 125\.0 kB\), unpacked \d+\.\d kB \(budget 450\.0 kB\)/,
		);

		const bad = builtPackage(['dist', 'sandbox', 'CHANGELOG.md']);
		const failed = spawnSync('node', [script, bad.dir], { encoding: 'utf8' });
		expect(failed.status).toBe(1);
		expect(failed.stderr).toContain('not allowed in the tarball: sandbox/server.ts');
	});
});
