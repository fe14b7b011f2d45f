/**
 * Drives a webhook trigger node the way n8n does, through n8n-core's real HookContext and WebhookContext
 * around a real Workflow: activation (checkExists, then create when needed), deactivation (delete), and
 * deliveries over real HTTP into an express app that hands request and response to the node, as n8n's
 * webhook server does (raw body kept for signatures, JSON parsed, onReceived answers).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	WebhookType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { additionalDataFor, nodeTypesOf } from './n8nHarness';

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: INode['parameters'];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Static data saved by an earlier run: pass it to simulate an n8n restart */
	staticData?: IDataObject;
	workflowId?: string;
	webhookId?: string;
	/** The node's id; each harness gets its own unless two stand for the same node */
	nodeId?: string;
	/** The workflow's time zone (Workflow Settings); n8n's default when missing */
	timezone?: string;
}

export interface Delivery {
	method?: 'POST' | 'GET';
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: string;
	query?: Record<string, string>;
	/** Deliver to the test webhook ("Listen for test event") instead of the production one */
	test?: boolean;
}

export interface DeliveryOutcome {
	status: number;
	body: unknown;
	/** The items the workflow would start with, or undefined when no execution starts */
	items?: IDataObject[];
	/** What the node threw: n8n shows it on the trigger in the editor */
	error?: unknown;
}

export class TriggerHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	private server?: Server;
	private baseUrl = '';
	private lastOutcome?: { result?: IWebhookResponseData; error?: unknown };
	/** The items of every execution the node started, in order: what a workflow would have received */
	readonly executions: IDataObject[][] = [];

	constructor(private options: TriggerHarnessOptions) {
		this.node = {
			id: options.nodeId ?? randomUUID(), // as n8n gives every node its own id
			name: 'Bcrumbs Trigger',
			type: options.typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: options.webhookId ?? '6f0b6c1e-2f4a-4d8e-9a77-3c2b1d0e9f11',
			credentials: Object.fromEntries(
				Object.keys(options.credentials ?? {}).map((type) => [type, { id: '1', name: type }]),
			),
		};
		this.workflow = new Workflow({
			id: options.workflowId ?? 'wf1',
			name: 'Support inbox',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: nodeTypesOf({ [options.typeName.split('.').pop() as string]: options.nodeType }),
			staticData: options.staticData ?? {},
			...(options.timezone ? { settings: { timezone: options.timezone } } : {}),
		});
	}

	/** The node's static data, as getWorkflowStaticData('node') sees it */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The whole workflow's static data as n8n would save it to the database */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	private webhookData(name: WebhookType, isTest: boolean): IWebhookData {
		const description = this.options.nodeType.description.webhooks!.find(
			(webhook) => webhook.name === name,
		)!;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: 'webhook',
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalDataFor(
				this.options.credentials ?? {},
				this.baseUrl || undefined,
			),
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private hookContext(
		isTest: boolean,
		mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger',
	): HookContext {
		return new HookContext(
			this.workflow,
			this.node,
			additionalDataFor(this.options.credentials ?? {}, this.baseUrl || undefined),
			mode,
			isTest ? 'manual' : 'activate',
			this.webhookData('default', isTest),
		);
	}

	/** `mode` as n8n passes it: 'trigger' on activation, 'manual' for test webhooks, 'internal' when n8n tears test webhooks down */
	async runHook(
		method: 'checkExists' | 'create' | 'delete',
		isTest = false,
		mode?: WorkflowExecuteMode,
	): Promise<boolean | undefined> {
		const hooks = this.options.nodeType.webhookMethods!.default!;
		return await hooks[method]!.call(this.hookContext(isTest, mode));
	}

	/** n8n gives every "Listen for test event" fresh static data */
	forgetStaticData(): void {
		for (const key of Object.keys(this.workflow.staticData)) delete this.workflow.staticData[key];
	}

	/** What n8n does on activation: create only when checkExists says the webhook is missing. */
	async activate(isTest = false): Promise<void> {
		if (!(await this.runHook('checkExists', isTest))) await this.runHook('create', isTest);
	}

	async deactivate(isTest = false): Promise<void> {
		await this.runHook('delete', isTest);
	}

	/** The user edits the credential (a rotated API key): later lifecycle calls and deliveries read the new one */
	useCredentials(credentials: Record<string, ICredentialDataDecryptedObject>): void {
		this.options.credentials = credentials;
	}

	/** n8n's instance id, as the node's contexts report it (webhook secrets are derived with it) */
	instanceId(): string {
		return this.hookContext(false).getInstanceId();
	}

	webhookUrl(isTest = false): string {
		return this.hookContext(isTest).getNodeWebhookUrl('default') as string;
	}

	/** Starts the local webhook server; from then on the node's webhook URLs point at it, so a sandbox delivers here. */
	async listen(): Promise<string> {
		const app = express();
		app.use(
			express.json({
				verify: (request, _response, buffer) =>
					((request as unknown as { rawBody: Buffer }).rawBody = buffer),
			}),
		);
		// n8n routes the receipt path (receipt/:token, stored under the webhook id) as <id>/<id>/receipt/<token>
		app.get('/:mode/:webhookId/:again/receipt/:token', (request, response) =>
			handle(request, response),
		);
		app.all('/:mode/*rest', (request, response) => handle(request, response));
		const handle = async (request: express.Request, response: express.Response) => {
			const isTest = request.params.mode === 'webhook-test';
			const name: WebhookType = request.method === 'GET' ? 'setup' : 'default';
			const additionalData = {
				...additionalDataFor(this.options.credentials ?? {}, this.baseUrl || undefined),
				httpRequest: request,
				httpResponse: response,
			};
			const context = new WebhookContext(
				this.workflow,
				this.node,
				additionalData as never,
				isTest ? 'manual' : 'webhook',
				this.webhookData(name, isTest),
				[],
				null,
			);
			try {
				const result = await this.options.nodeType.webhook!.call(context);
				this.lastOutcome = { result };
				if (result.workflowData)
					this.executions.push(result.workflowData[0].map((item) => item.json));
				if (result.noWebhookResponse) return;
				response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
			} catch (error) {
				this.lastOutcome = { error };
				response.status(500).json({ message: (error as Error).message });
			}
		};
		this.server = await new Promise<Server>((resolve) => {
			const server = app.listen(0, '127.0.0.1', () => resolve(server));
		});
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.baseUrl;
	}

	/** Sends one request to the node's webhook, as the platform would, and reports what n8n would do. */
	async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
		const path = `${delivery.test ? 'webhook-test' : 'webhook'}/${this.node.webhookId}/webhook`;
		const query = delivery.query ? `?${new URLSearchParams(delivery.query).toString()}` : '';
		const method = delivery.method ?? 'POST';
		this.lastOutcome = undefined;
		const response = await fetch(`${this.baseUrl}/${path}${query}`, {
			method,
			headers: {
				...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
				...delivery.headers,
			},
			body:
				method === 'POST' ? (delivery.rawBody ?? JSON.stringify(delivery.body ?? {})) : undefined,
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		// set by the request handler meanwhile
		const outcome = this.lastOutcome as
			{ result?: IWebhookResponseData; error?: unknown } | undefined;
		const workflowData = outcome?.result?.workflowData;
		return {
			status: response.status,
			body,
			items: workflowData?.[0]?.map((item) => item.json),
			...(outcome?.error !== undefined ? { error: outcome.error } : {}),
		};
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
		this.server?.closeAllConnections?.();
	}
}
