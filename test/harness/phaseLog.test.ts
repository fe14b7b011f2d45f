// The setup's progress: one line per phase on the console, every raw line in the log file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PhaseActivity, PhaseLog, terminalStatus } from '../../e2e/harness/phaseLog';
import { run } from '../../e2e/harness/proc';

const NPM_LINES = [
	'npm http fetch GET 200 https://registry.npmjs.org/n8n 120ms (cache miss)',
	'npm http fetch GET 200 https://registry.npmjs.org/@n8n/client-oauth2/-/client-oauth2-0.1.0.tgz 30ms (cache miss)',
	'npm http fetch GET 200 https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz 12ms (cache hit)',
	'npm http fetch GET 200 https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz 12ms (cache hit)',
	'npm warn deprecated inflight@1.0.6: This module is not supported',
];

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phase-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A child process printing `lines`, then exiting with `code`. */
const child =
	(lines: string[], code = 0) =>
	(raw: (line: string) => void) =>
		run(
			process.execPath,
			['-e', `console.log(${JSON.stringify(lines.join('\n'))}); process.exit(${code})`],
			{
				cwd: dir,
				log: raw,
				prefix: '[npm] ',
			},
		);

describe('PhaseLog', () => {
	it("shows the phase's start and end, and keeps the child's every line in the file", async () => {
		const said: string[] = [];
		const phases = new PhaseLog({ file: path.join(dir, 'setup.log'), say: (l) => said.push(l) });
		const result = await phases.run('npm install n8n', child(NPM_LINES));
		expect(result.code).toBe(0);
		expect(said).toEqual([
			'npm install n8n ...',
			expect.stringMatching(/^npm install n8n done in \d+ s$/),
		]);
		const file = fs.readFileSync(phases.file, 'utf8');
		for (const line of NPM_LINES) expect(file).toContain(`[npm] ${line}`);
	});

	it('reports progress while a phase runs: elapsed time and what is fetched', async () => {
		const said: string[] = [];
		const phases = new PhaseLog({
			file: path.join(dir, 'setup.log'),
			say: (l) => said.push(l),
			reportEveryMs: 20,
		});
		await phases.run('npm install n8n', async (raw) => {
			NPM_LINES.forEach(raw);
			await new Promise((resolve) => setTimeout(resolve, 120));
		});
		const progress = said.filter((l) => l.includes(' · '));
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.at(-1)).toMatch(
			/^npm install n8n · \d+ s · 1 package resolved, 2 fetched, fetching lodash$/,
		);
	});

	it('on failure names the phase and the log file, on the console and in the error', async () => {
		const said: string[] = [];
		const file = path.join(dir, 'setup.log');
		const phases = new PhaseLog({ file, say: (l) => said.push(l) });
		const failing = phases.run('building sqlite3', async (raw) => {
			const r = await child(['gyp ERR! build error'], 1)(raw);
			if (r.code !== 0) throw new Error(`exit ${r.code}`);
		});
		await expect(failing).rejects.toThrow(`building sqlite3 failed (full log: ${file}):\nexit 1`);
		expect(said.at(-1)).toMatch(
			new RegExp(`^building sqlite3 failed after \\d+ s; full log: ${file}$`),
		);
		expect(fs.readFileSync(file, 'utf8')).toContain('[npm] gyp ERR! build error');
	});

	it('a terminal status line is rewritten in place and cleared at the end', async () => {
		const status: string[] = [];
		const said: string[] = [];
		const phases = new PhaseLog({
			file: path.join(dir, 'setup.log'),
			say: (l) => said.push(l),
			status: (l) => status.push(l),
		});
		await phases.run('quick', async () => undefined);
		expect(status.at(-1)).toBe('');
		expect(said).toEqual(['quick ...', expect.stringMatching(/^quick done in \d+ s$/)]);
	});
});

describe('PhaseActivity', () => {
	it('names what a native build compiles and links', () => {
		const activity = new PhaseActivity();
		activity.see('[sqlite3]   CC(target) Release/obj.target/sqlite3/gen/sqlite-autoconf/sqlite3.o');
		expect(activity.describe()).toBe('compiling sqlite3.o');
		activity.see(
			'[sqlite3]   SOLINK_MODULE(target) Release/obj.target/node_sqlite3.node: Finished',
		);
		expect(activity.describe()).toBe('linking node_sqlite3.node');
	});
});

describe('terminalStatus', () => {
	const stream = (isTTY: boolean, columns: number) => {
		const written: string[] = [];
		const fake = { isTTY, columns, write: (text: string) => written.push(text) };
		return { fake: fake as unknown as NodeJS.WriteStream, written };
	};

	it('rewrites one line in place, cut to the terminal width (100 when it reports none)', () => {
		const line = `npm install n8n · 42 s · ${'x'.repeat(200)}`;
		for (const [columns, width] of [
			[60, 59],
			[0, 99],
		]) {
			const { fake, written } = stream(true, columns);
			terminalStatus(fake)!(line);
			expect(written).toEqual([`\r\x1b[K${line.slice(0, width)}`]);
		}
	});

	it('is not used off a terminal (CI logs get progress lines instead)', () => {
		expect(terminalStatus(stream(false, 80).fake)).toBeUndefined();
	});
});
