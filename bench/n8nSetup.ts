/**
 * One real n8n of the selected lane (the e2e harness's install) with this package packed and installed, the sandbox
 * gateway, and two active workflows that end the same way (a NoOp node): Bcrumbs Trigger, and n8n's own
 * Webhook node with Header Auth on the same header. Executions are started but not saved on success
 * (same setting for both), so the figures are about the webhook path rather than sqlite.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, N8nProcess, N8nRestClient, type WorkflowJson } from '../e2e/harness';
import { installDir, N8N_VERSION } from '../e2e/harness/install';
import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { exampleEvent, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';

export interface LoadTarget {
	label: string;
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface BenchN8n {
	n8n: N8nProcess;
	rest: N8nRestClient;
	sandbox: Sandbox;
	inspectorPort: number;
	bcrumbs: LoadTarget;
	webhook: LoadTarget;
	/** a second, identical Webhook-node workflow: its ratio to `webhook` is the machine's noise */
	control: LoadTarget;
	stop(): Promise<void>;
}

const SETTINGS = {
	saveDataSuccessExecution: 'none',
	saveManualExecutions: false,
	executionOrder: 'v1',
};

/** Why the real-n8n part cannot run here, or undefined when it can. */
export function n8nUnavailable(): string | undefined {
	return existsSync(join(installDir, '.harness-installed.json'))
		? undefined
		: `n8n ${N8N_VERSION} is not installed (run npm run e2e:install)`;
}

type TriggerNode = WorkflowJson['nodes'][number];
type CredentialRef = { id: string; name: string };

export interface BenchCredentials {
	bcrumbs: CredentialRef;
	headerAuth: CredentialRef;
	/** the Header Auth value the Webhook node checks, on the same header Bcrumbs Trigger uses */
	headerSecret: string;
}

/** The credentials both sides use: the sandbox's bcrumbs key, and Header Auth for the Webhook node. */
export async function createBenchCredentials(
	rest: N8nRestClient,
	sandbox: Sandbox,
): Promise<BenchCredentials> {
	const bcrumbs = await rest.createCredential({
		name: 'bcrumbs sandbox',
		type: 'bcrumbsApi',
		data: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
	});
	const headerSecret = randomBytes(32).toString('hex');
	const headerAuth = await rest.createCredential({
		name: 'header auth',
		type: 'httpHeaderAuth',
		data: { name: VERIFICATION_HEADER, value: headerSecret },
	});
	return {
		bcrumbs: { id: bcrumbs.id, name: bcrumbs.name },
		headerAuth: { id: headerAuth.id, name: headerAuth.name },
		headerSecret,
	};
}

export function bcrumbsTriggerNode(credentials: BenchCredentials): TriggerNode {
	return {
		name: 'Bcrumbs Trigger',
		type: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { events: ['INCOMING_MESSAGE'], options: {} },
		credentials: { bcrumbsApi: credentials.bcrumbs },
	};
}

/** n8n's Webhook node on `path`, answering on receipt, with Header Auth on the same header. */
export function webhookNode(credentials: BenchCredentials, path: string): TriggerNode {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: path,
		parameters: {
			httpMethod: 'POST',
			path,
			authentication: 'headerAuth',
			responseMode: 'onReceived',
			options: {},
		},
		credentials: { httpHeaderAuth: credentials.headerAuth },
	};
}

function endingInNoOp(name: string, trigger: WorkflowJson['nodes'][number]): WorkflowJson {
	return {
		name,
		nodes: [
			trigger,
			{
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { [trigger.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: SETTINGS,
	};
}

export async function startBenchN8n(
	tarball: string,
	log: (line: string) => void,
): Promise<BenchN8n> {
	const sandbox = await startSandbox();
	let n8n: N8nProcess | undefined;
	try {
		const inspectorPort = await freePort();
		n8n = await N8nProcess.start({
			packageTarballs: [tarball],
			env: {
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
				// the inspector stays closed until forceGc() sends SIGUSR1, after every timing
				NODE_OPTIONS: `--inspect-port=127.0.0.1:${inspectorPort}`,
			},
		});
		log(`  n8n ${n8n.install.version} pid ${n8n.pid} on ${n8n.baseUrl}`);
		const rest = new N8nRestClient(n8n.baseUrl);
		await rest.setupOwner();
		const credentials = await createBenchCredentials(rest, sandbox);
		const bcrumbsFlow = await rest.createWorkflow(
			endingInNoOp('bench: Bcrumbs Trigger', bcrumbsTriggerNode(credentials)),
		);
		const webhookPath = randomUUID();
		const webhookFlow = await rest.createWorkflow(
			endingInNoOp('bench: Webhook node', webhookNode(credentials, webhookPath)),
		);
		const controlPath = randomUUID();
		const controlFlow = await rest.createWorkflow(
			endingInNoOp('bench: Webhook node (control)', webhookNode(credentials, controlPath)),
		);
		for (const flow of [bcrumbsFlow, webhookFlow, controlFlow]) await rest.activate(flow.id);

		const [registration] = sandbox.webhooks();
		const registeredSecret = registration?.headers?.[VERIFICATION_HEADER];
		if (!registeredSecret)
			throw new Error('Bcrumbs Trigger registered no webhook with a secret header in the sandbox');
		const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
		const json = { 'content-type': 'application/json' };
		const running = n8n;
		return {
			n8n: running,
			rest,
			sandbox,
			inspectorPort,
			// sent to 127.0.0.1 (the registered URL says localhost: same server, no IPv6 lookup)
			bcrumbs: {
				label: 'Bcrumbs Trigger',
				url: registration.url.replace('//localhost:', '//127.0.0.1:'),
				headers: { ...json, [VERIFICATION_HEADER]: registeredSecret },
				body,
			},
			webhook: {
				label: 'Webhook node',
				url: `${running.baseUrl}/webhook/${webhookPath}`,
				headers: { ...json, [VERIFICATION_HEADER]: credentials.headerSecret },
				body,
			},
			control: {
				label: 'Webhook node (control)',
				url: `${running.baseUrl}/webhook/${controlPath}`,
				headers: { ...json, [VERIFICATION_HEADER]: credentials.headerSecret },
				body,
			},
			stop: async () => {
				await running.stop({ removeUserFolder: true });
				await sandbox.close();
			},
		};
	} catch (error) {
		await n8n?.stop({ removeUserFolder: true });
		await sandbox.close();
		throw error;
	}
}
