import type { IncomingDelivery, PlatformDescriptor } from '../../shared/core/platformDescriptor';
import {
	configuredSecret,
	safeEqual,
	verifySharedSecretHeader,
	type Verdict,
} from '../../shared/core/verify';
import { CREDENTIAL_TYPE } from './credential';
import { VERIFICATION_HEADER } from './deliveryHeaders';
import { isReceipt, readReceiptQuery, receiptToken } from './receiptToken';
import { WEBHOOK_EVENT_NAMES } from './webhookEvents';
import type * as BcrumbsParse from './parse';
import { LazyParser, lazyModule } from '../../shared/core/lazyModule';

// the parser and its zod schemas load on the first delivery, not when n8n starts the node
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
const core = lazyModule<typeof BcrumbsParse>(() => require('./parse'));

/** Loads the parser now: once the webhook is active, deliveries follow, and the first should not wait for zod. */
export function loadParser(): void {
	core();
}

export { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from './deliveryHeaders';

/**
 * The secret header, or on an SMPP receipt (a GET, which may carry no custom headers) the token in the URL
 * it was registered with. The token authenticates receipts only: it never stands in for the header on a POST.
 */
export function verifyBcrumbsDelivery(
	delivery: IncomingDelivery,
	secret: string | undefined,
): Verdict {
	const byHeader = verifySharedSecretHeader(delivery.headers[VERIFICATION_HEADER], secret);
	const registered = configuredSecret(secret);
	if (byHeader.ok || registered === undefined || !isReceipt(delivery)) return byHeader;
	const { tokens } = readReceiptQuery(delivery.query, delivery.params?.token);
	if (tokens.length === 0)
		return { ok: false, reason: 'neither the secret header nor the URL token is present' };
	const expected = receiptToken(registered);
	// every value compared, in constant time each: which one matched shows nothing
	const matched = tokens.map((token) => safeEqual(token, expected)).includes(true);
	return matched ? { ok: true } : { ok: false, reason: 'the URL token does not match' };
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
		method: `${VERIFICATION_HEADER} (the secret this node registered)`,
		checks: 'registered secret',
		// always checked: the node registers the secret itself, so there is no None
		defaultVerification: 'credentials',
		secretIn: 'registration',
		optIn: '',
		verify: (delivery, registered) =>
			verifyBcrumbsDelivery(delivery, registered.secret as string | undefined),
	},
	setupNotice:
		'On activation this node registers its own webhook in bcrumbs, labelled "n8n: [workflow name] / [node name]" and a tag, with a secret every delivery must carry. A delivery without it starts nothing: while you listen for a test event, its cause shows here as an error; in production it gets 401. <a href="https://www.npmjs.com/package/n8n-nodes-bcrumbs#bcrumbs-trigger" target="_blank">More in the README</a>',
	refusalHint:
		'Deliveries must carry the secret this node registered in bcrumbs: deactivate and activate the workflow to register it again, and remove stale webhooks for this URL in bcrumbs under Settings > Webhooks.',
	filters: [
		{
			displayName: 'Events',
			name: 'events',
			values: WEBHOOK_EVENT_NAMES,
			description:
				'The bcrumbs events that start the workflow. Any Event covers all but the SMPP receipt.',
		},
	],
	parser: new LazyParser(() => core().BcrumbsDeliveryParser),
};
