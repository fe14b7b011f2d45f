import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BcrumbsApi, DEFAULT_GATEWAY_URL } from '../../credentials/BcrumbsApi.credentials';
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import { nodeTypesOf, TestCredentialsHelper } from '../../support/n8nHarness';
import { workflowNode } from '../helpers/workflowNode';

/**
 * Runs the credential's declared test the way n8n's credentials tester does: expressions in the request
 * resolved against the credential data by the real expression engine, the credential's `authenticate`
 * applied (an error it throws is the test's message, and nothing is sent), the request sent over HTTP, then
 * each `responseSuccessBody` rule compared against the answer.
 */
async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = new BcrumbsApi();
	const node = workflowNode('n', 'Test', 'n8n-nodes-bcrumbs.bcrumbs');
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({}),
	});
	const resolved = workflow.expression.getParameterValue(
		credential.test.request as never,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: data },
	) as unknown as IHttpRequestOptions;
	let request: IHttpRequestOptions;
	try {
		request = await new TestCredentialsHelper({}).authenticate(
			data,
			'bcrumbsApi',
			resolved,
			workflow,
			node,
		);
	} catch (error) {
		// n8n's credentials tester reports what stopped the request as the test's message
		return { status: 'Error', message: (error as Error).message };
	}
	const response = await fetch(request.url, {
		method: request.method,
		headers: request.headers as Record<string, string>,
		body: JSON.stringify(request.body),
	});
	if (!response.ok) return { status: 'Error', message: `HTTP ${response.status}` };
	const body = (await response.json()) as IDataObject;
	for (const rule of credential.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key
			.split(/[.[\]]+/)
			.filter(Boolean)
			.reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], body);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful' };
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

describe('Bcrumbs API credentials', () => {
	it('declares the documented fields and the default gateway', () => {
		const credential = new BcrumbsApi();
		expect(credential.name).toBe('bcrumbsApi');
		expect(
			credential.properties.map((property) => [property.name, property.type, property.default]),
		).toEqual([
			['apiKey', 'string', ''],
			['workspaceId', 'number', 0],
			['gatewayUrl', 'string', DEFAULT_GATEWAY_URL],
		]);
		expect(credential.properties[0].typeOptions).toEqual({ password: true });
		expect(DEFAULT_GATEWAY_URL).toBe('https://gateway.bcrumbs.net/core/gq');
	});

	it('passes with a good key: the test really queries webhooks with the workspace id', async () => {
		const result = await testCredential({
			apiKey: SANDBOX_API_KEY,
			workspaceId: 12,
			gatewayUrl: sandbox.url,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(sandbox.callCount('webhooks')).toBe(1);
	});

	it('fails with a clear message on a bad key (HTTP 200 + FORBIDDEN)', async () => {
		const result = await testCredential({
			apiKey: 'bck_expired_key_000',
			workspaceId: 12,
			gatewayUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the API key or the workspace ID/);
	});

	it('fails on a workspace the key does not belong to', async () => {
		const result = await testCredential({
			apiKey: SANDBOX_API_KEY,
			workspaceId: 77,
			gatewayUrl: sandbox.url,
		});
		expect(result.message).toMatch(/refused the API key or the workspace ID/);
	});

	it('fails when the URL answers something that is not the webhooks query', async () => {
		const result = await testCredential({
			apiKey: SANDBOX_API_KEY,
			workspaceId: 12,
			gatewayUrl: `${sandbox.baseUrl}/sandbox/calls`,
		});
		expect(result.status).toBe('Error');
	});

	it('refuses a plain-http gateway before sending anything: the key would travel in clear text', async () => {
		const sent = jest.spyOn(globalThis, 'fetch');
		try {
			const result = await testCredential({
				apiKey: SANDBOX_API_KEY,
				workspaceId: 12,
				gatewayUrl: 'http://example.com/core/gq',
			});
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/must use https:\/\/.*clear text.*loopback/),
			});
			expect(sent).not.toHaveBeenCalled();
		} finally {
			sent.mockRestore();
		}
	});

	it('accepts http:// on a loopback address (the sandbox, on 127.0.0.1 and as localhost)', async () => {
		for (const gatewayUrl of [sandbox.url, sandbox.url.replace('127.0.0.1', 'localhost')]) {
			const result = await testCredential({ apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl });
			expect({ gatewayUrl, result }).toEqual({
				gatewayUrl,
				result: { status: 'OK', message: 'Connection successful' },
			});
		}
	});
});
