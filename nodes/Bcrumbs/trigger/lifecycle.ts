import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBcrumbsCredentials } from '../transport';
import {
	asNodeError,
	gatewayCapabilities,
	type GatewayCapabilities,
} from '../transport/capabilities';
import { deriveEndpointSecret, taggedLabel } from '../core/secrets';
import { RECEIPT_EVENT, receiptToken, receiptUrl } from '../core/receiptToken';
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
	type DeleteOutcome,
	fetchRegistrations,
	fetchRegistrationsAndCapabilities,
	type RegistrationsAndCapabilities,
} from './gatewayCalls';
import { forActivation, unverifiable } from './activationErrors';
import { serialized } from './keyedMutex';

type EndpointKey = 'production' | 'test';
type Endpoints = Partial<Record<EndpointKey, EndpointState>>;

export function endpointsOf(staticData: IDataObject): Endpoints {
	return ((staticData.endpoints as Endpoints | undefined) ??= {} as Endpoints);
}

/** "Listen for test event" runs in manual mode on the test URL; the webhook context there reports the production URL, so key by mode. */
export function endpointKeyOf(context: { getMode(): string }): EndpointKey {
	return context.getMode() === 'manual' ? 'test' : 'production';
}

/** Lifecycle work on one (workflow, node, URL) is serialized under this key; the hand-over listing is kept under it too. */
function lifecycleKey(context: IHookFunctions, url: string): string {
	return `${context.getWorkflow().id}:${context.getNode().id}:${url}`;
}

// checkExists lists the registrations and create runs right after it: hand the listing over instead of asking twice
const recentListings = new Map<string, { listing: RegistrationsAndCapabilities; at: number }>();
const LISTING_REUSE_MS = 30_000;

async function listRegistrations(
	context: IHookFunctions,
	url: string,
	reuse: boolean,
): Promise<RegistrationsAndCapabilities> {
	const key = lifecycleKey(context, url);
	const recent = recentListings.get(key);
	recentListings.delete(key);
	if (reuse && recent && Date.now() - recent.at < LISTING_REUSE_MS) return recent.listing;
	const listing = await fetchRegistrationsAndCapabilities(context, url);
	recentListings.set(key, { listing, at: Date.now() });
	return listing;
}

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
	return { header: VERIFICATION_HEADER, value: secret, receiptUrl: receiptUrl(url, secret) };
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

/**
 * n8n's webhook URL changed (another WEBHOOK_URL, a renamed path): the registrations for the old URL would
 * post to nowhere forever. Removed where the gateway can; otherwise named in the log for manual removal.
 */
async function retireMovedEndpoint(
	context: IHookFunctions,
	moved: EndpointState | undefined,
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (!moved || moved.registrations.length === 0) return;
	const node = context.getNode().name;
	if (!capabilities?.canDelete) {
		const why = capabilities
			? 'this gateway cannot delete webhooks'
			: 'could not check whether this gateway deletes webhooks';
		const ids = moved.registrations.map((registration) => registration.id).join(', ');
		context.logger.warn(
			`Bcrumbs Trigger "${node}": the webhook URL changed and ${why}; delete the bcrumbs webhooks for ${moved.url} by hand: ${ids}`,
		);
		return;
	}
	const { deleted, failure } = await deleteRegistrations(
		context,
		moved.registrations.map((registration) => registration.id),
		'removing the registrations for the old URL',
	);
	if (failure) {
		const left = moved.registrations
			.filter((registration) => !deleted.includes(registration.id))
			.map((registration) => registration.id);
		context.logger.warn(
			`Bcrumbs Trigger "${node}": could not remove the webhooks for the old URL ${moved.url} (${left.join(', ')}): ${failure.message}`,
		);
	}
}

/** Deletes held registrations; those gone leave the state, the others stay in it. Returns why some stayed. */
async function deleteHeld(
	context: IHookFunctions,
	endpoint: EndpointState,
	ids: string[],
	step: string,
): Promise<DeleteOutcome['failure']> {
	const { deleted, failure } = await deleteRegistrations(context, ids, step);
	endpoint.registrations = endpoint.registrations.filter(
		(registration) => !deleted.includes(registration.id),
	);
	return failure;
}

/** After a failed activation: remove what this attempt registered where the gateway can; otherwise it stays in state for the next try to adopt. */
async function rollBack(
	context: IHookFunctions,
	endpoint: EndpointState,
	created: HeldRegistration[],
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (created.length === 0 || !capabilities?.canDelete) return;
	const failure = await deleteHeld(
		context,
		endpoint,
		created.map((registration) => registration.id),
		'rolling back',
	);
	if (failure)
		context.logger.warn(
			`Bcrumbs Trigger "${context.getNode().name}": rollback incomplete: ${failure.message}`,
		);
}

/** Removes this node's registrations where the gateway can; never throws, so deactivation always completes. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const endpoints = endpointsOf(this.getWorkflowStaticData('node'));
	// n8n tears test webhooks down in 'internal' mode: find the endpoint by the URL it reports, not by mode
	const url = this.getNodeWebhookUrl('default') ?? '';
	const key =
		(Object.keys(endpoints) as EndpointKey[]).find(
			(candidate) => endpoints[candidate]?.url === url,
		) ?? endpointKeyOf(this);
	const lockKey = lifecycleKey(this, endpoints[key]?.url ?? url);
	return await serialized(lockKey, async () => {
		recentListings.delete(lockKey);
		const endpoint = endpoints[key];
		if (!endpoint || endpoint.registrations.length === 0) {
			delete endpoints[key];
			return true;
		}
		const node = this.getNode().name;
		const count = `${endpoint.registrations.length} registration(s) for ${endpoint.url}`;
		try {
			const capabilities = await gatewayCapabilities(this);
			if (!capabilities) {
				this.logger.warn(
					`Bcrumbs Trigger "${node}": could not check whether this bcrumbs gateway deletes webhooks; ${count} stay in bcrumbs and in this node's state, reused or removed next time`,
				);
				return true;
			}
			if (!capabilities.canDelete) {
				// kept, with its secret, so the next activation reuses it instead of registering twice
				endpoint.deleteUnsupported = true;
				this.logger.info(
					`Bcrumbs Trigger "${node}": this bcrumbs gateway cannot delete webhooks; ${count} stay in bcrumbs and are reused on the next activation`,
				);
				return true;
			}
			const failure = await deleteHeld(
				this,
				endpoint,
				endpoint.registrations.map((registration) => registration.id),
				'deactivating',
			);
			if (failure) {
				const left = endpoint.registrations.map((registration) => registration.id).join(', ');
				this.logger.warn(
					`Bcrumbs Trigger "${node}": could not remove its bcrumbs webhooks ${left}; kept in state for the next activation or deactivation: ${failure.message}`,
				);
				return true;
			}
		} catch (error) {
			this.logger.warn(
				`Bcrumbs Trigger "${node}": could not remove its bcrumbs webhooks: ${(error as Error).message}`,
			);
			return true;
		}
		delete endpoints[key];
		return true;
	});
}
