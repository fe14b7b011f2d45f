import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBcrumbsCredentials } from '../transport';
import { asNodeError, type GatewayCapabilities } from '../transport/capabilities';
import { deriveEndpointSecret, taggedLabel } from '../core/secrets';
import { queryReceiptUrl, RECEIPT_EVENT, receiptToken, receiptUrl } from '../core/receiptToken';
import {
	carriesSecret,
	isConverged,
	planRegistrations,
	registrationEvents,
	type EndpointState,
	type HeldRegistration,
	type OwnSecret,
	type RegistrationPlan,
	type RemoteWebhook,
} from '../core/registrations';
import { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from '../core/descriptor';
import { createWebhook, deleteWebhooks } from '../transport/webhooks';
import { forActivation, unverifiable } from './activationErrors';
import {
	endpointKeyOf,
	endpointsOf,
	fetchRegistrations,
	lifecycleKey,
	listRegistrations,
	type RegistrationsAndCapabilities,
} from './endpoints';
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
	const { webhooks, capabilities } = await listRegistrations(context, url, false);
	if (!endpoint?.secret || endpoint.url !== url) return false;
	// registrations a re-key left behind go as soon as the gateway can delete them
	if (endpoint.retired?.length && capabilities?.canDelete) return false;
	// another API key (a rotation) derives another secret: create() re-keys
	if (endpoint.secret !== (await derivedSecret(context, url))) return false;
	const plan = planFor(wanted, endpoint, withoutRetired(webhooks, endpoint), url);
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

/** What checkExists judges and create carries out: the endpoint's registrations against those in bcrumbs. */
function planFor(
	wanted: string[],
	endpoint: EndpointState,
	remote: RemoteWebhook[],
	url: string,
): RegistrationPlan {
	return planRegistrations(
		wanted,
		endpoint.registrations,
		remote,
		url,
		ownSecret(url, endpoint.secret),
	);
}

/** The endpoint's secret, computed the same way on every instance of the cluster (lost state recomputes it). */
async function derivedSecret(context: IHookFunctions, url: string): Promise<string> {
	const { apiKey, workspaceId } = await getBcrumbsCredentials(context);
	const instanceId = context.getInstanceId();
	return deriveEndpointSecret({ apiKey: String(apiKey).trim(), workspaceId, instanceId }, url);
}

/** Registrations a re-key had to leave in bcrumbs: they carry the old secret, are refused, and are never strangers. */
function withoutRetired(remote: RemoteWebhook[], endpoint: EndpointState): RemoteWebhook[] {
	const retired = new Set(endpoint.retired ?? []);
	return retired.size === 0 ? remote : remote.filter((webhook) => !retired.has(webhook.id));
}

/**
 * The registrations for this URL as proof can tell: where the gateway lists headers, one this node does
 * not hold but would adopt by its label's tag (a tag can be copied) is judged by its header instead.
 */
async function provenRegistrations(
	context: IHookFunctions,
	url: string,
	listing: RegistrationsAndCapabilities,
	endpoint: EndpointState,
): Promise<RemoteWebhook[]> {
	const held = new Set(endpoint.registrations.map((registration) => registration.id));
	const own = ownSecret(url, endpoint.secret);
	const unproven = listing.webhooks.some(
		(webhook) =>
			webhook.headers === undefined && !held.has(webhook.id) && carriesSecret(webhook, own),
	);
	const remote =
		unproven && listing.capabilities?.listedHeaders
			? await fetchRegistrations(context, url, true)
			: listing.webhooks;
	return withoutRetired(remote, endpoint);
}

/**
 * The API key changed: the old secret must stop verifying, so the endpoint starts over with the new one.
 * Its old registrations become strangers, replaced where the gateway deletes; elsewhere they stay in
 * bcrumbs, refused (they send the old secret), and the log names them for removal.
 */
function rekeyed(
	context: IHookFunctions,
	old: EndpointState,
	secret: string,
	capabilities: GatewayCapabilities | undefined,
): EndpointState {
	const ids = old.registrations.map((registration) => registration.id);
	// only where the gateway proved it cannot delete; "could not check" makes them strangers, and
	// activation fails asking to try again, with the old state kept
	const left = capabilities && !capabilities.canDelete ? ids : [];
	context.logger.warn(
		`Bcrumbs Trigger "${context.getNode().name}": the API key changed, so its webhooks are registered again with a new secret; the old secret no longer verifies.` +
			(left.length > 0
				? ` This gateway cannot delete webhooks: delete the old ones in bcrumbs (Settings > Webhooks): ${left.join(', ')}`
				: ''),
	);
	return { url: old.url, secret, registrations: [], retired: [...(old.retired ?? []), ...left] };
}

/** The endpoint to converge: its state, started over when the URL moved or the API key changed. */
async function currentEndpoint(
	context: IHookFunctions,
	url: string,
	capabilities: GatewayCapabilities | undefined,
): Promise<EndpointState> {
	const endpoints = endpointsOf(context.getWorkflowStaticData('node'));
	const key = endpointKeyOf(context);
	const secret = await derivedSecret(context, url);
	const known = endpoints[key];
	if (known?.url !== url) {
		await retireMovedEndpoint(context, known, capabilities);
		endpoints[key] = { url, secret, registrations: [] };
	} else if (known.secret !== secret)
		endpoints[key] = rekeyed(context, known, secret, capabilities);
	return endpoints[key] as EndpointState;
}

async function converge(context: IHookFunctions, url: string): Promise<boolean> {
	const wanted = wantedEvents(context);
	const listing = await listRegistrations(context, url, true);
	const { capabilities } = listing;
	const endpoint = await currentEndpoint(context, url, capabilities);
	await deleteRetired(context, endpoint, capabilities);
	const remote = await provenRegistrations(context, url, listing, endpoint);
	const plan = planFor(wanted, endpoint, remote, url);
	await replaceStrangers(context, plan.strangers, capabilities);
	endpoint.registrations = [...plan.keep, ...plan.stale];
	await registerMissing(context, endpoint, plan.create, url, capabilities);
	await removeStale(context, endpoint, plan.stale, capabilities);
	return true;
}

/** Registrations a re-key left behind, deleted once the gateway can delete; kept in the list until they are. */
async function deleteRetired(
	context: IHookFunctions,
	endpoint: EndpointState,
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (!endpoint.retired?.length || !capabilities?.canDelete) return;
	const { deleted } = await deleteWebhooks(
		context,
		endpoint.retired,
		'removing webhooks registered with an old API key',
	);
	endpoint.retired = endpoint.retired.filter((id) => !deleted.includes(id));
}

/** Registrations for this URL whose secret is not this node's: deleted where the gateway can, else activation fails naming them. */
async function replaceStrangers(
	context: IHookFunctions,
	strangers: RemoteWebhook[],
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (strangers.length === 0) return;
	if (!capabilities?.canDelete) throw unverifiable(context, strangers, capabilities);
	const { failure } = await deleteWebhooks(
		context,
		strangers.map((webhook) => webhook.id),
		'replacing webhooks this node cannot verify',
	);
	if (failure) throw failure;
}

async function registerMissing(
	context: IHookFunctions,
	endpoint: EndpointState,
	events: string[],
	url: string,
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	const label = taggedLabel(
		`n8n: ${context.getWorkflow().name ?? context.getWorkflow().id} / ${context.getNode().name}`,
		endpoint.secret,
	);
	const created: HeldRegistration[] = [];
	try {
		for (const event of events) {
			// the event header lets the parser ignore deliveries of registrations left for deselected events (core/descriptor.ts)
			const headers = { [VERIFICATION_HEADER]: endpoint.secret, [REGISTERED_EVENT_HEADER]: event };
			// the SMPP receipt may come without headers: its URL carries a token as well
			const registeredUrl = event === RECEIPT_EVENT ? receiptUrl(url, endpoint.secret) : url;
			const secrets = [endpoint.secret, receiptToken(endpoint.secret)];
			const registration = {
				id: (
					await createWebhook(
						context,
						{ url: registeredUrl, event, label, headers },
						{ operation: `createWebhook (registering ${event})`, secrets },
					)
				).id,
				event,
			};
			created.push(registration);
			endpoint.registrations.push(registration);
		}
	} catch (error) {
		await rollBack(context, endpoint, created, capabilities);
		throw asNodeError(context.getNode(), error);
	}
}

/** Registrations for deselected events: deleted where the gateway can; where it proved it cannot, they stay, unused. */
async function removeStale(
	context: IHookFunctions,
	endpoint: EndpointState,
	stale: HeldRegistration[],
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (stale.length === 0) return;
	if (capabilities?.canDelete) {
		const ids = stale.map((registration) => registration.id);
		const failure = await deleteHeld(context, endpoint, ids, 'removing deselected events');
		if (failure)
			context.logger.warn(
				`Bcrumbs Trigger "${context.getNode().name}": registrations for deselected events stay until the next activation: ${failure.message}`,
			);
	} else if (capabilities) endpoint.deleteUnsupported = true;
	// could not check: the stale registrations stay in state and the next activation asks again
}
