import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
				'The bcrumbs GraphQL endpoint. Change it only for a sandbox or a self-hosted gateway.',
		},
	];

	// bcrumbs expects the raw key, not "Bearer <key>"
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				authorization: '={{$credentials.apiKey}}',
			},
		},
	};

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
