/**
 * Issue #22, item 8: the API key never travels in clear text. A Gateway URL must use https://, except for
 * loopback addresses (the sandbox); the action node, the trigger and the credential itself refuse before
 * any connection is opened.
 */
import { Socket } from 'node:net';

import { BcrumbsApi } from '../../credentials/BcrumbsApi.credentials';
import { Bcrumbs } from '../../nodes/Bcrumbs/Bcrumbs.node';
import {
	GATEWAY_URL_INVALID,
	GATEWAY_URL_NOT_HTTPS,
	gatewayUrlProblem,
	isLoopbackHostname,
} from '../../nodes/Bcrumbs/core/gatewayUrl';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import { executeNode } from '../../support/n8nHarness';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';

const PLAIN_HTTP = 'http://gateway.example.com/core/gq';

describe('gatewayUrlProblem', () => {
	it.each([
		'https://gateway.bcrumbs.net/core/gq',
		'HTTPS://Gateway.Example.com:8443/core/gq',
		'https://203.0.113.7/core/gq',
		'http://127.0.0.1:4455/core/gq',
		'http://127.8.9.10/core/gq',
		'http://127.1:4455/core/gq',
		'http://[::1]:4455/core/gq',
		'http://localhost:4455/core/gq',
		'http://LOCALHOST./core/gq',
		' http://127.0.0.1:4455/core/gq ',
	])('accepts %s', (url) => {
		expect(gatewayUrlProblem(url)).toBeUndefined();
	});

	it.each([
		PLAIN_HTTP,
		'http://example.com/core/gq',
		'http://10.0.0.5/core/gq',
		'http://128.0.0.1/core/gq',
		'http://127.0.0.1.example.com/core/gq',
		'http://localhost.example.com/core/gq',
		// a subdomain of localhost may be resolved through DNS
		'http://sandbox.localhost:4455/core/gq',
		'http://[::2]/core/gq',
		'http://[::ffff:10.0.0.1]/core/gq',
		'ws://127.0.0.1:4455/core/gq',
		'ftp://gateway.example.com/core/gq',
	])('refuses %s: the API key would travel in clear text', (url) => {
		expect(gatewayUrlProblem(url)).toBe(GATEWAY_URL_NOT_HTTPS);
	});

	it('says why, and never quotes the URL (it may carry a token)', () => {
		expect(GATEWAY_URL_NOT_HTTPS).toMatch(/must use https:\/\/.*clear text.*loopback/);
		expect(gatewayUrlProblem('http://gateway.example.com/core/gq?token=t0k3n')).not.toContain(
			't0k3n',
		);
	});

	it.each(['', 'gateway.bcrumbs.net/core/gq', 'not a url', undefined])(
		'refuses %p as not a URL',
		(url) => {
			expect(gatewayUrlProblem(url)).toBe(GATEWAY_URL_INVALID);
		},
	);

	it('knows the loopback host names', () => {
		const loopback = ['127.0.0.1', '127.255.255.254', '[::1]', 'localhost'];
		expect(loopback.filter((host) => !isLoopbackHostname(host))).toEqual([]);
		const others = [
			'128.0.0.1',
			'[::2]',
			'localhost.com',
			'mylocalhost',
			'0.0.0.0',
			'10.127.0.1',
			'a.b.localhost',
		];
		expect(others.filter(isLoopbackHostname)).toEqual([]);
	});
});

describe("the credential's authenticate", () => {
	const credentials = { apiKey: 'bck_key_0123456789', workspaceId: 12 };

	it('adds the raw key as the authorization header for https:// and loopback http://', async () => {
		const credential = new BcrumbsApi();
		for (const url of ['https://gateway.bcrumbs.net/core/gq', 'http://127.0.0.1:4455/core/gq']) {
			const request = await credential.authenticate(credentials, {
				url,
				method: 'POST',
				headers: { 'content-type': 'application/json' },
			});
			expect(request).toMatchObject({
				url,
				headers: { 'content-type': 'application/json', authorization: 'bck_key_0123456789' },
			});
		}
	});

	it("reads the URL of n8n's older request options (uri), as the HTTP Request node sends them", async () => {
		const credential = new BcrumbsApi();
		const legacy = { uri: 'https://gateway.bcrumbs.net/core/gq', method: 'POST' } as never;
		await expect(credential.authenticate(credentials, legacy)).resolves.toMatchObject({
			headers: { authorization: 'bck_key_0123456789' },
		});
		await expect(
			credential.authenticate(credentials, { uri: PLAIN_HTTP, method: 'POST' } as never),
		).rejects.toThrow(GATEWAY_URL_NOT_HTTPS);
	});

	it('refuses to add the key to a request for plain http:// (any node, an HTTP Request node too)', async () => {
		const credential = new BcrumbsApi();
		await expect(
			credential.authenticate(credentials, { url: PLAIN_HTTP, method: 'POST' }),
		).rejects.toThrow(GATEWAY_URL_NOT_HTTPS);
		await expect(
			credential.authenticate(credentials, {
				url: '/core/gq',
				baseURL: 'http://gateway.example.com',
			}),
		).rejects.toThrow(GATEWAY_URL_NOT_HTTPS);
	});

	it('tells in the Gateway URL field that https:// is required', () => {
		const field = new BcrumbsApi().properties.find(({ name }) => name === 'gatewayUrl');
		expect(field?.description).toMatch(/must use https:\/\/.*loopback/);
	});
});

describe('the nodes refuse a plain-http gateway before opening any connection', () => {
	let sandbox: Sandbox;
	let connect: jest.SpyInstance;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		connect = jest.spyOn(Socket.prototype, 'connect');
	});
	afterEach(() => connect.mockRestore());

	const listing = (gatewayUrl: string, continueOnFail = false) =>
		executeNode({
			nodeType: new Bcrumbs(),
			typeName: 'n8n-nodes-bcrumbs.bcrumbs',
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true },
			credentials: { bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl } },
			continueOnFail,
		});

	it('the action node: a NodeOperationError saying why, and no connection', async () => {
		const failure = (await listing(PLAIN_HTTP).catch((error: unknown) => error)) as Error & {
			description?: string;
		};
		expect(failure.constructor.name).toBe('NodeOperationError');
		expect(failure.message).toBe(GATEWAY_URL_NOT_HTTPS);
		expect(failure.description).toMatch(/Gateway URL.*https:\/\//);
		expect(connect).not.toHaveBeenCalled();
	});

	it('the action node with Continue On Fail: an error item, and no connection', async () => {
		const [items] = await listing(PLAIN_HTTP, true);
		expect(items).toEqual([
			{
				json: { error: GATEWAY_URL_NOT_HTTPS, description: expect.stringMatching(/https:\/\//) },
				pairedItem: { item: 0 },
			},
		]);
		expect(connect).not.toHaveBeenCalled();
	});

	it('the action node on the loopback sandbox over http:// works (and the spy sees its connection)', async () => {
		const [items] = await listing(sandbox.url);
		expect(Array.isArray(items)).toBe(true);
		expect(sandbox.callCount('webhooks')).toBe(1);
		expect(connect).toHaveBeenCalled();
	});

	it('the trigger: activation fails saying why, and no connection', async () => {
		const trigger = bcrumbsTrigger({ url: PLAIN_HTTP }, { events: ['NEW_CONV'] });
		await expect(trigger.activate()).rejects.toThrow(GATEWAY_URL_NOT_HTTPS);
		expect(connect).not.toHaveBeenCalled();
		await trigger.close();
	});
});
