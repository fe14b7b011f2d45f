import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { gatewayUrlProblem } from '../nodes/Bcrumbs/core/gatewayUrl';

export const DEFAULT_GATEWAY_URL = 'https://gateway.bcrumbs.net/core/gq';

export class BcrumbsApi implements ICredentialType {
	name = 'bcrumbsApi';

	displayName = 'Bcrumbs API';

	icon = 'file:bcrumbs.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'bck_...',
			description:
				'The workspace API key from bcrumbs (Settings > API Keys). Sent as is in the authorization header.',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The numeric ID of the bcrumbs workspace the key belongs to',
		},
		{
			displayName: 'Gateway URL',
			name: 'gatewayUrl',
			type: 'string',
			default: DEFAULT_GATEWAY_URL,
			required: true,
			description:
				'The bcrumbs GraphQL endpoint. Change it only for a sandbox or a self-hosted gateway. It must use https://, because every request carries the API key; http:// is accepted only for loopback addresses (127.0.0.1, localhost) such as the sandbox.',
		},
	];

	/**
	 * bcrumbs expects the raw key, not "Bearer <key>". A function rather than a generic header, so the key is
	 * never sent in clear text: every request n8n authenticates with this credential (the nodes' calls, the
	 * credential test, an HTTP Request node) is refused unless it goes to https:// or to a loopback address.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const problem = gatewayUrlProblem(requestUrl(requestOptions));
		if (problem) throw new UserError(problem);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, authorization: String(credentials.apiKey ?? '') },
		};
	}

	// bcrumbs answers a bad key with HTTP 200 and errors[].extensions.code FORBIDDEN, so the status alone proves nothing
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.gatewayUrl}}',
			headers: { 'content-type': 'application/json' },
			body: {
				operationName: 'webhooks',
				query:
					'query webhooks($input: WebhooksInput!) { webhooks(input: $input) { nodes { id } } }',
				variables: { input: { workspaceId: '={{$credentials.workspaceId}}' } },
			},
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors[0].extensions.code',
					value: 'FORBIDDEN',
					message:
						'bcrumbs refused the API key or the workspace ID: check that the key is valid, not expired, and belongs to this workspace',
				},
			},
			{
				// anything else without a webhooks list (wrong URL, other GraphQL error) must not pass either
				type: 'responseSuccessBody',
				properties: {
					key: 'data.webhooks',
					value: undefined,
					message:
						'The Gateway URL did not answer the bcrumbs webhooks query: check the Gateway URL and the Workspace ID',
				},
			},
		],
	};
}

/**
 * Where the request goes: its URL, resolved against its baseURL when it has one. n8n's older request
 * path (the HTTP Request node's requestWithAuthentication) names it `uri` instead of `url`.
 */
function requestUrl(options: IHttpRequestOptions & { uri?: string }): string {
	const url = options.url ?? options.uri ?? '';
	try {
		return new URL(url, options.baseURL || undefined).href;
	} catch {
		return url;
	}
}
