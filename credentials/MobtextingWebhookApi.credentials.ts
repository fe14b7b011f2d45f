import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** MOBtexting sends an optional per-webhook secret as "Authorization: Bearer <secret>", and a validation key with its handshake. */
export class MobtextingWebhookApi implements ICredentialType {
	name = 'mobtextingWebhookApi';

	displayName = 'MOBtexting Webhook API';

	icon = 'file:mobtexting.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#mobtexting-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret set on the webhook in MOBtexting; deliveries carry it as a Bearer token',
		},
		{
			displayName: 'Validation Token',
			name: 'validationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. MOBtexting's validation key: when set, its validation handshake (?token=...) is answered only when the token matches, and refused (401) otherwise",
		},
	];
}
