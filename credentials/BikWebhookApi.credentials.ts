import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** BIK authenticates each delivery with HTTP Basic auth, using what you set in BIK's developer portal. */
export class BikWebhookApi implements ICredentialType {
	name = 'bikWebhookApi';

	displayName = 'BIK Webhook API';

	icon = 'file:bik.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#bik-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The Basic auth user name entered for this webhook in BIK',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Basic auth password entered for this webhook in BIK',
		},
	];
}
