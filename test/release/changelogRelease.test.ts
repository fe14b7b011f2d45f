// `npm version` on a temporary copy of the package: the version and the changelog heading move together.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const gitEnv = {
	...process.env,
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release@example.com',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release@example.com',
};
const scratchDirs: string[] = [];

/** A git repository holding the package's real package.json, .npmrc, changelog and release script. */
function packageCopy(changelog: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changelog-release-'));
	scratchDirs.push(dir);
	fs.mkdirSync(path.join(dir, 'scripts'));
	for (const file of ['package.json', '.npmrc', 'scripts/changelog-release.js']) {
		fs.copyFileSync(path.join(root, file), path.join(dir, file));
	}
	fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: dir, env: gitEnv, stdio: 'pipe' });
	git('init', '-q');
	git('add', '-A');
	git('commit', '-qm', 'initial');
	return dir;
}

function run(dir: string, command: string, args: string[]) {
	return spawnSync(command, args, { cwd: dir, env: gitEnv, encoding: 'utf8' });
}

const PREVIOUS = '## [0.1.0] - 2026-11-22\n\n### Added\n\n- The first nodes.\n';

afterAll(() => {
	for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm version', () => {
	test('bumps the version and moves the Unreleased entries under its dated heading, in one commit and tag', () => {
		const changelog = `# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Fixed\n\n- A fix.\n\n${PREVIOUS}`;
		const dir = packageCopy(changelog);
		const result = run(dir, 'npm', ['version', 'minor', '--ignore-scripts=false']);
		expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });

		const today = new Date().toISOString().slice(0, 10);
		const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
		const [major, minor] = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
			.version.split('.')
			.map(Number);
		expect(version).toBe(`${major}.${minor + 1}.0`);
		expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe(
			`# Changelog\n\nIntro.\n\n## [Unreleased]\n\n## [${version}] - ${today}\n\n### Fixed\n\n- A fix.\n\n${PREVIOUS}`,
		);
		const committed = run(dir, 'git', ['show', '--name-only', '--format=%s', 'HEAD'])
			.stdout.trim()
			.split('\n');
		expect(committed).toEqual([version, '', 'CHANGELOG.md', 'package.json']);
		expect(run(dir, 'git', ['tag', '--points-at', 'HEAD']).stdout.trim()).toBe(`v${version}`);
		expect(
			run(dir, 'node', ['scripts/changelog-release.js', '--check', `v${version}`]).status,
		).toBe(0);
	});

	test('refuses a release with nothing under Unreleased: no commit, no tag', () => {
		const dir = packageCopy(`# Changelog\n\n## [Unreleased]\n\n${PREVIOUS}`);
		const result = run(dir, 'npm', ['version', 'patch', '--ignore-scripts=false']);
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain('Nothing to release');
		expect(run(dir, 'git', ['tag']).stdout).toBe('');
		expect(run(dir, 'git', ['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('1');
	});

	test('the publish check refuses a version without its changelog heading', () => {
		const dir = packageCopy(`# Changelog\n\n## [Unreleased]\n\n${PREVIOUS}`);
		const missing = run(dir, 'node', ['scripts/changelog-release.js', '--check', 'v0.2.0']);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('no "## [0.2.0] - YYYY-MM-DD" heading');
		expect(run(dir, 'node', ['scripts/changelog-release.js', '--check', 'v0.1.0']).status).toBe(0);
	});

	test("the project's own changelog has the current version's heading", () => {
		const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		const check = spawnSync('node', ['scripts/changelog-release.js', '--check', version], {
			cwd: root,
			encoding: 'utf8',
		});
		expect(check.stdout).toContain(`has the ${version} heading`);
		expect(check.status).toBe(0);
	});
});
