// `npm start`: a real n8n (pinned, loopback only) with this package, the sandbox bcrumbs gateway,
// a credential for it and an active example workflow. Everything lives in <repo>/.n8n-local (ignored);
// re-runs reuse it and skip the build when the sources did not change.
//
//   npm start -- --queue   (queue mode: Postgres, Redis, nginx, main + 2 webhook processors + 2 workers)
//   npm start -- [--port 5678] [--sandbox-port 4455] [--rebuild] [--fresh] [--follow] [--log-level debug]
//                [--webhook-url https://public.example/]
// Real gateway instead of the sandbox: BCRUMBS_API_KEY, BCRUMBS_WORKSPACE_ID [, BCRUMBS_GATEWAY_URL].
import * as fs from 'fs';
import * as path from 'path';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';
import { isPortFree } from './harness/freePort';
import { cacheDir, ensureN8n, N8N_VERSION } from './harness/install';
import { PhaseLog, terminalStatus } from './harness/phaseLog';
import { N8nProcess } from './harness/n8n';
import { repoRoot } from './harness/proc';
import { DEFAULT_OWNER, N8nRestClient } from './harness/rest';
import {
	EXAMPLE_WORKFLOW,
	ensureActive,
	upsertCredential,
	upsertExampleWorkflow,
	type CredentialData,
} from './localN8n/exampleSetup';
import { startQueueMode } from './localN8n/queueStart';
import {
	installedPackageIsCurrent,
	recordInstalledPackage,
	sourcesFingerprint,
} from './localN8n/packageFreshness';
import { packedTarball } from './packageUnderTest';
import { installStopSignals, whenStopped } from './localN8n/stopSignals';
import { isForEndpoint } from '../nodes/Bcrumbs/core/registrations';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const say = (line: string) => console.log(`[start] ${line}`);
/** Sub-step output, minus npm's noise about user config it does not know. */
const progress = (line: string) => {
	if (!/npm warn Unknown user config/.test(line)) console.log(`  ${line}`);
};
const status = terminalStatus(process.stdout);
// BCRUMBS_LOCAL_DIR: another folder, so a test of `npm start` leaves a developer's own setup alone
const userFolder = process.env.BCRUMBS_LOCAL_DIR || path.join(repoRoot, '.n8n-local');
const stateFile = path.join(userFolder, 'start-state.json');
/** The setup's own phases (build, pack, package install); n8n's install keeps its own log. */
const setupLog = (folder: string) =>
	new PhaseLog({ file: path.join(folder, 'setup.log'), say: progress, status });
/** n8n's start lines are shown; the package's own npm install goes to the setup log. */
const processLog = (phases: PhaseLog) => (line: string) =>
	line.startsWith('[nodes npm] ') ? phases.raw(line) : progress(line);
const DEFAULT_GATEWAY = 'https://gateway.bcrumbs.net/core/gq';

/** Ports of the last run: the credential stores the sandbox URL and bcrumbs the n8n URL, so prefer them. */
function lastPorts(): { n8n?: number; sandbox?: number } {
	try {
		return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		return {};
	}
}

async function pickPort(...candidates: Array<number | undefined>): Promise<number | undefined> {
	for (const p of candidates) if (p && (await isPortFree(p))) return p;
	return undefined; // N8nProcess / the sandbox then take any free port
}

/** Real gateway when BCRUMBS_API_KEY is set; the in-process sandbox otherwise. */
function realGateway(): CredentialData | undefined {
	const apiKey = process.env.BCRUMBS_API_KEY;
	if (!apiKey) return undefined;
	const workspaceId = Number(process.env.BCRUMBS_WORKSPACE_ID);
	if (!Number.isInteger(workspaceId) || workspaceId <= 0)
		throw new Error(
			'BCRUMBS_API_KEY is set: set BCRUMBS_WORKSPACE_ID to the numeric workspace ID too',
		);
	return { apiKey, workspaceId, gatewayUrl: process.env.BCRUMBS_GATEWAY_URL || DEFAULT_GATEWAY };
}

async function ensureLocalN8n(): Promise<void> {
	say(`checking the local n8n install (the first run installs n8n ${N8N_VERSION}: a few minutes)`);
	await ensureN8n({ log: progress, status });
}

/** `--queue`: the whole queue-mode cluster in a temp folder (localN8n/queueStart.ts). */
async function startQueue(): Promise<void> {
	await ensureLocalN8n();
	const phases = setupLog(path.join(cacheDir, 'queue-start'));
	return startQueueMode({ say, phases, processLog: processLog(phases) });
}

/** What the steps after the preparation need: the last run's ports, the gateway, the package to install. */
interface Prepared {
	previous: { n8n?: number; sandbox?: number };
	/** The real gateway's credential, or undefined for the sandbox */
	real: CredentialData | undefined;
	phases: PhaseLog;
	fingerprint: number;
	/** Empty when the installed package is current */
	tarballs: string[];
}

/** The user folder, n8n's install, and the package built and packed when its sources changed. */
async function prepare(): Promise<Prepared> {
	if (flag('fresh')) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const previous = lastPorts();
	const real = realGateway();

	await ensureLocalN8n();
	const phases = setupLog(userFolder);

	const fingerprint = sourcesFingerprint();
	let tarballs: string[] = [];
	if (flag('rebuild') || !installedPackageIsCurrent(userFolder)) {
		// the e2e suite hands its tarball over (BCRUMBS_E2E_TARBALL) instead of a second build beside it
		tarballs = [await phases.run('building and packing n8n-nodes-bcrumbs', packedTarball)];
	} else say('n8n-nodes-bcrumbs is installed and up to date (--rebuild forces a rebuild)');
	return { previous, real, phases, fingerprint, tarballs };
}

async function startLocalSandbox(previous: Prepared['previous']): Promise<Sandbox> {
	// the documented 4455 first (the credential is updated when it moves; the sandbox starts empty anyway)
	const sandboxPort = await pickPort(Number(option('sandbox-port')), 4455, previous.sandbox);
	const sandbox = await startSandbox({ port: sandboxPort ?? 0 });
	say(`sandbox gateway on ${sandbox.url}`);
	return sandbox;
}

/** n8n with the package, on the last run's port when free; the ports are kept for the next run. */
async function startN8n(
	prepared: Prepared,
	sandbox: Sandbox | undefined,
	webhookUrl: string | undefined,
): Promise<N8nProcess> {
	const { previous, phases, tarballs } = prepared;
	say('starting n8n ...');
	const n8n = await N8nProcess.start({
		userFolder,
		// the last port first: it is part of the webhook URL registered in bcrumbs
		port: await pickPort(Number(option('port')), previous.n8n, 5678),
		packageTarballs: tarballs,
		logLevel: option('log-level') ?? 'info',
		env: webhookUrl ? { N8N_WEBHOOK_URL: webhookUrl, WEBHOOK_URL: webhookUrl } : {},
		log: processLog(phases),
	});
	if (tarballs.length) recordInstalledPackage(userFolder, prepared.fingerprint);
	fs.writeFileSync(
		stateFile,
		JSON.stringify({
			n8n: n8n.port,
			sandbox: sandbox ? Number(new URL(sandbox.url).port) : previous.sandbox,
		}) + '\n',
	);
	return n8n;
}

/** Ctrl-C (or n8n's own exit) stops n8n and the sandbox, once. */
function stopsTogether(n8n: N8nProcess, sandbox: Sandbox | undefined) {
	let stopping = false;
	const shutdown = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the sandbox ...');
		await n8n.stop();
		await sandbox?.close();
		process.exit(code);
	};
	whenStopped(shutdown);
	return { shutdown, stopping: () => stopping };
}

/** The owner, the credential and the "bcrumbs example" workflow, active where bcrumbs can reach n8n. */
async function setUpExample(
	n8n: N8nProcess,
	sandbox: Sandbox | undefined,
	{ real, previous }: Prepared,
	webhookUrl: string | undefined,
) {
	const rest = new N8nRestClient(n8n.baseUrl);
	await rest.ensureOwner();
	const data: CredentialData = real ?? {
		apiKey: SANDBOX_API_KEY,
		workspaceId: 12,
		gatewayUrl: sandbox!.url,
	};
	const credential = await upsertCredential(rest, real ? 'Bcrumbs API' : 'Bcrumbs sandbox', data);
	const { workflow, changed } = await upsertExampleWorkflow(rest, credential);
	const gatewayMoved =
		!real &&
		previous.sandbox !== undefined &&
		previous.sandbox !== Number(new URL(sandbox!.url).port);

	// A real bcrumbs cannot reach localhost: activate against it only with a public --webhook-url.
	let activation = 'inactive: start with --webhook-url <public URL> to receive real bcrumbs events';
	if (!real || webhookUrl) {
		await ensureActive(rest, workflow, changed || gatewayMoved);
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-bcrumbs.bcrumbsTrigger') as {
			webhookId?: string;
		};
		const hookUrl = n8n.productionWebhookUrl(`${trigger.webhookId}/webhook`);
		// n8n re-activates at startup; if that failed (e.g. the gateway was down), publish again
		if (sandbox && !sandbox.webhooks().some((w) => w.url === hookUrl))
			await ensureActive(rest, await rest.getWorkflow(workflow.id), true);
		// the SMPP receipt is registered at the trigger's receipt path: counted with the others
		activation = sandbox
			? `active, ${sandbox.webhooks().filter((w) => isForEndpoint(w, hookUrl)).length} events registered in the sandbox`
			: 'active';
	}
	return { workflow, data, activation };
}

function printReady(
	n8n: N8nProcess,
	sandbox: Sandbox | undefined,
	example: Awaited<ReturnType<typeof setUpExample>>,
	{ real, seconds }: { real: boolean; seconds: number },
): void {
	const { workflow, data, activation } = example;
	const sandboxPort = sandbox ? new URL(sandbox.url).port : '';
	console.log(`
  n8n ${n8n.install.version} is ready in ${seconds.toFixed(1)} s
  editor:      http://localhost:${n8n.port}   (login ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password})
  workflow:    "${EXAMPLE_WORKFLOW}" ${activation}
               http://localhost:${n8n.port}/workflow/${workflow.id}
  gateway:     ${real ? `${data.gatewayUrl} (real bcrumbs, workspace ${data.workspaceId})` : `${sandbox!.url} (sandbox; key ${SANDBOX_API_KEY}, workspace 12)`}
${sandbox ? `  emit events: npm run sandbox:emit -- INCOMING_MESSAGE --port ${sandboxPort}   (or: all)\n` : ''}  data + log:  .n8n-local/ (n8n.log)
  Ctrl-C stops everything.
`);
}

/** --follow prints n8n's log as it grows; n8n dying on its own ends the session too (the sandbox alone is of no use). */
function watch(n8n: N8nProcess, session: ReturnType<typeof stopsTogether>): void {
	if (flag('follow')) {
		let offset = n8n.logs().length;
		setInterval(() => {
			const text = n8n.logs();
			if (text.length > offset) process.stdout.write(text.slice(offset));
			offset = text.length;
		}, 500);
	}
	const watcher = setInterval(() => {
		if (!n8n.running && !session.stopping()) {
			clearInterval(watcher);
			say('n8n exited: see .n8n-local/n8n.log');
			void session.shutdown(1);
		}
	}, 1000);
}

async function main() {
	if (flag('queue')) return startQueue();
	const t0 = Date.now();
	const prepared = await prepare();
	const sandbox = prepared.real ? undefined : await startLocalSandbox(prepared.previous);
	const webhookUrl = option('webhook-url');
	const n8n = await startN8n(prepared, sandbox, webhookUrl);
	const session = stopsTogether(n8n, sandbox);
	const example = await setUpExample(n8n, sandbox, prepared, webhookUrl);
	printReady(n8n, sandbox, example, {
		real: prepared.real !== undefined,
		seconds: (Date.now() - t0) / 1000,
	});
	watch(n8n, session);
}

installStopSignals();
main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
