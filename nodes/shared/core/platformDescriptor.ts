import type { Platform } from './normalized';
import type { ParseResult } from './platformParse';
import type { HeaderValue, Verdict } from './verify';

/**
 * Everything that makes one platform's trigger: who it is, how a delivery is authenticated, which filters
 * it offers, how a delivery becomes items. The node class (nodes/shared/trigger/platformTrigger.ts), the
 * benchmarks and the reliability tables are all built from it. Pure: no n8n imports.
 */
export interface PlatformDescriptor {
	platform: Platform;
	/** The trigger node as n8n lists it (its icon and subtitle are written in the node file, where n8n's scanner looks) */
	node: { displayName: string; name: string; description: string };
	credentialType: string;
	authentication: PlatformAuthentication;
	/**
	 * How to connect the platform. Hand-configured platforms: where to paste the webhook URL, completing
	 * "Copy this node's Production URL ... and <setupNotice>". A self-registering one (bcrumbs): the whole notice.
	 */
	setupNotice: string;
	/** Multi-select filters; an empty selection lets everything through */
	filters: readonly DeliveryFilter[];
	/** Protocol handshakes (MOBtexting's challenge) are answered with this instead of starting an execution */
	handshake?(delivery: IncomingDelivery): Record<string, unknown> | undefined;
	/**
	 * What to change when a delivery is refused (401): logged, once per cause and node, beside the cause.
	 * Say what the platform must send and where that is set, e.g. that it signs only when a secret is set.
	 */
	refusalHint: string;
	/** Turns one authentic delivery into items: the platform's class in its core/parse.ts, loaded lazily. */
	parser: DeliveryParser;
}

/**
 * Each platform's core/parse.ts has one, a class, so that a reader (or a tool) following a delivery from
 * the trigger's webhook finds the parser that makes its items.
 */
export interface DeliveryParser {
	/** Turns one authentic delivery into items. Never throws. */
	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): DeliveryParseResult;
}

export interface PlatformAuthentication {
	/** What is checked, as the Verification option names it */
	method: string;
	/** The same in a few words, for the canvas subtitle ("Checks: Basic auth") */
	checks: string;
	/**
	 * Verification on a new node. 'credentials' where the platform's document defines a mechanism (BIK:
	 * Basic auth); 'none' where it defines none, so a sender as documented works at once and the
	 * unguessable Production URL is what protects the workflow, as with n8n's Webhook node.
	 */
	defaultVerification: 'credentials' | 'none';
	/**
	 * Where the secret comes from: the user's credential, or (bcrumbs) the secret the node registered
	 * itself. A registered secret is never looked for in a credential: without it, every delivery is refused.
	 */
	secretIn: 'credential' | 'registration';
	/** Shown while Verification is None, after the sentence on the URL: how to switch the platform's own check on */
	optIn: string;
	verify(delivery: IncomingDelivery, secrets: Readonly<Record<string, unknown>>): Verdict;
	/** Whether a recognised handshake may be answered (MOBtexting: its token matches the validation token) */
	verifyHandshake?(delivery: IncomingDelivery, secrets: Readonly<Record<string, unknown>>): Verdict;
	/**
	 * The credential fields its test lets stay empty for these secrets: optional ones, and those of a
	 * form the user did not choose (BIK: a key, or a user and password). Every other field is required.
	 */
	optionalFields?(secrets: Readonly<Record<string, unknown>>): readonly string[];
}

export interface DeliveryFilter {
	displayName: string;
	/** The node parameter, and the parse option of the same name it feeds (bcrumbs: `selectedEvents`) */
	name: string;
	values: readonly string[];
	description: string;
}

/** What the user chose in the node. */
export interface DeliverySelection {
	includeRawBody: boolean;
	/** Per filter name, the values chosen */
	filters: Readonly<Record<string, string[] | undefined>>;
	/**
	 * IANA zone in which times sent without a zone are read (zoneForZonelessTimes in core/timestamps.ts):
	 * every parser passes it to the shared reader for each time it normalizes
	 */
	timeZone: string;
}

/**
 * The options the hand-configured platforms' parsers take: each filter's values under its own name, raw
 * body and zone (test/platforms/filtersReachTheParser.test.ts holds every filter to reaching its parser).
 */
export function parseOptionsOf({ filters, includeRawBody, timeZone }: DeliverySelection) {
	return { ...filters, includeRawBody, timeZone };
}

/** What a trigger sees of one HTTP request. */
export interface IncomingDelivery {
	method: string;
	headers: Record<string, HeaderValue>;
	query: Record<string, unknown>;
	/** The URL's path parameters (bcrumbs' receipt token) */
	params?: Record<string, unknown>;
	body: unknown;
	/** The bytes as received, for signatures over the body */
	rawBody?: Buffer;
}

/** `event` names the delivery in the acknowledgement when a delivery is one event (bcrumbs). */
export type DeliveryParseResult = ParseResult & { event?: string };
