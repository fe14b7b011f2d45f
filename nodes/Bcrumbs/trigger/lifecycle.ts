import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBcrumbsCredentials } from '../transport';
import { asNodeError } from '../transport/capabilities';
import { deriveEndpointSecret, taggedLabel } from '../core/secrets';
import { queryReceiptUrl, RECEIPT_EVENT, receiptToken, receiptUrl } from '../core/receiptToken';
import {
	adoptableSecret,
	carriesSecret,
	isConverged,
	planRegistrations,
	registrationEvents,
	type EndpointState,
	type HeldRegistration,
	type OwnSecret,
	type RemoteWebhook,
} from '../core/registrations';
import { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from '../core/descriptor';
import {
	createRegistration,
	deleteRegistrations,
	fetchRegistrations,
	type RegistrationsAndCapabilities,
} from './gatewayCalls';
import { forActivation, unverifiable } from './activationErrors';
import { endpointKeyOf, endpointsOf, lifecycleKey, listRegistrations } from './endpoints';
import { serialized } from './keyedMutex';
import { deleteHeld, retireMovedEndpoint, rollBack } from './removal';

/**
 * The registering side of the Bcrumbs Trigger's lifecycle: checkExists and create converge bcrumbs'
 * registrations for this node's URL to exactly the selected events (removal.ts holds the removing side).
 */

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	return url;
}

function wantedEvents(context: IHookFunctions): string[] {
	const events = registrationEvents(context.getNodeParameter('events', []) as string[]);
	if (events.length === 0)
		throw new NodeOperationError(context.getNode(), 'Select at least one event in "Events"');
	return events;
}

/** True only when every selected event has a registration for this URL whose secret this node holds. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	try {
		const url = webhookUrlOf(this);
		return await serialized(
			lifecycleKey(this, url),
			async () => await verifiedRegistrationsExist(this, url),
		);
	} catch (error) {
		throw forActivation(this, error);
	}
}

/** Registers each missing event, replaces what cannot be verified, and converges to exactly the selected set. */
export async function create(this: IHookFunctions): Promise<boolean> {
	try {
		const url = webhookUrlOf(this);
		return await serialized(lifecycleKey(this, url), async () => await converge(this, url));
	} catch (error) {
		throw forActivation(this, error);
	}
}

async function verifiedRegistrationsExist(context: IHookFunctions, url: string): Promise<boolean> {
	const wanted = wantedEvents(context);
	const endpoint = endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)];
	const { webhooks: remote } = await listRegistrations(context, url, false);
	if (!endpoint?.secret || endpoint.url !== url) return false;
	const plan = planRegistrations(
		wanted,
		endpoint.registrations,
		remote,
		url,
		ownSecret(url, endpoint.secret),
	);
	// registrations found by their secret but missing from state are adopted by create()
	const known = new Set(endpoint.registrations.map((registration) => registration.id));
	const allKnown = [...plan.keep, ...plan.stale].every((registration) =>
		known.has(registration.id),
	);
	return allKnown && isConverged(plan, endpoint.deleteUnsupported === true);
}

/** What proves a registration ours: the secret header (or the label's tag), and for the SMPP receipt the token in its URL. */
function ownSecret(url: string, secret: string): OwnSecret {
	return {
		header: VERIFICATION_HEADER,
		value: secret,
		// registrations made with the token in the query keep working: kept, not replaced
		receiptUrls: [receiptUrl(url, secret), queryReceiptUrl(url, secret)],
	};
}

/**
 * The secret for an endpoint without state: the one derived from the credential, which the node computes
 * the same way every time (lost state, a second activation), unless the listed headers show that its
 * registrations carry another one (made before secrets were derived).
 */
async function endpointSecret(
	context: IHookFunctions,
	url: string,
	listing: RegistrationsAndCapabilities,
): Promise<{ secret: string; remote: RemoteWebhook[] }> {
	const { apiKey, workspaceId } = await getBcrumbsCredentials(context);
	const derived = deriveEndpointSecret(apiKey, workspaceId, url);
	let remote = listing.webhooks;
	const unproven = remote.some(
		(webhook) => webhook.headers === undefined && !carriesSecret(webhook, ownSecret(url, derived)),
	);
	// only where they could not be replaced: read their headers to take their secret over
	if (unproven && listing.capabilities?.listedHeaders && !listing.capabilities.canDelete)
		remote = await fetchRegistrations(context, url, true);
	return { secret: adoptableSecret(url, remote, VERIFICATION_HEADER) ?? derived, remote };
}

async function converge(context: IHookFunctions, url: string): Promise<boolean> {
	const wanted = wantedEvents(context);
	const endpoints = endpointsOf(context.getWorkflowStaticData('node'));
	const listing = await listRegistrations(context, url, true);
	const { capabilities } = listing;
	let remote = listing.webhooks;
	const key = endpointKeyOf(context);
	if (endpoints[key]?.url !== url) {
		await retireMovedEndpoint(context, endpoints[key], capabilities);
		const found = await endpointSecret(context, url, listing);
		remote = found.remote;
		endpoints[key] = { url, secret: found.secret, registrations: [] };
	}
	const endpoint = endpoints[key] as EndpointState;
	const plan = planRegistrations(
		wanted,
		endpoint.registrations,
		remote,
		url,
		ownSecret(url, endpoint.secret),
	);

	if (plan.strangers.length > 0) {
		if (!capabilities?.canDelete) throw unverifiable(context, plan.strangers, capabilities);
		const { failure } = await deleteRegistrations(
			context,
			plan.strangers.map((webhook) => webhook.id),
			'replacing webhooks this node cannot verify',
		);
		if (failure) throw failure;
	}

	endpoint.registrations = [...plan.keep, ...plan.stale];
	const label = taggedLabel(
		`n8n: ${context.getWorkflow().name ?? context.getWorkflow().id} / ${context.getNode().name}`,
		endpoint.secret,
	);
	const created: HeldRegistration[] = [];
	try {
		for (const event of plan.create) {
			// the event header lets receive() ignore deliveries of registrations left for deselected events
			const headers = { [VERIFICATION_HEADER]: endpoint.secret, [REGISTERED_EVENT_HEADER]: event };
			// the SMPP receipt may come without headers: its URL carries a token as well
			const registeredUrl = event === RECEIPT_EVENT ? receiptUrl(url, endpoint.secret) : url;
			const secrets = [endpoint.secret, receiptToken(endpoint.secret)];
			const registration = {
				id: await createRegistration(
					context,
					{ url: registeredUrl, event, label, headers },
					secrets,
				),
				event,
			};
			created.push(registration);
			endpoint.registrations.push(registration);
		}
	} catch (error) {
		await rollBack(context, endpoint, created, capabilities);
		throw asNodeError(context.getNode(), error);
	}

	if (plan.stale.length > 0 && capabilities?.canDelete) {
		const failure = await deleteHeld(
			context,
			endpoint,
			plan.stale.map((stale) => stale.id),
			'removing deselected events',
		);
		if (failure)
			context.logger.warn(
				`Bcrumbs Trigger "${context.getNode().name}": registrations for deselected events stay until the next activation: ${failure.message}`,
			);
	} else if (plan.stale.length > 0 && capabilities) {
		endpoint.deleteUnsupported = true;
	}
	// could not check: the stale registrations stay in state and the next activation asks again
	return true;
}
