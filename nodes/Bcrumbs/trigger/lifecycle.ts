import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bcrumbsGraphql } from '../transport';
import { asNodeError, gatewaySupportsDelete, remoteCodeOf } from '../transport/capabilities';
import { CREATE_WEBHOOK, DELETE_WEBHOOK, LIST_WEBHOOKS_WITH_HEADERS, type CreateWebhookResult, type ListWebhooksResult } from '../transport/documents';
import {
	adoptableSecret,
	isConverged,
	planRegistrations,
	registrationEvents,
	type EndpointState,
	type HeldRegistration,
	type RemoteWebhook,
} from '../core/registrations';
import { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from '../core/descriptor';


type EndpointKey = 'production' | 'test';
type Endpoints = Partial<Record<EndpointKey, EndpointState>>;

export function endpointsOf(staticData: IDataObject): Endpoints {
	return ((staticData.endpoints as Endpoints | undefined) ??= {} as Endpoints);
}

/** "Listen for test event" runs in manual mode on the test URL; the webhook context there reports the production URL, so key by mode. */
export function endpointKeyOf(context: { getMode(): string }): EndpointKey {
	return context.getMode() === 'manual' ? 'test' : 'production';
}

// checkExists lists the registrations and create runs right after it: hand the listing over instead of asking twice
const recentListings = new Map<string, { webhooks: RemoteWebhook[]; at: number }>();
const LISTING_REUSE_MS = 30_000;

function listingKey(context: IHookFunctions, url: string): string {
	return `${context.getWorkflow().id}:${context.getNode().id}:${url}`;
}

async function listRegistrations(context: IHookFunctions, url: string, reuse: boolean): Promise<RemoteWebhook[]> {
	const key = listingKey(context, url);
	const recent = recentListings.get(key);
	recentListings.delete(key);
	if (reuse && recent && Date.now() - recent.at < LISTING_REUSE_MS) return recent.webhooks;
	const result = await bcrumbsGraphql<ListWebhooksResult>(context, {
		operation: 'webhooks (checking existing registrations)',
		document: LIST_WEBHOOKS_WITH_HEADERS,
		input: {},
	});
	const webhooks = result.webhooks.nodes.filter((webhook) => webhook.url === url);
	recentListings.set(key, { webhooks, at: Date.now() });
	return webhooks;
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

function wantedEvents(context: IHookFunctions): string[] {
	const events = registrationEvents(context.getNodeParameter('events', []) as string[]);
	if (events.length === 0) throw new NodeOperationError(context.getNode(), 'Select at least one event in "Events"');
	return events;
}

/**
 * n8n shows only an error's description when activation fails: put the message (step and remote
 * message) in front of it, so the user sees what failed as well as what to do.
 */
function forActivation(context: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(context.getNode(), error);
	if (nodeError.description?.startsWith(nodeError.message) !== true) {
		nodeError.description = nodeError.description ? `${nodeError.message}. ${nodeError.description}` : nodeError.message;
	}
	return nodeError;
}

/** True only when every selected event has a registration for this URL whose secret this node holds. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	try {
		return await verifiedRegistrationsExist(this);
	} catch (error) {
		throw forActivation(this, error);
	}
}

/** Registers each missing event, replaces what cannot be verified, and converges to exactly the selected set. */
export async function create(this: IHookFunctions): Promise<boolean> {
	try {
		return await converge(this);
	} catch (error) {
		throw forActivation(this, error);
	}
}

async function verifiedRegistrationsExist(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(context);
	const wanted = wantedEvents(context);
	const endpoint = endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)];
	const remote = await listRegistrations(context, url, false);
	if (!endpoint?.secret || endpoint.url !== url) return false;
	const plan = planRegistrations(wanted, endpoint.registrations, remote, url, { header: VERIFICATION_HEADER, value: endpoint.secret });
	// registrations found by their secret but missing from state are adopted by create()
	const known = new Set(endpoint.registrations.map((registration) => registration.id));
	const allKnown = [...plan.keep, ...plan.stale].every((registration) => known.has(registration.id));
	return allKnown && isConverged(plan, endpoint.deleteUnsupported === true);
}

async function deleteRegistration(context: IHookFunctions, id: string, step: string): Promise<void> {
	try {
		await bcrumbsGraphql(context, { operation: `deleteWebhook (${step})`, document: DELETE_WEBHOOK, input: { id } });
	} catch (error) {
		// already gone is what we wanted
		if (remoteCodeOf(error) !== 'NOT_FOUND') throw asNodeError(context.getNode(), error);
	}
}

async function converge(context: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(context);
	const wanted = wantedEvents(context);
	const endpoints = endpointsOf(context.getWorkflowStaticData('node'));
	const remote = await listRegistrations(context, url, true);
	const key = endpointKeyOf(context);
	if (endpoints[key]?.url !== url) {
		await retireMovedEndpoint(context, endpoints[key]);
		endpoints[key] = { url, secret: adoptableSecret(url, remote, VERIFICATION_HEADER) ?? randomBytes(32).toString('hex'), registrations: [] };
	}
	const endpoint = endpoints[key] as EndpointState;
	const plan = planRegistrations(wanted, endpoint.registrations, remote, url, { header: VERIFICATION_HEADER, value: endpoint.secret });
	const canDelete = plan.strangers.length > 0 || plan.stale.length > 0 ? await gatewaySupportsDelete(context) : false;

	if (plan.strangers.length > 0) {
		if (!canDelete) {
			const list = plan.strangers.map((webhook) => `${webhook.id} (${webhook.event.trim()})`).join(', ');
			throw new NodeOperationError(context.getNode(), `bcrumbs already has webhooks for this URL that this node cannot verify: ${list}`, {
				description: `Their secret is unknown, so their deliveries would be refused. This gateway cannot delete webhooks through its API: delete ${plan.strangers.length === 1 ? 'it' : 'them'} in bcrumbs (Settings > Webhooks), then activate again.`,
			});
		}
		for (const stranger of plan.strangers) await deleteRegistration(context, stranger.id, `replacing unverifiable webhook ${stranger.id}`);
	}

	endpoint.registrations = [...plan.keep, ...plan.stale];
	const label = `n8n: ${context.getWorkflow().name ?? context.getWorkflow().id} / ${context.getNode().name}`;
	const created: HeldRegistration[] = [];
	try {
		for (const event of plan.create) {
			const registration = await register(context, { url, event, label, secret: endpoint.secret });
			created.push(registration);
			endpoint.registrations.push(registration);
		}
	} catch (error) {
		await rollBack(context, endpoint, created);
		throw asNodeError(context.getNode(), error);
	}

	if (plan.stale.length > 0) {
		if (canDelete) {
			for (const stale of plan.stale) await deleteRegistration(context, stale.id, `removing deselected event ${stale.event}`);
			endpoint.registrations = endpoint.registrations.filter((registration) => !plan.stale.includes(registration));
		} else {
			endpoint.deleteUnsupported = true;
		}
	}
	return true;
}

/**
 * n8n's webhook URL changed (another WEBHOOK_URL, a renamed path): the registrations for the old URL would
 * post to nowhere forever. Removed where the gateway can; otherwise named in the log for manual removal.
 */
async function retireMovedEndpoint(context: IHookFunctions, moved: EndpointState | undefined): Promise<void> {
	if (!moved || moved.registrations.length === 0) return;
	const ids = moved.registrations.map((registration) => registration.id).join(', ');
	try {
		if (await gatewaySupportsDelete(context)) {
			for (const registration of moved.registrations) await deleteRegistration(context, registration.id, `removing the registration for the old URL, ${registration.event}`);
			return;
		}
		context.logger.warn(`Bcrumbs Trigger "${context.getNode().name}": the webhook URL changed; delete the bcrumbs webhooks for ${moved.url} by hand: ${ids}`);
	} catch (error) {
		context.logger.warn(`Bcrumbs Trigger "${context.getNode().name}": could not remove the webhooks for the old URL ${moved.url} (${ids}): ${(error as Error).message}`);
	}
}

/** After a failed activation: remove what this attempt registered where the gateway can; otherwise it stays in state for the next try to adopt. */
async function rollBack(context: IHookFunctions, endpoint: EndpointState, created: HeldRegistration[]): Promise<void> {
	if (created.length === 0) return;
	try {
		if (!(await gatewaySupportsDelete(context))) return;
		for (const registration of created) {
			await deleteRegistration(context, registration.id, `rolling back ${registration.event}`);
			endpoint.registrations = endpoint.registrations.filter((held) => held !== registration);
		}
	} catch (error) {
		context.logger.warn(`Bcrumbs Trigger "${context.getNode().name}": rollback incomplete: ${(error as Error).message}`);
	}
}

async function register(
	context: IHookFunctions,
	{ url, event, label, secret }: { url: string; event: string; label: string; secret: string },
): Promise<HeldRegistration> {
	const result = await bcrumbsGraphql<CreateWebhookResult>(context, {
		operation: `createWebhook (registering ${event})`,
		document: CREATE_WEBHOOK,
		// the event header lets receive() ignore deliveries of registrations left for deselected events
		input: { label, url, event, headers: { [VERIFICATION_HEADER]: secret, [REGISTERED_EVENT_HEADER]: event } },
		secrets: [secret],
	});
	return { id: result.createWebhook.id, event };
}

/** Removes this node's registrations where the gateway can; never throws, so deactivation always completes. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const endpoints = endpointsOf(this.getWorkflowStaticData('node'));
	// n8n tears test webhooks down in 'internal' mode: find the endpoint by the URL it reports, not by mode
	const url = this.getNodeWebhookUrl('default');
	const key = (Object.keys(endpoints) as EndpointKey[]).find((candidate) => endpoints[candidate]?.url === url) ?? endpointKeyOf(this);
	const endpoint = endpoints[key];
	if (!endpoint || endpoint.registrations.length === 0) {
		delete endpoints[key];
		return true;
	}
	try {
		if (!(await gatewaySupportsDelete(this))) {
			// kept, with its secret, so the next activation reuses it instead of registering twice
			endpoint.deleteUnsupported = true;
			this.logger.info(
				`Bcrumbs Trigger "${this.getNode().name}": this bcrumbs gateway cannot delete webhooks; ${endpoint.registrations.length} registration(s) for ${endpoint.url} stay in bcrumbs and are reused on the next activation`,
			);
			return true;
		}
		for (const registration of endpoint.registrations) {
			await deleteRegistration(this, registration.id, `deactivating, ${registration.event}`);
		}
	} catch (error) {
		this.logger.warn(`Bcrumbs Trigger "${this.getNode().name}": could not remove its bcrumbs webhooks: ${(error as Error).message}`);
	}
	delete endpoints[key];
	return true;
}
