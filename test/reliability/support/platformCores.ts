/**
 * The five pure delivery cores behind one interface, built from the platform descriptors, with the
 * documented examples as fuzzing seeds. Fuzz properties run over this table so every platform is held
 * to the same rules.
 */
import type { Platform } from '../../../nodes/shared/core/normalized';
import type { IncomingDelivery } from '../../../nodes/shared/core/platformDescriptor';
import type { ParseResult } from '../../../nodes/shared/core/platformParse';
import { ALL_DESCRIPTORS, driverOf, examplesOf } from '../../../support/platforms';

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

/** MOBtexting's validation request, the one body that is answered rather than parsed. */
export const MOBTEXTING_HANDSHAKE = { validation_key: 'vk-0001', challenge: 'challenge-8812' };

/** Handshake bodies are seeds too: they must stay answered, never parsed. */
const HANDSHAKE_SEEDS: Partial<Record<Platform, unknown[]>> = {
	mobtexting: [MOBTEXTING_HANDSHAKE],
};

const posted = (body: unknown): IncomingDelivery => ({
	method: 'POST',
	headers: {},
	query: {},
	body,
});

export const PLATFORM_CORES: PlatformCore[] = ALL_DESCRIPTORS.map((descriptor) => ({
	platform: descriptor.platform,
	seeds: [
		// a platform posting arrays (BIK): their elements are seeds too
		...examplesOf(descriptor.platform)
			.filter((example) => example.method === 'POST')
			.flatMap((example) =>
				Array.isArray(example.body) ? [example.body, ...example.body] : [example.body],
			),
		...(HANDSHAKE_SEEDS[descriptor.platform] ?? []),
	],
	parse: (body, options) =>
		descriptor.parser.parseDelivery(posted(body), {
			includeRawBody: options.includeRawBody,
			filters: options.filtered
				? driverOf(descriptor).someDeliveries
				: driverOf(descriptor).everyDelivery,
			timeZone: 'UTC',
		}),
	// the node answers a top-level handshake body before parsing (the descriptor's handshake step)
	isHandshake: (body) => descriptor.handshake?.(posted(body)) !== undefined,
}));

export function coreOf(platform: Platform): PlatformCore {
	return PLATFORM_CORES.find((core) => core.platform === platform) as PlatformCore;
}
