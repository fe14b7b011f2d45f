/**
 * The two curl examples from the bcrumbs webhooks doc, sent byte for byte,
 * must get the documented response shapes.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { decodeBashAnsiC, ISO_8601, OBJECT_ID, postRaw } from './helpers';

// Copied verbatim from the doc's `curl ... --data-raw $'...'` (between the quotes).
const LIST_CURL_DATA = String.raw`{"operationName":"webhooks","variables":{"input":{"workspaceId":12}},"query":"query webhooks($input: WebhooksInput\u0021) {\\n  webhooks(input: $input) {\\n    nodes {\\n      workspaceId\\n      id\\n      label\\n      url\\n      event\\n      createdAt\\n      __typename\\n    }\\n    __typename\\n  }\\n}\\n"}`;
const CREATE_CURL_DATA = String.raw`{"operationName":"createWebhook","variables":{"input":{"workspaceId":12,"label":"Incoming message webhooks","url":"https://yourwebsite/crm/incoming-messages","event":"INCOMING_MESSAGE","headers":{"x-api-key":"secret-value"}}},"query":"mutation createWebhook($input: WebhookCreateInput!) {\\n  createWebhook(input: $input) {\\n    workspaceId\\n    id\\n    label\\n    url\\n    event\\n    headers\\n    createdAt\\n  }\\n}"}`;

// The doc's "In JSON Format" webhook (trailing comma fixed).
const DOC_WEBHOOK = {
	workspaceId: 12,
	id: '67642054b6cc2888638e4600',
	url: 'https://yourwebsite/crm/incoming-messages....',
	label: 'Incoming message webhooks',
	event: 'INCOMING_MESSAGE ',
	createdAt: '2024-12-19T13:32:04.009Z',
};

// The doc's createWebhook response.
const DOC_CREATE_RESPONSE = {
	data: {
		createWebhook: {
			workspaceId: 12,
			id: '67642054b6cc2888638e4600',
			label: 'Incoming message webhooks',
			url: 'https://yourwebsite/crm/incoming-messages',
			event: 'INCOMING_MESSAGE',
			headers: { 'x-api-key': 'secret-value' },
			createdAt: '2024-12-19T13:32:04.009Z',
		},
	},
};

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

test('the curl bodies decode to the JSON curl sends', () => {
	const list = JSON.parse(decodeBashAnsiC(LIST_CURL_DATA));
	expect(list.operationName).toBe('webhooks');
	expect(list.query).toContain(
		'query webhooks($input: WebhooksInput!) {\n  webhooks(input: $input) {',
	);
	const create = JSON.parse(decodeBashAnsiC(CREATE_CURL_DATA));
	expect(create.variables.input.headers).toEqual({ 'x-api-key': 'secret-value' });
});

test('list webhooks curl example returns the documented shape, __typename included', async () => {
	sandbox.addWebhook({ ...DOC_WEBHOOK, event: 'INCOMING_MESSAGE' });
	const res = await postRaw(sandbox, decodeBashAnsiC(LIST_CURL_DATA));
	expect(res.status).toBe(200);
	expect(res.contentType).toMatch(/^application\/json/);
	expect(res.body).toEqual({
		data: {
			webhooks: {
				nodes: [{ ...DOC_WEBHOOK, __typename: 'Webhook' }],
				__typename: 'WebhookConnection',
			},
		},
	});
	// Field order as requested (and as in the doc).
	expect(Object.keys(res.body.data.webhooks.nodes[0])).toEqual([
		'workspaceId',
		'id',
		'label',
		'url',
		'event',
		'createdAt',
		'__typename',
	]);
});

test('create webhook curl example returns the documented shape', async () => {
	const res = await postRaw(sandbox, decodeBashAnsiC(CREATE_CURL_DATA));
	expect(res.status).toBe(200);
	const created = res.body.data.createWebhook;
	expect(Object.keys(res.body)).toEqual(['data']);
	expect(Object.keys(created)).toEqual(Object.keys(DOC_CREATE_RESPONSE.data.createWebhook));
	expect(created).toEqual({
		...DOC_CREATE_RESPONSE.data.createWebhook,
		id: expect.stringMatching(OBJECT_ID),
		createdAt: expect.stringMatching(ISO_8601),
	});
	expect(sandbox.webhooks()).toEqual([{ ...created }]);
	expect(sandbox.callCount('createWebhook')).toBe(1);
});
