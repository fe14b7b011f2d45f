/**
 * normalized.deliveryKey is what users key n8n's Remove Duplicates on: every retry of a delivery must
 * carry the same key (whatever the whitespace or key order of its bytes, or its header order), and any
 * change to a delivery must change it. Properties over generated mutations of each platform's examples.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import type { Platform } from '../../nodes/shared/core/normalized';
import { RUNS } from './support/budget';
import { keysOf } from './support/invariants';
import { send, useLiveTrigger, type LiveTrigger } from './support/liveTriggers';
import { applyMutation, mutatedJson, mutation, pathsOf, type Json } from './support/mutations';
import { MOBTEXTING_HANDSHAKE, PLATFORM_CORES } from './support/platformCores';

/** The same JSON value with every object's keys in reverse order */
function reversedKeys(value: Json): Json {
	if (Array.isArray(value)) return value.map(reversedKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.reverse()
			.map(([key, entry]) => [key, reversedKeys(entry)]),
	);
}

/** Key-order independent text, to tell a real change from a no-op one */
function canonical(value: Json): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	return `{${Object.keys(value)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
		.join(',')}}`;
}

/**
 * Two bodies that are one delivery by design: a batch of one element is keyed as that element (all but
 * bcrumbs, which takes no batches), and BIK's one-entry eventInfo list as that entry (the docs say list,
 * the examples send one object). Differences are judged on this form.
 */
function deliveryForm(platform: Platform, value: Json): Json {
	const element =
		platform !== 'bcrumbs' && Array.isArray(value) && value.length === 1 ? value[0] : value;
	const unwrapEventInfo = (entry: Json): Json =>
		entry !== null &&
		typeof entry === 'object' &&
		!Array.isArray(entry) &&
		Array.isArray(entry.eventInfo) &&
		entry.eventInfo.length === 1
			? { ...entry, eventInfo: entry.eventInfo[0] }
			: entry;
	if (platform !== 'bik') return element;
	return Array.isArray(element) ? element.map(unwrapEventInfo) : unwrapEventInfo(element);
}

// a handshake yields no item at all, so it has no key to compare
const seedsOf = (seeds: unknown[]) => seeds.filter((seed) => seed !== MOBTEXTING_HANDSHAKE);
const deliveries = (seeds: unknown[]) =>
	fc.oneof(
		{ weight: 3, arbitrary: mutatedJson(seedsOf(seeds), { hostile: false }) },
		{
			weight: 1,
			arbitrary: fc
				.array(mutatedJson(seedsOf(seeds), { hostile: false }), { minLength: 1, maxLength: 3 })
				.map((texts) => `[${texts.join(',')}]`),
		},
	);

describe.each(PLATFORM_CORES)('$platform delivery key', (core) => {
	const keys = (body: unknown) =>
		keysOf(core.parse(body, { includeRawBody: false, filtered: false }));

	it('is the same for a retry: other whitespace, other key order', () => {
		fc.assert(
			fc.property(
				deliveries(core.seeds),
				fc.constantFrom<number | string>(0, 2, '\t', ' \n'),
				(text, indent) => {
					const retried = JSON.stringify(reversedKeys(JSON.parse(text) as Json), null, indent);
					assert.deepEqual(keys(JSON.parse(retried)), keys(JSON.parse(text)));
				},
			),
			{ numRuns: RUNS.property },
		);
	});

	it('differs when any field of the delivery changes (set, dropped, added, wrapped)', () => {
		fc.assert(
			fc.property(deliveries(core.seeds), mutation({ hostile: false }), (text, change) => {
				const before = JSON.parse(text) as Json;
				// a change below the root (path 0): a different delivery, not the same one re-batched
				const paths = pathsOf(before).length;
				fc.pre(paths > 1);
				const after = applyMutation(JSON.parse(text) as Json, {
					...change,
					at: 1 + (change.at % (paths - 1)),
				});
				fc.pre(
					canonical(deliveryForm(core.platform, after)) !==
						canonical(deliveryForm(core.platform, before)),
				);
				const [keysBefore, keysAfter] = [keys(before), keys(after)];
				assert.notDeepEqual([...keysAfter].sort(), [...keysBefore].sort());
			}),
			{ numRuns: RUNS.property },
		);
	});
});

describe('delivery keys across platforms', () => {
	it('the same body delivered to two platforms gets two keys', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				const keys = PLATFORM_CORES.map((core) =>
					core.parse(JSON.parse(JSON.stringify(value)), { includeRawBody: false, filtered: false }),
				)
					.map((result) => result.items[0]?.normalized.deliveryKey)
					.filter(Boolean);
				assert.equal(new Set(keys).size, keys.length);
			}),
			{ numRuns: RUNS.property },
		);
	});
});

describe.each(PLATFORM_CORES.map((core) => core.platform))(
	'%s retries through n8n',
	(platform: Platform) => {
		let trigger: LiveTrigger;
		useLiveTrigger(platform, (started) => (trigger = started));

		/** Sends the bytes with the platform's authentication, headers in the given order; returns the item keys. */
		async function deliveredKeys(raw: string, reverseHeaders: boolean): Promise<string[]> {
			trigger.harness.executions.length = 0;
			const entries = Object.entries({
				'content-type': 'application/json',
				...trigger.auth(raw),
				'x-request-id': String(Math.random()),
			});
			const response = await send(trigger.url, {
				body: raw,
				headers: Object.fromEntries(reverseHeaders ? entries.reverse() : entries),
			});
			assert.equal(response.status, 200);
			return (trigger.harness.executions[0] ?? []).map(
				(item) => (item.normalized as { deliveryKey: string }).deliveryKey,
			);
		}

		it('a retry with other header order and whitespace carries the same keys; a changed delivery does not', async () => {
			const core = PLATFORM_CORES.find((candidate) => candidate.platform === platform)!;
			await fc.assert(
				fc.asyncProperty(
					mutatedJson(seedsOf(core.seeds), { hostile: false }),
					fc.string({ minLength: 1, maxLength: 6 }),
					async (text, marker) => {
						const body = JSON.parse(text) as Json;
						fc.pre(typeof body === 'object' && body !== null);
						const first = await deliveredKeys(JSON.stringify(body), false);
						fc.pre(first.length > 0);
						assert.deepEqual(
							await deliveredKeys(JSON.stringify(reversedKeys(body), null, 2), true),
							first,
						);
						const changed = Array.isArray(body)
							? [...body, marker]
							: { ...body, retryMarker: marker };
						assert.notDeepEqual(await deliveredKeys(JSON.stringify(changed), false), first);
					},
				),
				{ numRuns: RUNS.httpRetry },
			);
		});
	},
);
