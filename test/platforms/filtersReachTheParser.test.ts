/**
 * A filter reaches the parser by its name (parseOptionsOf spreads the node's filters under their own
 * names): one whose name and parse option drift apart would compile and let everything through. For
 * every filter of every descriptor, some single value of it must skip a documented example that the
 * filters letting every delivery through keep.
 */
import type { PlatformDescriptor } from '../../nodes/shared/core/platformDescriptor';
import { ALL_DESCRIPTORS, driverOf, examplesOf } from '../../support/platforms';

function skippedAcrossExamples(
	descriptor: PlatformDescriptor,
	filters: Readonly<Record<string, string[]>>,
): number {
	return examplesOf(descriptor.platform).reduce((count, example) => {
		const result = descriptor.parser.parseDelivery(
			{ method: example.method, headers: {}, query: example.query ?? {}, body: example.body },
			{ includeRawBody: false, filters, timeZone: 'UTC' },
		);
		return count + (result.skipped ?? 0);
	}, 0);
}

const FILTERS = ALL_DESCRIPTORS.flatMap((descriptor) =>
	descriptor.filters.map((filter) => [descriptor.platform, filter.name, descriptor] as const),
);

describe('every filter reaches its parser', () => {
	it('covers every platform that offers filters', () => {
		const platformsWithFilters = ALL_DESCRIPTORS.filter((d) => d.filters.length > 0);
		expect(new Set(FILTERS.map(([platform]) => platform))).toEqual(
			new Set(platformsWithFilters.map((d) => d.platform)),
		);
	});

	it.each(FILTERS)('%s: %s', (_platform, name, descriptor) => {
		const { everyDelivery } = driverOf(descriptor);
		const baseline = skippedAcrossExamples(descriptor, everyDelivery);
		const filter = descriptor.filters.find((candidate) => candidate.name === name)!;
		const skippedBySomeValue = filter.values.some(
			(value) =>
				skippedAcrossExamples(descriptor, { ...everyDelivery, [name]: [value] }) > baseline,
		);
		expect(skippedBySomeValue).toBe(true);
	});
});
