/**
 * Every documented example (sandbox examples for bcrumbs, test/fixtures for the other platforms) as the
 * bytes and headers a platform would send, correctly signed, and each trigger's receive step as a plain
 * function: verify + parse + normalize, the same descriptor calls and options the node's webhook() makes.
 */
import { createHash } from 'crypto';

import type { Platform } from '../nodes/shared/core/normalized';
import type { IncomingDelivery } from '../nodes/shared/core/platformDescriptor';
import { ALL_DESCRIPTORS, DESCRIPTORS, driverOf, examplesOf } from '../support/platforms';

export type { Platform };

/** One request as it arrives: n8n hands the node the parsed body, the headers, the query and the raw bytes. */
export interface WireDelivery {
	platform: Platform;
	/** The event or fixture name */
	name: string;
	method: 'POST' | 'GET';
	headers: Record<string, string>;
	/** The body as sent ('' for GET) */
	bodyText: string;
	/** The query string as sent ('' for POST) */
	queryText: string;
}

/**
 * Made-up secrets (credential fields, or bcrumbs' registered secret), one set per descriptor: the bench
 * signs its own deliveries. 64 hex characters, the form of the secret bcrumbs' trigger registers.
 */
export const SECRETS = Object.fromEntries(
	ALL_DESCRIPTORS.map((descriptor) => [
		descriptor.platform,
		driverOf(descriptor).secretsFor(
			createHash('sha256').update(`bench ${descriptor.platform}`).digest('hex'),
			`${descriptor.platform}-user`,
		),
	]),
) as Record<Platform, Record<string, string>>;

export function allDeliveries(): WireDelivery[] {
	return ALL_DESCRIPTORS.flatMap((descriptor) =>
		examplesOf(descriptor.platform).map((example): WireDelivery => {
			const { platform } = descriptor;
			const isGet = example.method === 'GET';
			// compact, as senders serialize: the signature covers exactly these bytes
			const bodyText = isGet ? '' : JSON.stringify(example.body);
			const signature = driverOf(descriptor).sign(SECRETS[platform], bodyText);
			const headers = isGet ? signature : { 'content-type': 'application/json', ...signature };
			const queryText = isGet ? new URLSearchParams(example.query).toString() : '';
			return { platform, name: example.name, method: example.method, headers, bodyText, queryText };
		}),
	);
}

/** What a trigger's receive step sees after n8n decoded the request. */
export type DecodedDelivery = IncomingDelivery & {
	headers: Record<string, string>;
	rawBody: Buffer;
};

export function decode(delivery: WireDelivery): DecodedDelivery {
	return {
		method: delivery.method,
		headers: delivery.headers,
		query: Object.fromEntries(new URLSearchParams(delivery.queryText)),
		body: delivery.bodyText ? JSON.parse(delivery.bodyText) : {},
		rawBody: Buffer.from(delivery.bodyText),
	};
}

export interface ReceiveResult {
	items: Array<{ valid: boolean }>;
	skipped?: number;
}

/** verify + parse + normalize for one platform, with the filters that let every delivery through. */
export function receiveStep(platform: Platform): (delivery: DecodedDelivery) => ReceiveResult {
	const descriptor = DESCRIPTORS[platform];
	const selection = {
		includeRawBody: false,
		filters: driverOf(descriptor).everyDelivery,
		timeZone: 'UTC',
	};
	return (delivery) => {
		const handshake = descriptor.handshake?.(delivery);
		if (handshake) return { items: [], handshake } as ReceiveResult;
		const verdict = descriptor.authentication.verify(delivery, SECRETS[platform]);
		// a refusal here is a bench bug (bad signature), not a figure to report
		if (!verdict.ok) throw new Error(`bench delivery refused: ${verdict.reason}`);
		return descriptor.parser.parseDelivery(delivery, selection);
	};
}
