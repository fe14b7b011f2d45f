// `npm start -- --queue`: n8n's queue mode on this machine, as `npm run test:queue` runs it:
// Postgres + Redis, one main, two webhook processors behind nginx, two workers, each with this
// package installed; the sandbox gateway, its credential and the active example workflow.
// Everything lives in a temp folder and is gone after Ctrl-C.
import { whenStopped } from './stopSignals';
import { SANDBOX_API_KEY, startSandbox } from '../../sandbox';
import type { PhaseLog } from '../harness/phaseLog';
import { DEFAULT_OWNER, N8nRestClient } from '../harness/rest';
import { buildAndPack } from '../packageUnderTest';
import { QueueTopology } from '../queue/topology';
import {
	EXAMPLE_WORKFLOW,
	ensureActive,
	upsertCredential,
	upsertExampleWorkflow,
} from './exampleSetup';

export async function startQueueMode(o: {
	say: (line: string) => void;
	/** Runs the build as a phase: one progress line, its output in the setup log. */
	phases: PhaseLog;
	/** For the n8n processes' start lines. */
	processLog: (line: string) => void;
}): Promise<void> {
	const t0 = Date.now();
	const tarball = await o.phases.run('building and packing n8n-nodes-bcrumbs', buildAndPack);
	const sandbox = await startSandbox({ port: 0 });
	o.say(
		`sandbox gateway on ${sandbox.url}; starting Postgres, Redis, nginx and five n8n processes ...`,
	);
	const q = await QueueTopology.start({ tarballs: [tarball], log: o.processLog }).catch(
		async (e) => {
			await sandbox.close();
			throw e;
		},
	);
	let stopping = false;
	const shutdown = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		o.say(
			'stopping n8n (main, webhook processors, workers), nginx, Redis, Postgres and the sandbox ...',
		);
		await q.stop();
		await sandbox.close();
		process.exit(code);
	};
	whenStopped(shutdown);

	const rest = new N8nRestClient(q.main.baseUrl);
	await rest.ensureOwner();
	const credential = await upsertCredential(rest, 'Bcrumbs sandbox', {
		apiKey: SANDBOX_API_KEY,
		workspaceId: 12,
		gatewayUrl: sandbox.url,
	});
	const { workflow } = await upsertExampleWorkflow(rest, credential);
	await ensureActive(rest, workflow, false);
	const registered = sandbox
		.webhooks()
		.filter((w) => w.url.startsWith(`http://localhost:${q.nginx.port}/webhook/`)).length;
	console.log(`
  n8n ${q.main.install.version} in queue mode is ready in ${((Date.now() - t0) / 1000).toFixed(1)} s
  editor:      http://localhost:${q.nginx.port}   (through nginx; login ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password})
  workflow:    "${EXAMPLE_WORKFLOW}" active, ${registered} events registered in the sandbox
  webhooks:    nginx -> webhook processors on ports ${q.webhooks.map((w) => w.port).join(', ')}; workers run the executions
  gateway:     ${sandbox.url} (sandbox; key ${SANDBOX_API_KEY}, workspace 12)
  emit events: npm run sandbox:emit -- INCOMING_MESSAGE --port ${new URL(sandbox.url).port}   (or: all)
  Ctrl-C stops everything (the data is temporary).
`);
	const watch = setInterval(() => {
		const dead = [q.main, ...q.webhooks, ...q.workers].find((p) => !p.running);
		if (dead && !stopping) {
			clearInterval(watch);
			o.say(`an n8n process exited (see ${dead.logFile})`);
			void shutdown(1);
		}
	}, 1000);
}
