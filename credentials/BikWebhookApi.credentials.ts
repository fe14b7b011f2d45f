import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * BIK authenticates each delivery with HTTP Basic auth built from what you set in BIK's developer portal:
 * usually one authorization key, or a user name and a password.
 */
export class BikWebhookApi implements ICredentialType {
	name = 'bikWebhookApi';

	displayName = 'BIK Webhook API';

	icon = 'file:bik.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#bik-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Credential Form',
			name: 'authForm',
			type: 'options',
			options: [
				{
					name: 'Authorization Key',
					value: 'authorizationKey',
					description: "One key, as entered in BIK's developer portal",
				},
				{
					name: 'User and Password',
					value: 'userPassword',
					description: 'A Basic auth user name and password',
				},
			],
			// n8n drops the values of fields hidden by the default: credentials saved with a user and password
			// before this choice existed must still show (and keep) them
			default: 'userPassword',
		},
		{
			displayName: 'Authorization Key',
			name: 'authKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authForm: ['authorizationKey'] } },
			description:
				'The authorization key entered for this webhook in BIK. Accepted as sent ("Basic <key>") or base64-encoded, as Basic auth senders do.',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authForm: ['userPassword'] } },
			description: 'The Basic auth user name entered for this webhook in BIK',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authForm: ['userPassword'] } },
			description: 'The Basic auth password entered for this webhook in BIK',
		},
	];
}
