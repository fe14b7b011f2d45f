import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * BIK authenticates each delivery with HTTP Basic auth. Its document asks for one authorization key, so
 * that comes first; a user name and a password are the alternative. No form chooser: n8n drops the values
 * of fields hidden by a chooser's default, which would silently empty credentials saved with the pair.
 */
export class BikWebhookApi implements ICredentialType {
	name = 'bikWebhookApi';

	displayName = 'BIK Webhook API';

	icon = 'file:bik.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#bik-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Authorization Key',
			name: 'authKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The authorization key entered for this webhook in BIK\'s developer portal (auth type Basic). Accepted as sent ("Basic <key>") or base64-encoded, as Basic auth senders do.',
		},
		{
			displayName:
				'Set up in BIK with a user name and password instead? Leave the key empty and fill in both.',
			name: 'otherFormNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'The Basic auth user name entered for this webhook in BIK',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Basic auth password entered for this webhook in BIK',
		},
	];
}
