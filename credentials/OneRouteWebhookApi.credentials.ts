import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** OneRoute signs each delivery: hex HMAC-SHA512 of the body with the account's secret key, in x-oneroute-signature. */
export class OneRouteWebhookApi implements ICredentialType {
	name = 'oneRouteWebhookApi';

	displayName = 'OneRoute Webhook API';

	icon = 'file:oneroute.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bcrumbs#oneroute-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				"OneRoute signs a delivery (x-oneroute-signature) only when your account has a secret key: copy it from OneRoute's Settings > API Keys. Without one, leave the trigger's Verification on None.",
			name: 'whereNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret key of your OneRoute account (Settings > API Keys), used to check the x-oneroute-signature header',
		},
	];
}
