// The load check's Node lines against package.json's engines: pure checks, and the command refusing
// to pack when they differ. Nothing here packs, installs or downloads a Node binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const checkLoad = require('../../scripts/check-load.js') as {
	LOAD_NODE_VERSIONS: string[];
	enginesProblems(enginesNode: unknown, versions?: string[]): string[];
};

const root = path.resolve(__dirname, '../..');
const repoManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const scratchDirs: string[] = [];

afterAll(() => {
	for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const FOUR = ['20.20.2', '22.23.5', '24.9.0', '26.12.1'];
const ENGINES = '^20.19.0 || ^22.16.0 || ^24.0.0 || ^26.0.0';

describe('the load check and engines', () => {
	test("package.json's engines names exactly the Node lines the load check runs: 20, 22, 24 and 26", () => {
		expect(checkLoad.LOAD_NODE_VERSIONS.map((v) => Number(v.split('.')[0]))).toEqual([
			20, 22, 24, 26,
		]);
		expect(checkLoad.enginesProblems(repoManifest.engines.node)).toEqual([]);
		expect(checkLoad.enginesProblems(ENGINES, FOUR)).toEqual([]);
	});

	test('refuses an engines major the load check does not run', () => {
		expect(checkLoad.enginesProblems(`${ENGINES} || ^27.0.0`, FOUR)).toEqual([
			'engines.node names Node 27, which the load check does not run',
		]);
		expect(checkLoad.enginesProblems(ENGINES, ['20.20.2', '24.9.0'])).toEqual([
			'engines.node names Node 22, which the load check does not run',
			'engines.node names Node 26, which the load check does not run',
		]);
	});

	test('refuses a load-check line that engines does not name', () => {
		expect(checkLoad.enginesProblems('^20.19.0 || ^24.0.0', FOUR)).toEqual([
			'the load check runs Node 22, which engines.node does not name',
			'the load check runs Node 26, which engines.node does not name',
		]);
	});

	test("refuses a pinned version below engines' floor for its line", () => {
		expect(checkLoad.enginesProblems(ENGINES, ['20.20.2', '22.15.1', '24.9.0', '26.12.1'])).toEqual(
			["the load check's Node 22.15.1 is below engines.node's ^22.16.0"],
		);
	});

	test('refuses engines it cannot read line by line, or none at all', () => {
		expect(checkLoad.enginesProblems('>=20.19.0', FOUR)).toEqual(
			expect.arrayContaining(['engines.node part ">=20.19.0" is not a ^major.minor.patch range']),
		);
		expect(checkLoad.enginesProblems(undefined, FOUR)).toEqual([
			'package.json has no engines.node',
		]);
		expect(checkLoad.enginesProblems('  ', FOUR)).toEqual(['package.json has no engines.node']);
	});

	test('the command exits non-zero before packing when engines and the load list differ', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-load-'));
		scratchDirs.push(dir);
		fs.mkdirSync(path.join(dir, 'scripts'));
		fs.copyFileSync(
			path.join(root, 'scripts', 'check-load.js'),
			path.join(dir, 'scripts', 'check-load.js'),
		);
		const manifest = { ...repoManifest, engines: { node: '^20.19.0 || ^24.0.0' } };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
		const result = spawnSync(process.execPath, [path.join(dir, 'scripts', 'check-load.js')], {
			cwd: dir,
			encoding: 'utf8',
			env: { ...process.env, N8N_HARNESS_CACHE_DIR: path.join(dir, 'cache') },
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(
			'the load check runs Node 22, which engines.node does not name',
		);
		expect(result.stdout).not.toContain('Installing Node');
		expect(fs.readdirSync(dir).sort()).toEqual(['package.json', 'scripts']);
	});
});
