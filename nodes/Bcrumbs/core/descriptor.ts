import type { IncomingDelivery, PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { verifySharedSecretHeader } from '../../shared/core/verify';
import { CREDENTIAL_TYPE } from './credential';
import { parseBcrumbsDelivery } from './parse';
import { registrationEvents } from './registrations';
import { canonicalEventName, WEBHOOK_EVENT_NAMES } from './webhookEvents';

/** The header bcrumbs echoes on every delivery, carrying the secret this node registered. */
export const VERIFICATION_HEADER = 'x-bcrumbs-n8n-secret';

/** The event a registration was made for, echoed by bcrumbs on each of its deliveries. */
export const REGISTERED_EVENT_HEADER = 'x-bcrumbs-n8n-event';

/**
 * A registration left in bcrumbs for an event no longer selected (a gateway without delete) still
 * delivers; when its event is now covered by another registration (Any Event), running it would start
 * the workflow twice. Its registered-event header tells it apart.
 */
function fromRetiredRegistration(delivery: IncomingDelivery, selected: readonly string[]): boolean {
	const header = delivery.headers[REGISTERED_EVENT_HEADER];
	const registeredFor = canonicalEventName(Array.isArray(header) ? header[0] : header);
	return registeredFor !== '' && !registrationEvents(selected).includes(registeredFor);
}

/** bcrumbs' trigger registers itself (see trigger/lifecycle.ts); its secret is the one it registered, not a credential. */
export const BCRUMBS: PlatformDescriptor = {
	platform: 'bcrumbs',
	node: {
		displayName: 'Bcrumbs Trigger',
		name: 'bcrumbsTrigger',
		description: 'Starts the workflow when bcrumbs reports messages, conversations or clients',
	},
	credentialType: CREDENTIAL_TYPE,
	authentication: {
		secretIn: 'registration',
		method: `${VERIFICATION_HEADER} (the secret this node registered)`,
		verify: (delivery, registered) => verifySharedSecretHeader(delivery.headers[VERIFICATION_HEADER], registered.secret as string | undefined),
		sign: (registered) => ({ [VERIFICATION_HEADER]: registered.secret as string }),
		secretsFor: (secret) => ({ secret }),
	},
	setupNotice:
		'On activation this node registers its own webhook in bcrumbs, with a secret header that every delivery must carry. If your bcrumbs gateway cannot delete webhooks, deactivating leaves the registration in bcrumbs (it is reused on the next activation); remove it in bcrumbs under Settings > Webhooks, labelled "n8n: <workflow> / <node>".',
	filters: [
		{
			displayName: 'Events',
			name: 'events',
			values: WEBHOOK_EVENT_NAMES,
			description: 'The bcrumbs events that start the workflow. Any Event covers all but the SMPP receipt.',
		},
	],
	everyDelivery: { events: ['ANY_EVENT', 'MESSAGE_UPDATED_SMPP'] },
	parse: (delivery, { includeRawBody, filters }) => {
		const selectedEvents = filters.events ?? [];
		if (fromRetiredRegistration(delivery, selectedEvents)) return { items: [], skipped: 1, event: 'retired registration' };
		return parseBcrumbsDelivery(delivery, { selectedEvents, includeRawBody });
	},
};
