/**
 * Bodies that are not a delivery, held to the same rules on every platform of support/platforms.ts: one
 * that is not a JSON object is one flagged item with the body kept; hostile or absurd input gives flagged
 * or valid items, never an exception, and leaves Object.prototype alone, whatever the filters.
 */
import type { PlatformDescriptor } from '../../nodes/shared/core/platformDescriptor';
import { ALL_DESCRIPTORS, driverOf } from '../../support/platforms';
import {
	checked,
	expectPrototypeUntouched,
	hostileBodies,
	NON_OBJECT_BODIES,
	only,
} from './helpers';

function parse(
	descriptor: PlatformDescriptor,
	body: unknown,
	includeRawBody: boolean,
	filters: Readonly<Record<string, string[]>>,
) {
	return descriptor.parser.parseDelivery(
		{ method: 'POST', headers: {}, query: {}, body },
		{ includeRawBody, filters, timeZone: 'UTC' },
	);
}

describe.each(ALL_DESCRIPTORS)('$platform: bodies that are not a delivery', (descriptor) => {
	const { everyDelivery, someDeliveries } = driverOf(descriptor);

	it.each(NON_OBJECT_BODIES)('flags %s as one item with the body kept', (_label, body) => {
		const item = only(parse(descriptor, body, false, everyDelivery));
		expect(item).toMatchObject({
			valid: false,
			rawBody: body,
			normalized: { kind: 'unknown', event: 'unknown' },
		});
		expect(item.rawBody).toBe(body);
		expect(item.problems).toEqual([expect.stringContaining('is not a JSON object')]);
	});

	describe.each([
		['every delivery let through', everyDelivery],
		['filters that let only some deliveries through', someDeliveries],
	])('with %s', (_filtering, filters) => {
		it.each(hostileBodies())('never throws on %s', (_label, body) => {
			expect(checked(parse(descriptor, body, true, filters)).length).toBeGreaterThan(0);
			expectPrototypeUntouched();
		});
	});
});
