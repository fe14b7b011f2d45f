/**
 * Every platform's descriptor, and its documented examples (the sandbox's for bcrumbs, test/fixtures/<platform>
 * for the others). The benchmarks and the reliability tables are built from these, nothing platform-specific
 * besides: a sixth platform is one descriptor in this table, its fixtures folder and its row of
 * TIMESTAMP_FIELDS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BCRUMBS } from '../nodes/Bcrumbs/core/descriptor';
import { BIK } from '../nodes/Bik/core/descriptor';
import { MOBTEXTING } from '../nodes/Mobtexting/core/descriptor';
import { ONEROUTE } from '../nodes/OneRoute/core/descriptor';
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

/** The node parameters that let every delivery through, with verification on where the platform offers it. */
export function everyDeliveryParameters(descriptor: PlatformDescriptor): Record<string, unknown> {
	return {
		...(descriptor.authentication.secretIn === 'credential' ? { verification: 'credentials' } : {}),
		...Object.fromEntries(descriptor.filters.map((filter) => [filter.name, []])),
		...descriptor.everyDelivery,
		options: {},
	};
}
