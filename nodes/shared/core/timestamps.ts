/**
 * Platforms document ISO 8601 but real deliveries also carry RFC 1123 ("Sat, 04 Jan 2025 15:35:46 GMT"),
 * zone-less SQL-style ("2021-04-09 16:27:51") and microsecond ISO. Returns ISO 8601 in UTC, or undefined
 * when unreadable. A time without a zone is read in `timeZone` (an IANA name; n8n's convention is the
 * workflow's time zone), UTC when none is given.
 */
export function toIsoTimestamp(raw: unknown, timeZone = 'UTC'): string | undefined {
	if (typeof raw === 'number' && Number.isFinite(raw)) {
		// seconds or milliseconds since the epoch
		const date = new Date(raw < 1e12 ? raw * 1000 : raw);
		return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
	}
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text === '') return undefined;
	const naive = NAIVE_DATE_TIME.exec(text);
	if (naive) return naiveToIso(naive, timeZone);
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The first of `candidates` that reads as a date, in ISO 8601; null when none does. */
export function firstIsoTimestamp(...candidates: unknown[]): string | null {
	return firstIsoTimestampIn('UTC', ...candidates);
}

/** The same, zone-less candidates read in `timeZone`. */
export function firstIsoTimestampIn(timeZone: string, ...candidates: unknown[]): string | null {
	for (const candidate of candidates) {
		const timestamp = toIsoTimestamp(candidate, timeZone);
		if (timestamp) return timestamp;
	}
	return null;
}

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: unknown): timeZone is string {
	if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

// "2021-04-09 16:27:51", "2021-04-09T16:27:51.123456": a date and a time with no offset and no Z
const NAIVE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

function naiveToIso(match: RegExpExecArray, timeZone: string): string | undefined {
	const [year, month, day, hour, minute, second = '0'] = match
		.slice(1, 7)
		.map((part) => (part === undefined ? undefined : Number(part)));
	const millis = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0;
	const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, Number(second), millis);
	const check = new Date(wall);
	// Date.UTC rolls over (Feb 30 → Mar 2): an impossible date is unreadable, not another day
	if (
		Number.isNaN(wall) ||
		check.getUTCDate() !== day ||
		check.getUTCMonth() !== month! - 1 ||
		check.getUTCHours() !== hour
	)
		return undefined;
	const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
	// the offsets in force around that wall time; two of them near a DST change
	const offsets = [
		...new Set([offsetMillis(wall, zone), offsetMillis(wall - offsetMillis(wall, zone), zone)]),
	];
	const instants = offsets.map((offset) => wall - offset);
	const existing = instants.filter((instant) => instant + offsetMillis(instant, zone) === wall);
	// a repeated hour (clocks back) means its first occurrence; a skipped one (clocks forward) the time after the jump
	const instant = existing.length > 0 ? Math.min(...existing) : Math.max(...instants);
	return new Date(instant).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, via Intl (no date library needed). */
function offsetMillis(instant: number, timeZone: string): number {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	const parts = Object.fromEntries(
		formatter.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
	);
	const wallClock = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second),
	);
	return wallClock - Math.floor(instant / 1000) * 1000;
}
