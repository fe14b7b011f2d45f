import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Bcrumbs } from '../../nodes/Bcrumbs/Bcrumbs.node';
import { queryReceiptUrl, receiptToken, receiptUrl } from '../../nodes/Bcrumbs/core/receiptToken';
import { WEBHOOK_EVENT_NAMES } from '../../nodes/Bcrumbs/core/webhookEvents';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import { executeNode } from '../../support/n8nHarness';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

function run(
	parameters: IDataObject,
	options: {
		apiKey?: string;
		workspaceId?: number;
		inputItems?: INodeExecutionData[];
		continueOnFail?: boolean;
	} = {},
) {
	return executeNode({
		nodeType: new Bcrumbs(),
		typeName: 'n8n-nodes-bcrumbs.bcrumbs',
		parameters: { resource: 'webhook', ...parameters } as never,
		credentials: {
			bcrumbsApi: {
				apiKey: options.apiKey ?? SANDBOX_API_KEY,
				workspaceId: options.workspaceId ?? 12,
				gatewayUrl: sandbox.url,
			},
		},
		inputItems: options.inputItems,
		continueOnFail: options.continueOnFail,
	});
}

const create = (parameters: IDataObject, options?: Parameters<typeof run>[1]) =>
	run(
		{
			operation: 'create',
			label: 'CRM hook',
			url: 'https://crm.example.com/in',
			event: 'INCOMING_MESSAGE',
			...parameters,
		},
		options,
	);

describe('Bcrumbs > Webhook > Create', () => {
	it.each(WEBHOOK_EVENT_NAMES)('creates a %s webhook in the workspace', async (event) => {
		const [[item]] = await create({ event, label: `hook ${event}` });
		expect(item.json).toMatchObject({
			event,
			label: `hook ${event}`,
			url: 'https://crm.example.com/in',
			workspaceId: 12,
		});
		expect(item.json.id).toMatch(/^[0-9a-f]{24}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(sandbox.webhooks()).toEqual([
			expect.objectContaining({ id: item.json.id, event, workspaceId: 12 }),
		]);
	});

	it('sends headers from pairs and JSON, merged, and names them in the item', async () => {
		const [[item]] = await create({
			additionalFields: {
				headers: { header: [{ name: 'x-api-key', value: 'pair-value' }] },
				headersJson: '{"x-tenant": "acme"}',
			},
		});
		// the item names the headers but never shows their values (usually secrets; the node can feed an AI agent)
		expect(item.json.headerNames).toEqual(['x-api-key', 'x-tenant']);
		expect(JSON.stringify(item.json)).not.toContain('pair-value');
		expect(sandbox.webhooks()[0].headers).toEqual({
			'x-api-key': 'pair-value',
			'x-tenant': 'acme',
		});
	});

	it.each([
		['ftp://example.com/hook', /http:\/\/ or https:\/\//],
		['not a url', /not a valid URL/],
	])('refuses the URL %s before calling the API', async (url, message) => {
		await expect(create({ url })).rejects.toThrow(message);
		expect(sandbox.callCount()).toBe(0);
	});

	it('refuses headers JSON that is not an object of strings', async () => {
		await expect(create({ additionalFields: { headersJson: '{"x": 1}' } })).rejects.toThrow(
			/must be a string/,
		);
		await expect(create({ additionalFields: { headersJson: '{oops' } })).rejects.toThrow(
			/not valid JSON/,
		);
		expect(sandbox.callCount()).toBe(0);
	});

	it('creates one webhook per input item, each paired with its item', async () => {
		const inputItems = [{ json: { n: 1 } }, { json: { n: 2 } }];
		const [items] = await run(
			{
				operation: 'create',
				label: '={{ "hook " + $json.n }}',
				url: 'https://crm.example.com/in',
				event: 'NEW_CLIENT',
			},
			{ inputItems },
		);
		expect(items.map((item) => [item.json.label, item.pairedItem])).toEqual([
			['hook 1', { item: 0 }],
			['hook 2', { item: 1 }],
		]);
	});
});

describe('Bcrumbs > Webhook > Get Many', () => {
	beforeEach(() => {
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'CRM incoming',
			url: 'https://a.example.com',
			event: 'INCOMING_MESSAGE',
		});
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'CRM clients',
			url: 'https://b.example.com',
			event: 'NEW_CLIENT',
		});
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'Billing',
			url: 'https://c.example.com',
			event: 'INCOMING_MESSAGE',
		});
		sandbox.addWebhook({
			workspaceId: 99,
			label: 'Other workspace',
			url: 'https://d.example.com',
			event: 'INCOMING_MESSAGE',
		});
	});

	it('lists every webhook of the workspace with trimmed event names', async () => {
		const [items] = await run({ operation: 'getAll', returnAll: true });
		expect(items.map((item) => item.json.label).sort()).toEqual([
			'Billing',
			'CRM clients',
			'CRM incoming',
		]);
		// the sandbox pads INCOMING_MESSAGE like the real API does
		expect(items.find((item) => item.json.label === 'Billing')?.json.event).toBe(
			'INCOMING_MESSAGE',
		);
		expect(items[0].json).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			workspaceId: 12,
			label: expect.any(String),
			url: expect.any(String),
			event: expect.any(String),
			createdAt: expect.any(String),
		});
	});

	it('filters by label pattern', async () => {
		const [items] = await run({ operation: 'getAll', returnAll: true, filters: { label: 'crm' } });
		expect(items.map((item) => item.json.label).sort()).toEqual(['CRM clients', 'CRM incoming']);
	});

	it('filters by event', async () => {
		const [items] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { event: 'NEW_CLIENT' },
		});
		expect(items.map((item) => item.json.label)).toEqual(['CRM clients']);
	});

	it('filters by label and event together', async () => {
		const [items] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { label: 'crm', event: 'INCOMING_MESSAGE' },
		});
		expect(items.map((item) => item.json.label)).toEqual(['CRM incoming']);
	});

	it("masks a Bcrumbs Trigger's receipt token, in the path and in the query of URLs registered before", async () => {
		const trigger = 'https://n8n.example.com/webhook/abc/webhook';
		const secret = 'a1'.repeat(32);
		for (const [label, url] of [
			['Receipt', receiptUrl(trigger, secret)],
			['Receipt, registered before', queryReceiptUrl(trigger, secret)],
		])
			sandbox.addWebhook({ workspaceId: 12, label, url, event: 'MESSAGE_UPDATED_SMPP' });
		const [items] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { event: 'MESSAGE_UPDATED_SMPP' },
		});
		expect(
			Object.fromEntries(items.map((item) => [item.json.label as string, item.json.url])),
		).toEqual({
			Receipt: 'https://n8n.example.com/webhook/abc/abc/receipt/[redacted]',
			'Receipt, registered before': `${trigger}?n8n_token=[redacted]`,
		});
		expect(JSON.stringify(items)).not.toContain(receiptToken(secret).slice(0, 8));
	});

	it('applies Limit after the query, and Return All ignores it', async () => {
		const [limited] = await run({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(limited).toHaveLength(2);
		const [all] = await run({ operation: 'getAll', returnAll: true, limit: 2 });
		expect(all).toHaveLength(3);
		expect(sandbox.callCount('webhooks')).toBe(2);
	});
});

describe('Bcrumbs > API failures', () => {
	const list = (options?: Parameters<typeof run>[1]) =>
		run({ operation: 'getAll', returnAll: true }, options);

	async function failureOf(
		promise: Promise<unknown>,
	): Promise<Error & { description?: string; httpCode?: string }> {
		try {
			await promise;
		} catch (error) {
			return error as Error & { description?: string };
		}
		throw new Error('expected a failure');
	}

	it('a wrong API key fails naming the operation, FORBIDDEN and what to check, without the key', async () => {
		const error = await failureOf(list({ apiKey: 'bck_wrong_key_123456' }));
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/bcrumbs webhooks failed: .*FORBIDDEN/);
		expect(error.description).toMatch(/API key and the workspace ID/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(
			'bck_wrong_key_123456',
		);
	});

	it('a workspace the key does not belong to is FORBIDDEN too', async () => {
		const error = await failureOf(list({ workspaceId: 13 }));
		expect(error.message).toMatch(/FORBIDDEN/);
	});

	it('FORBIDDEN fault on create names createWebhook', async () => {
		sandbox.setFault('forbidden');
		const error = await failureOf(create({}));
		expect(error.message).toMatch(/bcrumbs createWebhook failed: .*FORBIDDEN/);
	});

	it('HTTP 500 carries the status and the remote message', async () => {
		sandbox.setFault('http500');
		const error = await failureOf(list());
		expect(error.message).toMatch(/bcrumbs webhooks failed: Internal server error/);
		expect(error.httpCode).toBe('500');
	});

	it('malformed JSON says the answer was not JSON', async () => {
		sandbox.setFault('malformed');
		const error = await failureOf(list());
		expect(error.message).toMatch(
			/bcrumbs webhooks failed: the gateway answered with invalid JSON/,
		);
	});

	it('a slow gateway times out with the operation named', async () => {
		sandbox.setFault('slow', { delayMs: 3000 });
		const error = await failureOf(
			run({ operation: 'getAll', returnAll: true, options: { timeout: 300 } }),
		);
		expect(error.message).toBe('bcrumbs webhooks timed out: no answer within 300 ms');
		expect(error.description).toMatch(/raise the timeout/);
	}, 10000);

	it('an error carries the index of the item that failed', async () => {
		sandbox.setFault('forbidden', { after: 1 });
		const failure = run(
			{ operation: 'create', label: 'h', url: 'https://x.example.com', event: 'NEW_CONV' },
			{ inputItems: [{ json: {} }, { json: {} }] },
		);
		await expect(failure).rejects.toMatchObject({
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});

	it('an unreachable gateway says to check the Gateway URL', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.close();
		const error = await failureOf(
			executeNode({
				nodeType: new Bcrumbs(),
				typeName: 'n8n-nodes-bcrumbs.bcrumbs',
				parameters: { resource: 'webhook', operation: 'getAll', returnAll: true },
				credentials: { bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: url } },
			}),
		);
		expect(error.message).toBe(
			'Could not reach the bcrumbs gateway for webhooks: connection refused',
		);
		expect(error.description).toMatch(/Check the Gateway URL.*ECONNREFUSED/);
	});

	it('continueOnFail turns a failure into an error item paired with its input and goes on', async () => {
		sandbox.setFault('forbidden', { remaining: 1 });
		const [items] = await run(
			{ operation: 'create', label: 'h', url: 'https://x.example.com', event: 'NEW_CONV' },
			{ inputItems: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(items[0]).toEqual({
			json: {
				error: expect.stringMatching(/FORBIDDEN/),
				description: expect.stringMatching(/API key and the workspace ID/),
			},
			pairedItem: { item: 0 },
		});
		expect(items[1].json).toMatchObject({ event: 'NEW_CONV' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
