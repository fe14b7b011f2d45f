/**
 * Fuzzing each platform's pure delivery core with thousands of mutated and arbitrary bodies. A webhook
 * receives whatever is posted to it: the core must answer everything, lose nothing and pollute nothing.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { assertPrototypesIntact, assertSoundResult, keysOf } from './support/invariants';
import { bodyOf, requestBody } from './support/mutations';
import { PLATFORM_CORES, type CoreOptions } from './support/platformCores';
import { RUNS } from './support/budget';

const coreOptions: fc.Arbitrary<CoreOptions> = fc.record({
	includeRawBody: fc.boolean(),
	filtered: fc.boolean(),
});

describe.each(PLATFORM_CORES)('$platform core under fuzzing', (core) => {
	it('never throws, yields items or a skip count, flags what it cannot read, keys deterministically, pollutes and alters nothing', () => {
		fc.assert(
			fc.property(requestBody(core.seeds, { hostile: true }), coreOptions, (sample, options) => {
				const body = bodyOf(sample);
				const sent = JSON.stringify(body);
				const result = core.parse(body, options);
				assertSoundResult(result, { handshake: core.isHandshake(body) });
				assertPrototypesIntact();
				assert.equal(JSON.stringify(body), sent, 'the core changed the body it was given');
				// the same bytes again (a retry), with the other raw-payload setting: the same keys
				const again = core.parse(bodyOf(sample), {
					...options,
					includeRawBody: !options.includeRawBody,
				});
				assert.deepEqual(keysOf(again), keysOf(result), 'the delivery keys are not deterministic');
			}),
			{ numRuns: RUNS.fuzz },
		);
	});
});

describe('MOBtexting handshake-shaped elements inside a batch (bug demonstration)', () => {
	const mobtexting = PLATFORM_CORES.find((core) => core.platform === 'mobtexting')!;
	const handshake = { validation_key: 'vk-0001', challenge: 'challenge-8812' };

	// the node answers only a top-level handshake; inside an array nothing answers it and nothing reports it
	it.each([
		['alone in an array', [handshake]],
		[
			'beside a real record',
			[handshake, { id: 1, mobile: '91900', status: 'DELIVRD', deliv_time: '2023-07-08 12:52:54' }],
		],
	])('%s: every element is an item or counted as skipped', (_name, body) => {
		const result = mobtexting.parse(body, { includeRawBody: false, filtered: false });
		expect(result.items.length + result.skipped).toBe(body.length);
	});
});
