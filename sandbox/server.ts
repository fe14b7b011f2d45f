/** startSandbox(): wires the store, GraphQL endpoint, deliveries and control routes into one HTTP server. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_WORKSPACE_ID, SANDBOX_API_KEY } from './auth';
import { handleControlRequest, CONTROL_PREFIX } from './controlRoutes';
import { deliverEvent } from './deliver';
import { FaultController } from './faults';
import { DEFAULT_PROFILE, profileFeatures } from './profile';
import {
	createGatewayYoga,
	GRAPHQL_PATH,
	handleGraphqlRequest,
	type GatewayYoga,
} from './graphqlEndpoint';
import { CallCounter } from './graphqlRequestInfo';
import { isLoopbackHost, isLoopbackHostHeader, sendJson, urlHost } from './httpUtil';
import type { Delivery, Sandbox, SandboxOptions } from './types';
import { WebhookStore } from './webhookStore';

/** The gateway behind one sandbox: its keys, webhooks, faults, counters, deliveries and GraphQL endpoint. */
function gatewayState(options: SandboxOptions) {
	const apiKeys = (
		options.apiKeys ?? [{ key: SANDBOX_API_KEY, workspaceId: DEFAULT_WORKSPACE_ID }]
	).map((k) => ({ ...k }));
	const profile = options.profile ?? DEFAULT_PROFILE;
	const features = profileFeatures(profile);
	const initialDeleteMutation = options.deleteMutation ?? features.deleteMutation;
	const padEventNames = options.padEventNames ?? true;
	const { listedHeaders, smppHeaders } = features;

	const store = new WebhookStore();
	let deleteMutation = initialDeleteMutation;
	let yoga: GatewayYoga = createGatewayYoga({
		store,
		deleteMutation,
		padEventNames,
		listedHeaders,
	});
	const setDeleteMutation = (enabled: boolean) => {
		if (enabled === deleteMutation) return;
		deleteMutation = enabled;
		yoga = createGatewayYoga({ store, deleteMutation, padEventNames, listedHeaders });
	};
	return {
		apiKeys,
		profile,
		initialDeleteMutation,
		smppHeaders,
		store,
		faults: new FaultController(),
		calls: new CallCounter(),
		deliveryLog: [] as Delivery[],
		closing: new AbortController(),
		setDeleteMutation,
		yoga: () => yoga,
	};
}

type GatewayState = ReturnType<typeof gatewayState>;

/** What a test or the CLI holds; its URLs are set once the server listens. */
function sandboxHandle(state: GatewayState, close: () => Promise<void>): Sandbox {
	const { store, faults, calls, deliveryLog, setDeleteMutation } = state;
	return {
		profile: state.profile,
		url: '',
		baseUrl: '',
		close,
		setFault: (mode, faultOptions) => faults.set(mode, faultOptions),
		setDeleteMutation,
		reset() {
			store.clear();
			faults.reset();
			calls.reset();
			deliveryLog.length = 0;
			setDeleteMutation(state.initialDeleteMutation);
		},
		webhooks: () => store.all(),
		addWebhook: (input) => store.add(input),
		callCount: (operation) => calls.count(operation),
		async emit(event, emitOptions) {
			const deliveries = await deliverEvent(store, event, emitOptions, {
				smppHeaders: state.smppHeaders,
			});
			deliveryLog.push(...deliveries);
			return structuredClone(deliveries);
		},
		deliveries: () => structuredClone(deliveryLog),
	};
}

async function route(
	req: IncomingMessage,
	res: ServerResponse,
	sandbox: Sandbox,
	state: GatewayState,
): Promise<void> {
	// Before anything else: a page that rebinds its domain to 127.0.0.1 sends its own name as Host.
	if (!isLoopbackHostHeader(req.headers.host))
		return sendJson(res, 403, {
			error: `Host ${JSON.stringify(req.headers.host ?? '')} is not this machine: the sandbox answers requests to localhost, 127.x.x.x or [::1] only`,
		});
	const url = new URL(req.url ?? '/', sandbox.baseUrl);
	if (url.pathname === GRAPHQL_PATH) {
		return handleGraphqlRequest(req, res, url, {
			apiKeys: state.apiKeys,
			faults: state.faults,
			calls: state.calls,
			closing: state.closing.signal,
			yoga: state.yoga,
		});
	}
	if (url.pathname.startsWith(CONTROL_PREFIX)) {
		return handleControlRequest(req, res, url, {
			sandbox,
			callSnapshot: () => state.calls.snapshot(),
		});
	}
	sendJson(res, 404, { error: `Not found: ${req.method} ${url.pathname}` });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	// The control endpoints have no auth, so never expose them beyond this machine.
	if (!isLoopbackHost(host)) throw new Error(`Sandbox only listens on loopback, not on ${host}`);
	const state = gatewayState(options);
	const sandbox = sandboxHandle(state, close);

	const server = createServer((req, res) => {
		route(req, res, sandbox, state).catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: (error as Error).message });
			else res.destroy();
		});
	});

	let closed: Promise<void> | undefined;
	function close(): Promise<void> {
		// Idempotent, so tests can close in both a test body and a finally block.
		closed ??= new Promise<void>((resolve, reject) => {
			state.closing.abort();
			server.close((error) => (error ? reject(error) : resolve()));
			// Keep-alive client connections would otherwise hold close() open.
			server.closeAllConnections();
		});
		return closed;
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	sandbox.baseUrl = `http://${urlHost(host)}:${port}`;
	sandbox.url = `${sandbox.baseUrl}${GRAPHQL_PATH}`;
	return sandbox;
}
