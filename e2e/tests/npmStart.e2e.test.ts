// `npm start` as a user and a supervisor meet it: its ready banner counts every registration of the
// example workflow (the SMPP receipt's, at its own path, included), and SIGTERM or SIGINT sent to the
// `npm start` process alone stops n8n and the sandbox.
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { registrationEvents } from '../../nodes/Bcrumbs/core/registrations';
import { freePorts, isPortFree } from '../harness/freePort';
import { groupAlive, repoRoot } from '../harness/proc';
import { EXAMPLE_EVENTS } from '../localN8n/exampleSetup';

function startAndWait(folder: string, ports: number[]) {
	const child = spawn(
		'npm',
		['start', '--', '--port', `${ports[0]}`, '--sandbox-port', `${ports[1]}`],
		{
			cwd: repoRoot,
			env: { ...process.env, BCRUMBS_LOCAL_DIR: folder },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const ready = new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`not ready in 240 s:\n${output}`)), 240_000);
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			if (/Ctrl-C stops everything/.test(output)) {
				clearTimeout(timer);
				resolve(output);
			}
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
	});
	return { child, ready, exited };
}

const until = async (check: () => Promise<boolean> | boolean, ms: number) => {
	for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250)))
		if (await check()) return true;
	return false;
};

describe('npm start', () => {
	const folder = mkdtempSync(join(tmpdir(), 'bcrumbs-npm-start-'));
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it.each(['SIGTERM', 'SIGINT'] as const)(
		'counts every registration in its banner, and %s to the npm start process alone stops everything',
		async (signal) => {
			const ports = await freePorts(2);
			const { child, ready, exited } = startAndWait(folder, ports);
			const banner = await ready;
			expect(banner).toContain(
				`active, ${registrationEvents(EXAMPLE_EVENTS).length} events registered in the sandbox`,
			);
			const n8nPid = Number(/\[n8n\] pid (\d+)/.exec(banner)?.[1]);
			expect(groupAlive(n8nPid)).toBe(true);
			child.kill(signal);
			await exited;
			expect(await until(() => !groupAlive(n8nPid), 30_000)).toBe(true);
			expect(
				await until(
					async () => (await isPortFree(ports[0])) && (await isPortFree(ports[1])),
					10_000,
				),
			).toBe(true);
		},
	);
});
