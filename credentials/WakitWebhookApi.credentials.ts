import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** wakit sends an optional token as "Authorization: Bearer <token>" with every delivery. */
export class WakitWebhookApi implements ICredentialType {
	name = 'wakitWebhookApi';

	displayName = 'Wakit Webhook API';

	icon = 'file:wakit.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#wakit-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token configured for the webhook in wakit; deliveries carry it as a Bearer token',
		},
	];
}
