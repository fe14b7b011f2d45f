import { RECEIPT_EVENT, receiptPathPrefix } from './receiptToken';
import { labelCarriesTagOf } from './secrets';
import { ANY_EVENT, canonicalEventName, isEventSelected } from './webhookEvents';

/**
 * Deciding what to register in bcrumbs so that one trigger URL ends with exactly one registration per
 * selected event. Pure: the trigger node feeds it its static data and the gateway's listing.
 */
export interface HeldRegistration {
	id: string;
	event: string;
}

/** What the trigger keeps per endpoint: n8n's production URL and its test URL are registered separately. */
export interface EndpointState {
	url: string;
	secret: string;
	registrations: HeldRegistration[];
	/** Set once the gateway proved it has no delete mutation: registrations for deselected events stay, unused */
	deleteUnsupported?: boolean;
	/**
	 * Registrations a re-key (a new API key) had to leave in bcrumbs because the gateway cannot delete: they
	 * send the old secret, so their deliveries are refused; they are not taken for someone else's
	 */
	retired?: string[];
}

export interface RemoteWebhook {
	id: string;
	url: string;
	event: string;
	label?: string | null;
	/** undefined when the gateway does not list headers (not asked for); null when it has none */
	headers?: Record<string, unknown> | null;
}

/**
 * Whether a registration is for this endpoint's URL. The query is ignored: a registration may carry a
 * token in its query (the SMPP receipt, as registered before) and still belong to the endpoint; so does
 * one at the endpoint's receipt path, whatever its token.
 */
export function isForEndpoint(webhook: { url: string }, url: string): boolean {
	const withoutQuery = (value: string) => value.split('?')[0];
	if (webhook.url === url || withoutQuery(webhook.url) === withoutQuery(url)) return true;
	const receiptPath = receiptPathPrefix(url);
	return receiptPath !== undefined && webhook.url.startsWith(receiptPath);
}

/**
 * Registered with this secret: proven by the listed header where the gateway lists headers, else by the
 * label's tag; the SMPP receipt also by the token in its URL.
 */
export function carriesSecret(webhook: RemoteWebhook, own: OwnSecret): boolean {
	if (own.receiptUrls?.includes(webhook.url)) return true;
	if (webhook.headers !== undefined) return webhook.headers?.[own.header] === own.value;
	return labelCarriesTagOf(webhook.label, own.value);
}

export interface RegistrationPlan {
	/** Held and still registered for a wanted event */
	keep: HeldRegistration[];
	/** Wanted events with no verified registration yet */
	create: string[];
	/** Registered for this URL but not created by this node: their secret is unknown, so never trusted */
	strangers: RemoteWebhook[];
	/** Held, still registered, but for an event no longer wanted */
	stale: HeldRegistration[];
}

/** The events to register: none that ANY_EVENT, when selected, already covers (isEventSelected's rule). */
export function registrationEvents(selected: readonly string[]): string[] {
	const events = [...new Set(selected.map(canonicalEventName).filter(Boolean))];
	if (!events.includes(ANY_EVENT)) return events;
	return events.filter((event) => event === ANY_EVENT || !isEventSelected(event, [ANY_EVENT]));
}

/** Who proves a registration is ours: the header name and the secret this endpoint registered. */
export interface OwnSecret {
	header: string;
	value: string;
	/**
	 * The URLs an SMPP receipt of this endpoint is registered with (the path form, then the query form of
	 * registrations made before): the token is derived from the secret, so it proves ownership too
	 */
	receiptUrls?: readonly string[];
}

export function planRegistrations(
	wanted: readonly string[],
	heldInState: readonly HeldRegistration[],
	remote: readonly RemoteWebhook[],
	url: string,
	own?: OwnSecret,
): RegistrationPlan {
	const forUrl = remote.filter((webhook) => isForEndpoint(webhook, url));
	// registered with our secret but missing from state (n8n saves no state when an activation fails): ours all the same
	const knownIds = new Set(heldInState.map((registration) => registration.id));
	const carriesOwnSecret = (webhook: RemoteWebhook) =>
		own !== undefined && carriesSecret(webhook, own);
	// a receipt registered without the URL token (or with another) would be refused where no header comes along: replaced
	const inPlace = (webhook: RemoteWebhook | undefined, event: string) =>
		event === RECEIPT_EVENT && own?.receiptUrls !== undefined
			? own.receiptUrls.includes(webhook?.url ?? '')
			: webhook?.url === url;
	const held = [
		...heldInState,
		...forUrl
			.filter((webhook) => !knownIds.has(webhook.id) && carriesOwnSecret(webhook))
			.map((webhook) => ({ id: webhook.id, event: canonicalEventName(webhook.event) })),
	];
	const liveById = new Map(forUrl.map((webhook) => [webhook.id, webhook]));
	const stillRegistered = held.filter((registration) => {
		const live = liveById.get(registration.id);
		return live !== undefined && canonicalEventName(live.event) === registration.event;
	});
	const keep: HeldRegistration[] = [];
	const stale: HeldRegistration[] = [];
	for (const registration of stillRegistered) {
		const duplicate = keep.some((kept) => kept.event === registration.event);
		const placed = inPlace(liveById.get(registration.id), registration.event);
		(wanted.includes(registration.event) && !duplicate && placed ? keep : stale).push(registration);
	}
	const heldIds = new Set(held.map((registration) => registration.id));
	return {
		keep,
		create: wanted.filter((event) => !keep.some((kept) => kept.event === event)),
		strangers: forUrl.filter((webhook) => !heldIds.has(webhook.id)),
		stale,
	};
}

/** True when nothing needs doing: every wanted event verified, nothing unverifiable on this URL. */
export function isConverged(plan: RegistrationPlan, deleteUnsupported: boolean): boolean {
	return (
		plan.create.length === 0 &&
		plan.strangers.length === 0 &&
		(plan.stale.length === 0 || deleteUnsupported)
	);
}
