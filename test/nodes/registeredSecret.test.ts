// bcrumbs' secret is the one its trigger registered, never a value found in a credential: a webhook that
// reaches receiveDelivery without the registered secrets refuses everything, whatever the credential holds.
import type { INodeType, IWebhookFunctions } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import { BCRUMBS, VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import { receiveDelivery } from '../../nodes/shared/trigger/receiveDelivery';
import { exampleEvent } from '../../sandbox';
import { TriggerHarness } from '../../support/triggerHarness';
import { takeRefusalCauses } from '../../support/n8nLog';

const SECRET = 'f'.repeat(64);

/** The Bcrumbs Trigger's description with a webhook that forgets the registered secrets. */
class WithoutRegisteredSecrets implements INodeType {
	description = new BcrumbsTrigger().description;
	async webhook(this: IWebhookFunctions) {
		return await receiveDelivery(this, BCRUMBS);
	}
}

describe('a registered secret is never looked for in a credential', () => {
	it('bcrumbs without its registered secrets refuses a delivery carrying the credential-held value', async () => {
		const harness = new TriggerHarness({
			nodeType: new WithoutRegisteredSecrets(),
			typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
			parameters: { events: ['ANY_EVENT'], options: {} },
			credentials: {
				bcrumbsApi: {
					apiKey: 'bck_test',
					workspaceId: 12,
					gatewayUrl: 'http://127.0.0.1:9/core/gq',
					secret: SECRET,
				},
			},
		});
		try {
			await harness.listen();
			const outcome = await harness.deliver({
				headers: { 'content-type': 'application/json', [VERIFICATION_HEADER]: SECRET },
				body: exampleEvent('INCOMING_MESSAGE'),
			});
			expect({ status: outcome.status, items: outcome.items }).toEqual({
				status: 401,
				items: undefined,
			});
			expect(takeRefusalCauses()).toEqual(['no registered secret is held for this URL']);
		} finally {
			await harness.close();
		}
	});
});
