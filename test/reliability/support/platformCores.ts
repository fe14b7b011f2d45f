/**
 * The five pure delivery cores behind one interface, with the documented examples as fuzzing seeds.
 * Fuzz properties run over this table so every platform is held to the same rules.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parseBcrumbsDelivery } from '../../../nodes/Bcrumbs/core/parse';
import { parseBikDelivery } from '../../../nodes/Bik/core/parse';
import { isMobtextingHandshake } from '../../../nodes/Mobtexting/core/handshake';
import { parseMobtextingDelivery } from '../../../nodes/Mobtexting/core/parse';
import type { Platform } from '../../../nodes/shared/core/normalized';
import { parseOneRouteDelivery } from '../../../nodes/OneRoute/core/parse';
import type { ParseResult } from '../../../nodes/shared/core/platformParse';
import { parseWakitDelivery } from '../../../nodes/Wakit/core/parse';
import { exampleEvent } from '../../../sandbox/examples';
import { fixture } from '../../platforms/helpers';

export interface CoreOptions {
	includeRawBody: boolean;
	/** true: the node's filters select only some events (so some deliveries must be counted as skipped) */
	filtered: boolean;
}

export interface PlatformCore {
	platform: Platform;
	/** Documented example bodies (fixtures, or the sandbox's doc examples for bcrumbs) */
	seeds: unknown[];
	parse(body: unknown, options: CoreOptions): ParseResult;
	/** A body the trigger answers as a protocol handshake instead of turning it into items */
	isHandshake(body: unknown): boolean;
}

const BCRUMBS_POST_EVENTS = ['INCOMING_MESSAGE', 'OUTGOING_MESSAGE', 'MESSAGE_UPDATED', 'NEW_CONV', 'ENDING_CONV', 'NEW_CLIENT', 'CLIENT_UPDATED'] as const;

function fixturesOf(platform: string): unknown[] {
	const names = readdirSync(join(__dirname, '..', '..', 'fixtures', platform)).filter((file) => file.endsWith('.json'));
	return names.map((file) => fixture(platform, file.replace(/\.json$/, '')));
}

/** MOBtexting's validation request, the one body that is answered rather than parsed. */
export const MOBTEXTING_HANDSHAKE = { validation_key: 'vk-0001', challenge: 'challenge-8812' };

const notHandshake = () => false;

export const PLATFORM_CORES: PlatformCore[] = [
	{
		platform: 'bcrumbs',
		seeds: BCRUMBS_POST_EVENTS.map((event) => exampleEvent(event)),
		parse: (body, options) =>
			parseBcrumbsDelivery(
				{ method: 'POST', body, query: {} },
				{ selectedEvents: options.filtered ? ['INCOMING_MESSAGE', 'NEW_CLIENT'] : ['ANY_EVENT'], includeRawBody: options.includeRawBody },
			),
		isHandshake: notHandshake,
	},
	{
		platform: 'oneroute',
		seeds: fixturesOf('oneroute'),
		parse: (body, options) => parseOneRouteDelivery(body, { includeRawBody: options.includeRawBody }),
		isHandshake: notHandshake,
	},
	{
		platform: 'bik',
		// BIK posts arrays: their elements are seeds too
		seeds: fixturesOf('bik').flatMap((batch) => [batch, ...(batch as unknown[])]),
		parse: (body, options) =>
			parseBikDelivery(body, {
				includeRawBody: options.includeRawBody,
				...(options.filtered ? { events: ['incoming-message'], categories: ['CRM'] } : {}),
			}),
		isHandshake: notHandshake,
	},
	{
		platform: 'mobtexting',
		seeds: [...fixturesOf('mobtexting'), MOBTEXTING_HANDSHAKE],
		parse: (body, options) =>
			parseMobtextingDelivery(body, {
				includeRawBody: options.includeRawBody,
				...(options.filtered ? { events: ['whatsapp:message:in', 'sms:unsubscription'] } : {}),
			}),
		// the node answers a top-level handshake body before parsing (MobtextingTrigger's handshake step)
		isHandshake: (body) => isMobtextingHandshake(undefined, body),
	},
	{
		platform: 'wakit',
		seeds: fixturesOf('wakit'),
		parse: (body, options) =>
			parseWakitDelivery(body, {
				includeRawBody: options.includeRawBody,
				...(options.filtered ? { entities: ['messages'], actions: ['insert'], directions: ['incoming'] } : {}),
			}),
		isHandshake: notHandshake,
	},
];

export function coreOf(platform: Platform): PlatformCore {
	return PLATFORM_CORES.find((core) => core.platform === platform) as PlatformCore;
}
