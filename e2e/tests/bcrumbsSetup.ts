// Shared by the bcrumbs e2e files: a real n8n with the packed package, the sandbox gateway,
// workflow/credential builders and a `step` timer. Nothing is mocked between n8n and the sandbox.
import { randomUUID } from 'crypto';
import {
	isSandboxProfile,
	POST_EVENTS,
	SANDBOX_API_KEY,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
	type SandboxProfile,
	type StoredWebhook,
} from '../../sandbox';
import {
	chain,
	manualTriggerNode,
	N8nProcess,
	N8nRestClient,
	nodeOutput,
	noOpNode,
	type Execution,
	type Workflow,
	type WorkflowJson,
} from '../harness';
import { sleep } from '../harness/proc';
import { isForEndpoint } from '../../nodes/Bcrumbs/core/registrations';
import { SMPP_EVENT } from '../../nodes/Bcrumbs/core/webhookEvents';
import { packedTarball } from '../packageUnderTest';

export const TRIGGER_TYPE = 'n8n-nodes-bcrumbs.bcrumbsTrigger';
export const ACTION_TYPE = 'n8n-nodes-bcrumbs.bcrumbs';
export const CREDENTIAL_TYPE = 'bcrumbsApi';
export const SECRET_HEADER = 'x-bcrumbs-n8n-secret';
export const TRIGGER_NODE = 'Bcrumbs Trigger';
export const WORKSPACE_ID = 12;
export const SMPP = SMPP_EVENT;
/** Every event bcrumbs POSTs, then the SMPP receipt, the one GET event. */
export const ALL_EVENTS = [...POST_EVENTS, SMPP] as const;

// ---- timing -----------------------------------------------------------------

const timings: Array<{ name: string; ms: number }> = [];

/** Runs one named step and prints how long it took (the suite must stay within a few minutes). */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		const ms = Date.now() - t0;
		timings.push({ name, ms });
		process.stdout.write(`  [e2e step] ${name}: ${(ms / 1000).toFixed(2)} s\n`);
	}
}

export function printTimings(title: string): void {
	const total = timings.reduce((sum, t) => sum + t.ms, 0);
	const lines = timings.map((t) => `    ${(t.ms / 1000).toFixed(2).padStart(7)} s  ${t.name}`);
	process.stdout.write(
		`\n  [e2e timings] ${title} (${(total / 1000).toFixed(1)} s in steps)\n${lines.join('\n')}\n`,
	);
}

// ---- processes --------------------------------------------------------------

export interface BcrumbsN8n {
	n8n: N8nProcess;
	rest: N8nRestClient;
}

/** A fresh n8n (own user folder, free port) with the packed package installed, owner set up. */
export async function startN8nWithPackage(
	logLevel = 'info',
	env: Record<string, string> = {},
): Promise<BcrumbsN8n> {
	const tarball = await packedTarball();
	const n8n = await N8nProcess.start({ packageTarballs: [tarball], logLevel, env });
	const rest = new N8nRestClient(n8n.baseUrl);
	await rest.setupOwner();
	return { n8n, rest };
}

/** SANDBOX_PROFILE=documented|extended (default extended) picks the gateway the whole e2e suite runs against. */
export function e2eProfile(value = process.env.SANDBOX_PROFILE): SandboxProfile {
	if (value === undefined || value === '') return 'extended';
	if (!isSandboxProfile(value))
		throw new Error(`SANDBOX_PROFILE must be documented or extended, got "${value}"`);
	return value;
}

export async function startSandboxes(...options: SandboxOptions[]): Promise<Sandbox[]> {
	return Promise.all(options.map((o) => startSandbox({ profile: e2eProfile(), ...o })));
}

/** afterAll: stop n8n first (so it makes no more gateway calls), then the sandboxes. */
export async function stopAll(n8n: N8nProcess | undefined, sandboxes: Sandbox[]): Promise<void> {
	await n8n?.stop({ removeUserFolder: true });
	await Promise.all(sandboxes.map((s) => s.close()));
}

// ---- n8n objects ------------------------------------------------------------

export interface CredentialRef {
	id: string;
	name: string;
}

export async function createSandboxCredential(
	rest: N8nRestClient,
	name: string,
	sandbox: Sandbox,
): Promise<CredentialRef> {
	const c = await rest.createCredential({
		name,
		type: CREDENTIAL_TYPE,
		data: { apiKey: SANDBOX_API_KEY, workspaceId: WORKSPACE_ID, gatewayUrl: sandbox.url },
	});
	return { id: c.id, name: c.name };
}

/** Bcrumbs Trigger -> NoOp "Received" (so the editor shows the items). A fixed webhookId, as the editor gives one. */
export function triggerWorkflow(o: {
	name: string;
	credential: CredentialRef;
	events: readonly string[];
	webhookId?: string;
}): WorkflowJson & { webhookId: string } {
	const webhookId = o.webhookId ?? randomUUID();
	return {
		webhookId,
		name: o.name,
		nodes: [
			{
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: [...o.events], options: {} },
				credentials: { [CREDENTIAL_TYPE]: o.credential },
			},
			noOpNode('Received'),
		],
		connections: chain(TRIGGER_NODE, 'Received'),
	};
}

/** Manual Trigger -> Bcrumbs "Create webhook" -> Bcrumbs "List webhooks": the action node run by hand. */
export function createThenList(o: {
	name: string;
	credential: CredentialRef;
	/** The parameters of the create and the getAll operation, besides resource and operation. */
	create: Record<string, unknown>;
	list: Record<string, unknown>;
	/** How far apart the nodes stand on the canvas. */
	spacing: number;
}): WorkflowJson {
	const credentials = { [CREDENTIAL_TYPE]: o.credential };
	const action = (name: string, column: number, parameters: Record<string, unknown>) => ({
		name,
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [column * o.spacing, 0],
		credentials,
		parameters: { resource: 'webhook', ...parameters },
	});
	return {
		name: o.name,
		nodes: [
			manualTriggerNode(),
			action('Create webhook', 1, { operation: 'create', ...o.create }),
			action('List webhooks', 2, { operation: 'getAll', ...o.list }),
		],
		connections: chain('Start', 'Create webhook', 'List webhooks'),
	};
}

/** n8n's production URL for the trigger's webhook (path `webhook`). */
export const productionUrl = (n8n: N8nProcess, webhookId: string) =>
	n8n.productionWebhookUrl(`${webhookId}/webhook`);
export const testUrl = (n8n: N8nProcess, webhookId: string) =>
	n8n.testWebhookUrl(`${webhookId}/webhook`);

export interface StoredTrigger {
	json: ReturnType<typeof triggerWorkflow>;
	workflow: Workflow;
	/** The URL its registrations are for: n8n's production URL, or the test URL of "Listen for test event". */
	url: string;
}

/** Saves a Bcrumbs Trigger workflow (inactive) in n8n and names the URL it will register. */
export async function createTrigger(
	{ n8n, rest }: BcrumbsN8n,
	workflow: Parameters<typeof triggerWorkflow>[0],
	urlOf: typeof productionUrl | typeof testUrl = productionUrl,
): Promise<StoredTrigger> {
	const json = triggerWorkflow(workflow);
	return { json, workflow: await rest.createWorkflow(json), url: urlOf(n8n, json.webhookId) };
}

// ---- observations -----------------------------------------------------------

/** The registrations for n8n's URL; the SMPP receipt's carries a token in its query. */
/** The registrations of one trigger URL, its SMPP receipt's (at its receipt path) included. */
export const registrationsFor = (sandbox: Sandbox, url: string): StoredWebhook[] =>
	sandbox.webhooks().filter((w) => isForEndpoint(w, url));

/** "exactly one registration per (URL, event)": the sorted event list, duplicates included. */
export const eventsOf = (webhooks: StoredWebhook[]) => webhooks.map((w) => w.event.trim()).sort();
export const sorted = (events: readonly string[]) => [...events].sort();

export async function executionCount(rest: N8nRestClient, workflowId: string): Promise<number> {
	return (await rest.listExecutions(workflowId, 250)).length;
}

/** Waits for `expected` more finished executions than `before`; returns the new ones (with run data), oldest first. */
export async function newExecutions(
	rest: N8nRestClient,
	workflowId: string,
	before: number,
	expected: number,
): Promise<Execution[]> {
	const list = await rest.waitForExecutions(workflowId, before + expected, 30_000);
	const fresh = list.slice(0, list.length - before).reverse();
	return Promise.all(fresh.map((e) => rest.getExecution(e.id)));
}

/** The trigger's output items in one execution. */
export const triggerItems = (e: Execution) =>
	nodeOutput(e, TRIGGER_NODE) as Array<Record<string, any>>;

/** Waits a moment and proves nothing new started (n8n records an execution within ~100 ms of a delivery). */
export async function expectNoNewExecution(
	rest: N8nRestClient,
	workflowId: string,
	before: number,
	waitMs = 1500,
): Promise<void> {
	await sleep(waitMs);
	const after = await executionCount(rest, workflowId);
	if (after !== before)
		throw new Error(`Expected no new execution of ${workflowId}, but there are ${after - before}`);
}

/** A raw request to n8n, as an outside sender would make it. */
export async function send(
	url: string,
	init: RequestInit = {},
): Promise<{ status: number; contentType: string | null; body: string }> {
	const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
	return {
		status: res.status,
		contentType: res.headers.get('content-type'),
		body: await res.text(),
	};
}

/** A POST of a JSON body (sent as given, so a signature over it holds), with any further headers. */
export const postJson = (url: string, body: string, headers: Record<string, string> = {}) =>
	send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
