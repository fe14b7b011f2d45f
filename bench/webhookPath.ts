/**
 * 2. Per-request cost inside n8n's webhook path: Bcrumbs Trigger's webhook() against n8n's own Webhook
 * node's webhook() on the same request, both through n8n-core's real WebhookContext, with the same
 * in-memory express-like request and response, and the same answer step n8n takes afterwards.
 * The Webhook node is timed without authentication (its default) and with Header Auth on the same
 * secret header, which is the like-for-like check.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type {
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { WebhookContext } from 'n8n-core';

import { installDir, N8N_VERSION } from '../e2e/harness/install';
import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { exampleEvent } from '../sandbox';
import { additionalDataFor, nodeTypesOf } from '../support/n8nHarness';
import { compareAsyncCosts } from './timing';

// BcrumbsTrigger.node.json sits beside the .ts: name the extension, or ts-node would load the JSON
const { BcrumbsTrigger } =
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../nodes/Bcrumbs/BcrumbsTrigger.node.ts') as typeof import('../nodes/Bcrumbs/BcrumbsTrigger.node');

const WEBHOOK_NODE_FILE = 'n8n-nodes-base/dist/nodes/Webhook/Webhook.node.js';
const SECRET = 'b'.repeat(64);

/** n8n-nodes-base from node_modules if it is a devDependency, else from the e2e harness's real n8n install. */
export function webhookNodePath(): string | undefined {
	try {
		return require.resolve(WEBHOOK_NODE_FILE);
	} catch {
		const cached = join(installDir, 'node_modules', WEBHOOK_NODE_FILE);
		return existsSync(cached) ? cached : undefined;
	}
}

/** Looks like the express request n8n's webhook server hands over: parsed body, raw bytes, query, ip. */
function fakeRequest(bodyText: string) {
	return {
		method: 'POST',
		url: '/webhook/bench/webhook',
		headers: {
			host: '127.0.0.1:5678',
			'content-type': 'application/json',
			'content-length': String(bodyText.length),
			[VERIFICATION_HEADER]: SECRET,
		},
		body: JSON.parse(bodyText) as IDataObject,
		rawBody: Buffer.from(bodyText),
		query: {},
		params: {},
		contentType: 'application/json',
		ip: '127.0.0.1',
		ips: [] as string[],
		readRawBody: async () => undefined,
	};
}

/** Records what was sent; status().json()/send()/end() as on express's response. */
function fakeResponse() {
	const response = {
		statusCode: 200,
		headersSent: false,
		sent: undefined as unknown,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		json(body: unknown) {
			response.sent = body;
			response.headersSent = true;
			return response;
		},
		send(body: unknown) {
			response.sent = body;
			response.headersSent = true;
			return response;
		},
		end(body?: unknown) {
			response.sent = body;
			response.headersSent = true;
			return response;
		},
		writeHead(code: number) {
			response.statusCode = code;
			return response;
		},
		setHeader() {
			return response;
		},
	};
	return response;
}

interface Subject {
	label: string;
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	credentials: Record<string, IDataObject>;
	/** n8n-workflow's Node subclasses (n8n-nodes-base) take the context as an argument */
	call(context: WebhookContext): Promise<IWebhookResponseData>;
}

function subject(
	label: string,
	nodeType: INodeType,
	node: INode,
	credentials: Record<string, IDataObject>,
	staticData: IDataObject = {},
): Subject {
	const workflow = new Workflow({
		id: 'bench',
		name: 'Bench',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesOf({ [node.type.split('.').pop() as string]: nodeType }),
		staticData,
	});
	const webhook = nodeType.webhook as unknown as (
		this: unknown,
		context?: unknown,
	) => Promise<IWebhookResponseData>;
	// n8n-core does the same: a Node subclass gets the context as its argument, a plain INodeType as `this`
	const call =
		webhook.length === 1
			? (context: WebhookContext) => webhook.call(nodeType, context)
			: (context: WebhookContext) => webhook.call(context);
	return { label, workflow, node, nodeType, credentials, call };
}

/** One request the way n8n serves it: a WebhookContext, webhook(), then the answer for onReceived. */
async function serve(s: Subject, request: ReturnType<typeof fakeRequest>): Promise<unknown> {
	const response = fakeResponse();
	const additionalData = {
		...additionalDataFor(s.credentials as never),
		httpRequest: request,
		httpResponse: response,
	};
	const description = s.nodeType.description.webhooks![0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: s.node.name,
		path: 'webhook',
		webhookDescription: description,
		workflowId: 'bench',
		workflowExecuteAdditionalData: additionalData as never,
		webhookId: s.node.webhookId,
		isTest: false,
	};
	const context = new WebhookContext(
		s.workflow,
		s.node,
		additionalData as never,
		'webhook',
		webhookData,
		[],
		null,
	);
	const result = await s.call(context);
	if (!result.noWebhookResponse)
		response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
	return result.workflowData
		? response
		: Promise.reject(new Error(`${s.label} started no execution (status ${response.statusCode})`));
}

export interface WebhookPathResult {
	skipped?: string;
	webhookNodeFile?: string;
	usPerRequest?: Record<string, number>;
	/** Bcrumbs Trigger / Webhook node (no auth); target <= 1.0 */
	ratio?: number;
	/** Bcrumbs Trigger / Webhook node with Header Auth on the same header */
	ratioHeaderAuth?: number;
}

/** Bcrumbs Trigger holding its registered secret, and n8n's Webhook node without and with Header Auth. */
function benchSubjects(webhookNode: INodeType) {
	const webhookParams = (authentication: string) => ({
		httpMethod: 'POST',
		path: 'bench',
		authentication,
		responseMode: 'onReceived',
		options: {},
	});
	const base = {
		typeVersion: 1,
		position: [0, 0] as [number, number],
		webhookId: '1c8f3e0a-5a5b-4f2e-9d43-0b6a7f1e2c3d',
	};
	const bcrumbsNode: INode = {
		...base,
		id: 'b',
		name: 'Bcrumbs Trigger',
		type: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
		parameters: { events: ['INCOMING_MESSAGE'], options: {} },
		credentials: { bcrumbsApi: { id: '1', name: 'bcrumbs' } },
	};
	const held = {
		'node:Bcrumbs Trigger': {
			endpoints: {
				production: {
					url: 'http://localhost:5678/webhook/bench/webhook',
					secret: SECRET,
					registrations: [{ id: 'r1', event: 'INCOMING_MESSAGE' }],
				},
			},
		},
	};
	const plainNode: INode = {
		...base,
		typeVersion: 2.1,
		id: 'w',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		parameters: webhookParams('none'),
	};
	const authNode: INode = {
		...plainNode,
		id: 'h',
		parameters: webhookParams('headerAuth'),
		credentials: { httpHeaderAuth: { id: '2', name: 'header' } },
	};
	return [
		subject('Bcrumbs Trigger', new BcrumbsTrigger(), bcrumbsNode, {}, held),
		subject('Webhook node (no auth)', webhookNode, plainNode, {}),
		subject('Webhook node (Header Auth)', webhookNode, authNode, {
			httpHeaderAuth: { name: VERIFICATION_HEADER, value: SECRET },
		}),
	];
}

export async function runWebhookPath(iterations = 2000, rounds = 7): Promise<WebhookPathResult> {
	const file = webhookNodePath();
	if (!file)
		return {
			skipped: `n8n-nodes-base not found (neither a devDependency nor in ${installDir}): run npm run e2e:install`,
		};
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is only known at run time
	const { Webhook } = require(file) as { Webhook: new () => INodeType };
	const subjects = benchSubjects(new Webhook());
	// a pool of requests, rotated: each subject sees the same requests in the same order
	const pool = Array.from({ length: 64 }, () =>
		fakeRequest(JSON.stringify(exampleEvent('INCOMING_MESSAGE'))),
	);
	for (const s of subjects) await serve(s, pool[0]); // proves each one starts an execution
	const costs = await compareAsyncCosts(
		subjects.map((s) => (i: number) => serve(s, pool[i & 63])),
		iterations,
		rounds,
	);
	const usPerRequest = Object.fromEntries(subjects.map((s, k) => [s.label, costs[k]]));
	return {
		webhookNodeFile: file.includes('.cache')
			? `from .cache/n8n-${N8N_VERSION}`
			: 'from node_modules',
		usPerRequest,
		ratio: costs[0] / costs[1],
		ratioHeaderAuth: costs[0] / costs[2],
	};
}
