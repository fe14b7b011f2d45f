/**
 * Every platform's descriptor, how its sender authenticates a delivery, and its documented examples (the
 * sandbox's for bcrumbs, test/fixtures/<platform> for the others). The benchmarks and the reliability tables
 * are built from these: a sixth platform is one descriptor in this table, its row of DRIVERS, its fixtures
 * folder and its row of TIMESTAMP_FIELDS (CONTRIBUTING.md, "Adding a platform", lists the rest).
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BCRUMBS, VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { ANY_EVENT, SMPP_EVENT } from '../nodes/Bcrumbs/core/webhookEvents';
import { BIK } from '../nodes/Bik/core/descriptor';
import { MOBTEXTING } from '../nodes/Mobtexting/core/descriptor';
import { ONEROUTE } from '../nodes/OneRoute/core/descriptor';
import { ONEROUTE_SIGNATURE_HEADER } from '../nodes/OneRoute/core/authentication';
import { WAKIT } from '../nodes/Wakit/core/descriptor';
import { PLATFORMS, type Platform } from '../nodes/shared/core/normalized';
import type { PlatformDescriptor } from '../nodes/shared/core/platformDescriptor';
import { EXAMPLE_EVENTS, exampleEvent } from '../sandbox/examples';

export const DESCRIPTORS: Readonly<Record<Platform, PlatformDescriptor>> = {
	bcrumbs: BCRUMBS,
	oneroute: ONEROUTE,
	bik: BIK,
	mobtexting: MOBTEXTING,
	wakit: WAKIT,
};

export const ALL_DESCRIPTORS: readonly PlatformDescriptor[] = PLATFORMS.map(
	(platform) => DESCRIPTORS[platform],
);

/**
 * What the tests and the benchmarks need of a platform beyond its shipped descriptor: how its trigger lets
 * every delivery through, and how its sender authenticates one (the mirror of the descriptor's verify).
 */
export type PlatformDriver = DriverBase & Partial<Pick<HandConfiguredDriver, 'asDocumented'>>;

/** A trigger whose URL and secret are pasted into the platform's portal by hand (its secret in a credential). */
export interface HandConfiguredDriver extends DriverBase {
	/**
	 * What the platform's document asks a receiver to hold, written out rather than read from the
	 * descriptor so that a changed default fails the first-contact tests: the Verification it implies and,
	 * where the document defines a secret (BIK: Basic auth with one key), the credential holding `key` and
	 * the headers its sender adds.
	 */
	asDocumented(key: string): DocumentedSetup;
}

export interface DocumentedSetup {
	verification: 'credentials' | 'none';
	credential?: Record<string, string>;
	headers: Record<string, string>;
}

interface DriverBase {
	/** The filter values that let every delivery through (bcrumbs' events cannot be left empty) */
	everyDelivery: Readonly<Record<string, string[]>>;
	/** Filter values that let only some deliveries through, so that some must be counted as skipped */
	someDeliveries: Readonly<Record<string, string[]>>;
	/** The secrets record (credential fields) holding `secret`, and `user` where the platform asks for one */
	secretsFor(secret: string, user: string): Record<string, string>;
	/** The headers the platform sends with `rawBody` */
	sign(secrets: Readonly<Record<string, unknown>>, rawBody: string): Record<string, string>;
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const bearer = (token: unknown) => ({ authorization: `Bearer ${token as string}` });
/** A document that defines no authentication: a sender as documented sends no secret. */
const noSecret = (): DocumentedSetup => ({ verification: 'none', headers: {} });

const DRIVERS: Readonly<Record<Platform, PlatformDriver>> = {
	bcrumbs: {
		// Any Event covers all but the SMPP receipt
		everyDelivery: { events: [ANY_EVENT, SMPP_EVENT] },
		someDeliveries: { events: ['INCOMING_MESSAGE', 'NEW_CLIENT'] },
		secretsFor: (secret) => ({ secret }),
		sign: (registered) => ({ [VERIFICATION_HEADER]: registered.secret as string }),
	},
	oneroute: {
		everyDelivery: {},
		// OneRoute's one event offers no filter
		someDeliveries: {},
		// "an unauthenticated POST route"
		asDocumented: noSecret,
		secretsFor: (secret) => ({ secretKey: secret }),
		sign: (credential, rawBody) => ({
			[ONEROUTE_SIGNATURE_HEADER]: createHmac('sha512', credential.secretKey as string)
				.update(rawBody)
				.digest('hex'),
		}),
	},
	bik: {
		everyDelivery: {},
		someDeliveries: { events: ['incoming-message'], categories: ['CRM'] },
		// Basic auth with the authorization key BIK's portal asks for, sent as typed
		asDocumented: (key) => ({
			verification: 'credentials',
			credential: { authKey: key },
			headers: { authorization: `Basic ${key}` },
		}),
		secretsFor: (secret, user) => ({ user, password: secret }),
		// the key as BIK's portal sends it; a user and password base64-encoded
		sign: (credential) => ({
			authorization: filled(credential.authKey)
				? `Basic ${credential.authKey as string}`
				: `Basic ${Buffer.from(`${credential.user as string}:${credential.password as string}`).toString('base64')}`,
		}),
	},
	mobtexting: {
		everyDelivery: {},
		someDeliveries: { events: ['whatsapp:message:in', 'sms:unsubscription'] },
		asDocumented: noSecret,
		secretsFor: (secret) => ({ secret }),
		sign: (credential) => bearer(credential.secret),
	},
	wakit: {
		everyDelivery: {},
		someDeliveries: { entities: ['messages'], actions: ['insert'], directions: ['incoming'] },
		asDocumented: noSecret,
		secretsFor: (secret) => ({ token: secret }),
		sign: (credential) => bearer(credential.token),
	},
};

/** The test-side row of a descriptor: kept apart so the shipped descriptors carry nothing only tests use. */
export function driverOf(descriptor: PlatformDescriptor): PlatformDriver {
	return DRIVERS[descriptor.platform];
}

/** The triggers set up by hand in their platform's portal, with the secret in a credential: all but bcrumbs. */
export const HAND_CONFIGURED: readonly PlatformDescriptor[] = ALL_DESCRIPTORS.filter(
	(descriptor) => descriptor.authentication.secretIn === 'credential',
);

/** The row of a trigger set up by hand (one of HAND_CONFIGURED). */
export function handConfiguredDriverOf(descriptor: PlatformDescriptor): HandConfiguredDriver {
	const { asDocumented, ...driver } = driverOf(descriptor);
	if (descriptor.authentication.secretIn !== 'credential' || !asDocumented)
		throw new Error(
			`${descriptor.platform} registers its own webhooks: it has no documented setup`,
		);
	return { ...driver, asDocumented };
}

/**
 * Per platform, one documented example (a name examplesOf gives) and the path (keys, array indexes) of its
 * field that normalized.timestamp is read from: the cross-platform time tables replace that value.
 */
export const TIMESTAMP_FIELDS: Readonly<
	Record<Platform, { example: string; path: readonly [...Array<string | number>, string] }>
> = {
	bcrumbs: { example: 'INCOMING_MESSAGE', path: ['createdAt'] },
	oneroute: { example: 'new-message-text', path: ['conversation', 'lastMessageAt'] },
	bik: { example: 'incoming-message', path: [0, 'eventInfo', 'createdAt'] },
	mobtexting: { example: 'sms-delivery-report', path: ['deliv_time'] },
	wakit: { example: 'message-insert-incoming', path: ['data', 'created_at'] },
};

/** One documented example: a JSON body POSTed, or (bcrumbs' SMPP receipt) a query string on a GET. */
export interface PlatformExample {
	name: string;
	method: 'POST' | 'GET';
	body?: unknown;
	query?: Record<string, string>;
}

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');

/** A fresh copy each call, in a stable order. */
export function examplesOf(platform: Platform): PlatformExample[] {
	if (platform === 'bcrumbs') {
		return (Object.keys(EXAMPLE_EVENTS) as Array<keyof typeof EXAMPLE_EVENTS>).map((event) =>
			// bcrumbs sends the SMPP receipt as GET ?message_id=&status=
			event === 'MESSAGE_UPDATED_SMPP'
				? { name: event, method: 'GET', query: exampleEvent(event) as Record<string, string> }
				: { name: event, method: 'POST', body: exampleEvent(event) },
		);
	}
	return readdirSync(join(FIXTURES, platform))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			name: file.replace(/\.json$/, ''),
			method: 'POST',
			body: JSON.parse(readFileSync(join(FIXTURES, platform, file), 'utf8')),
		}));
}

/** The documented example of `platform` named `name`; a fresh copy each call. */
export function exampleNamed(platform: Platform, name: string): PlatformExample {
	const found = examplesOf(platform).find((example) => example.name === name);
	if (found === undefined) throw new Error(`${platform} has no example named ${name}`);
	return found;
}

/** The example a test sends when any authentic delivery will do: the one TIMESTAMP_FIELDS names. */
export function sampleExample(platform: Platform): PlatformExample {
	return exampleNamed(platform, TIMESTAMP_FIELDS[platform].example);
}

/** The node parameters that let every delivery through, with verification on where the platform offers it. */
export function everyDeliveryParameters(descriptor: PlatformDescriptor): Record<string, unknown> {
	const { everyDelivery } = driverOf(descriptor);
	return {
		...(descriptor.authentication.secretIn === 'credential' ? { verification: 'credentials' } : {}),
		...Object.fromEntries(descriptor.filters.map((filter) => [filter.name, []])),
		...everyDelivery,
		options: {},
	};
}
