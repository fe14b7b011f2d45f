// Issue #21: one rule for times sent without a zone, the same on all platforms (nodes/shared/core/timestamps.ts)
import type { Platform } from '../../nodes/shared/core/normalized';
import type {
	IncomingDelivery,
	PlatformDescriptor,
} from '../../nodes/shared/core/platformDescriptor';
import { zoneForZonelessTimes } from '../../nodes/shared/core/timestamps';
import { ALL_DESCRIPTORS, driverOf, exampleNamed, TIMESTAMP_FIELDS } from '../../support/platforms';
import { only } from './helpers';

const ZONELESS = '2025-01-04 15:35:46';
const ZONED = '2025-01-04T15:35:46Z';

/** The platform's documented example with `time` in the field normalized.timestamp is read from. */
function deliveryWith(platform: Platform, time: string): IncomingDelivery {
	const { example, path } = TIMESTAMP_FIELDS[platform];
	const found = exampleNamed(platform, example);
	if (found.body === undefined) throw new Error(`${platform}'s example ${example} has no body`);
	let holder = found.body as Record<string | number, unknown>;
	for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
	const field = path[path.length - 1];
	// the row names a field the example really has: replacing it, not adding one
	expect(holder).toHaveProperty([field]);
	holder[field] = time;
	return { method: found.method, headers: {}, query: {}, body: found.body };
}

function timestampOf(descriptor: PlatformDescriptor, time: string, timeZone: string) {
	const result = descriptor.parser.parseDelivery(deliveryWith(descriptor.platform, time), {
		includeRawBody: false,
		filters: driverOf(descriptor).everyDelivery,
		timeZone,
	});
	const item = only(result);
	expect(item.valid).toBe(true);
	return item.normalized.timestamp;
}

// one row per platform, zone and time: what the one rule reads
const ROWS = ALL_DESCRIPTORS.flatMap((descriptor) =>
	[
		[ZONELESS, 'Asia/Kolkata', '2025-01-04T10:05:46.000Z'],
		[ZONELESS, 'UTC', '2025-01-04T15:35:46.000Z'],
		// a time with a zone is the same instant whatever the zone
		[ZONED, 'Asia/Kolkata', '2025-01-04T15:35:46.000Z'],
		[ZONED, 'UTC', '2025-01-04T15:35:46.000Z'],
	].map(([time, timeZone, expected]) => ({
		platform: descriptor.platform,
		descriptor,
		time,
		timeZone,
		expected,
	})),
);

describe('zone-less times: one rule on every platform', () => {
	it('covers every platform', () => {
		expect(new Set(ROWS.map((row) => row.platform)).size).toBe(ALL_DESCRIPTORS.length);
	});

	it.each(ROWS)(
		'$platform: "$time" read in $timeZone is $expected',
		({ descriptor, time, timeZone, expected }) => {
			expect(timestampOf(descriptor, time, timeZone)).toBe(expected);
		},
	);
});

describe('zoneForZonelessTimes: the node option, else the workflow time zone, else UTC', () => {
	it.each([
		['Asia/Kolkata', 'Europe/Berlin', 'Asia/Kolkata'],
		['  Asia/Kolkata ', 'Europe/Berlin', 'Asia/Kolkata'],
		['', 'Europe/Berlin', 'Europe/Berlin'],
		['Not/AZone', 'Europe/Berlin', 'Europe/Berlin'],
		[undefined, 'Europe/Berlin', 'Europe/Berlin'],
		[42, 'Europe/Berlin', 'Europe/Berlin'],
		['', 'Not/AZone', 'UTC'],
		['', undefined, 'UTC'],
	])('option %p, workflow %p: %s', (option, workflowZone, expected) => {
		expect(zoneForZonelessTimes(option, workflowZone)).toBe(expected);
	});
});
