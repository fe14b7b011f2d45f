// The GitHub workflows: valid against SchemaStore's workflow schema, a typo refused, and the release
// path doing what the README promises (tags only, provenance, no stored npm token).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts', 'check-workflows.js');
const workflowsDir = path.join(root, '.github', 'workflows');
const readWorkflow = (name: string) => fs.readFileSync(path.join(workflowsDir, name), 'utf8');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));

function check(...files: string[]) {
	return spawnSync('node', [script, ...files], { cwd: root, encoding: 'utf8' });
}

/** Writes `name.yml` with one textual change to a real workflow, failing if the change did not apply. */
function broken(workflow: string, name: string, from: string | RegExp, to: string): string {
	const original = readWorkflow(workflow);
	const changed = original.replace(from, to);
	expect(changed).not.toBe(original);
	const file = path.join(scratch, `${name}.yml`);
	fs.writeFileSync(file, changed);
	return file;
}

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('workflow validation', () => {
	test('both workflows are valid', () => {
		const result = check();
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('ci.yml: valid GitHub workflow');
		expect(result.stdout).toContain('publish.yml: valid GitHub workflow');
		expect(result.status).toBe(0);
	});

	test.each([
		[
			'a misspelt top-level key',
			'publish.yml',
			/^permissions:/m,
			'permisions:',
			"must NOT have additional properties 'permisions'",
		],
		[
			'a misspelt job key',
			'ci.yml',
			'runs-on:',
			'run-on:',
			"must NOT have additional properties 'run-on'",
		],
		[
			'a misspelt step key',
			'publish.yml',
			'run: bash .ci/run',
			'rn: bash .ci/run',
			"must NOT have additional properties 'rn'",
		],
		[
			'a permission value that does not exist',
			'publish.yml',
			'id-token: write',
			'id-token: writ',
			'/permissions/id-token must be equal to one of the allowed values',
		],
		[
			'a trigger that does not exist',
			'ci.yml',
			'pull_request:',
			'pull-request:',
			"must NOT have additional properties 'pull-request'",
		],
		[
			'a key given twice',
			'ci.yml',
			'timeout-minutes: 60',
			'timeout-minutes: 60\n    timeout-minutes: 30',
			'YAML: Map keys must be unique',
		],
	])('refuses %s', (label, workflow, from, to, message) => {
		const file = broken(workflow, label.replace(/\W+/g, '-'), from, to);
		const result = check(file);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('not a valid GitHub workflow');
		expect(result.stderr).toContain(message);
	});
});

describe('the release path', () => {
	const publish = YAML.parse(readWorkflow('publish.yml'));
	const publishSteps: Array<{ run?: string }> = publish.jobs.publish.steps;
	const runs = publishSteps.map((step) => step.run ?? '');

	test('publishes only version tags, with provenance, through trusted publishing (no stored token)', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(runs).toContain('npm publish --provenance --access public');
		expect(readWorkflow('publish.yml')).not.toMatch(/secrets\.|NPM_TOKEN|NODE_AUTH_TOKEN/);
	});

	test('checks the tag against package.json and the changelog, and runs CI, before publishing', () => {
		const publishAt = runs.indexOf('npm publish --provenance --access public');
		const tagCheckAt = runs.findIndex((run) =>
			run.includes('changelog-release.js --check "$GITHUB_REF_NAME"'),
		);
		const ciAt = runs.indexOf('bash .ci/run');
		expect(tagCheckAt).toBeGreaterThanOrEqual(0);
		expect(runs[tagCheckAt]).toContain(
			`test "v$(node -p 'require("./package.json").version')" = "$GITHUB_REF_NAME"`,
		);
		expect(ciAt).toBeGreaterThan(tagCheckAt);
		expect(publishAt).toBeGreaterThan(ciAt);
	});

	test('CI runs .ci/run on push and pull request under Node 20 and 24', () => {
		const ci = YAML.parse(readWorkflow('ci.yml'));
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.jobs.ci.strategy.matrix.node).toEqual([20, 24]);
		expect(ci.jobs.ci.steps.map((step: { run?: string }) => step.run)).toContain('bash .ci/run');
	});
});
