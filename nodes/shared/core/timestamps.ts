import { fixedWidthEpochMs, fixedWidthUtcIso } from './fixedWidthTimestamps';

/**
 * The one rule for times sent without a zone ("2025-01-04 15:35:46"), the same on every platform: they
 * are read in the node's option "Time Zone of Zone-Less Times" when it names a known IANA zone, else in
 * the workflow's time zone (n8n's rule for naive dates), else in UTC. Parsers receive the answer as
 * DeliverySelection.timeZone and pass it to the readers below for every time they normalize. Times with
 * a zone ("Z", "+05:30", RFC 1123's "GMT") are never shifted.
 */
export function zoneForZonelessTimes(option: unknown, workflowZone: unknown): string {
	const chosen = typeof option === 'string' ? option.trim() : '';
	if (isKnownTimeZone(chosen)) return chosen;
	return isKnownTimeZone(workflowZone) ? workflowZone : 'UTC';
}

/**
 * Platforms document ISO 8601 but real deliveries also carry RFC 1123 ("Sat, 04 Jan 2025 15:35:46 GMT"),
 * zone-less SQL-style ("2021-04-09 16:27:51") and microsecond ISO. Returns ISO 8601 in UTC, or undefined
 * when unreadable. A time without a zone is read in `timeZone` (an IANA name: the zone
 * zoneForZonelessTimes chose), UTC when none is given.
 */
export function toIsoTimestamp(raw: unknown, timeZone = 'UTC'): string | undefined {
	// the fixed-width forms carry their zone, so `timeZone` has no say in them
	if (typeof raw === 'string') {
		const iso = fixedWidthUtcIso(raw);
		if (iso !== undefined) return iso;
	}
	const ms = toEpochMs(raw, timeZone);
	return ms === undefined ? undefined : isoFromEpochMs(ms);
}

/** The same instant as milliseconds since the epoch (whole ms), for comparing times without re-parsing. */
export function toEpochMs(raw: unknown, timeZone = 'UTC'): number | undefined {
	let ms: number | undefined;
	if (typeof raw === 'number' && Number.isFinite(raw)) {
		// seconds or milliseconds since the epoch
		ms = new Date(raw < 1e12 ? raw * 1000 : raw).getTime();
	} else if (typeof raw === 'string') {
		const fixed = fixedWidthEpochMs(raw);
		if (fixed !== undefined) return fixed;
		const text = raw.trim();
		if (text === '') return undefined;
		const naive = NAIVE_DATE_TIME.exec(text);
		ms = naive ? naiveToEpochMs(naive, timeZone) : Date.parse(text);
	}
	// the range isoFromEpochMs writes; Date keeps whole milliseconds ("+ 0" turns -0 into 0)
	if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
	return Math.trunc(ms) + 0;
}

/**
 * What `new Date(ms).toISOString()` gives, by arithmetic: toISOString was the larger part of reading a
 * timestamp. Years outside 0000-9999 (six-digit form) and invalid dates take the Date path.
 */
export function isoFromEpochMs(ms: number): string | undefined {
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
	// Date keeps whole milliseconds, cut toward zero ("+ 0" turns -0 into 0)
	ms = Math.trunc(ms) + 0;
	const days = Math.floor(ms / 86_400_000);
	const dayMs = ms - days * 86_400_000;
	// civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years)
	const shifted = days + 719_468;
	const era = Math.floor(shifted / 146_097);
	const dayOfEra = shifted - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
	const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	if (year < 0 || year > 9999) return new Date(ms).toISOString();
	const hours = Math.floor(dayMs / 3_600_000);
	const minutes = Math.floor((dayMs % 3_600_000) / 60_000);
	const seconds = Math.floor((dayMs % 60_000) / 1000);
	const millis = dayMs % 1000;
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}Z`;
}

function pad(value: number, width: number): string {
	const text = String(value);
	return text.length >= width ? text : '0000'.slice(0, width - text.length) + text;
}

/** The first of `candidates` that reads as a date, in ISO 8601 (zone-less ones read in `timeZone`); null when none does. */
export function firstIsoTimestampIn(timeZone: string, ...candidates: unknown[]): string | null {
	for (const candidate of candidates) {
		const timestamp = toIsoTimestamp(candidate, timeZone);
		if (timestamp) return timestamp;
	}
	return null;
}

// building an Intl.DateTimeFormat to test a name costs tens of µs: remember the answer per name
const knownZones = new Map<string, boolean>();
const KNOWN_ZONES_LIMIT = 256;

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: unknown): timeZone is string {
	if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
	let known = knownZones.get(timeZone);
	if (known === undefined) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone });
			known = true;
		} catch {
			known = false;
		}
		if (knownZones.size < KNOWN_ZONES_LIMIT) knownZones.set(timeZone, known);
	}
	return known;
}

// "2021-04-09 16:27:51", "2021-04-09T16:27:51.123456": a date and a time with no offset and no Z
const NAIVE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

function naiveToEpochMs(match: RegExpExecArray, timeZone: string): number | undefined {
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
	if (zone === 'UTC') return wall;
	// the offset at the wall time read as UTC, then at the instant that gives: the same offset means no
	// DST change is near, and that instant is the answer (two Intl calls instead of four)
	const firstOffset = offsetMillis(wall, zone);
	const guess = wall - firstOffset;
	const guessOffset = offsetMillis(guess, zone);
	if (guessOffset === firstOffset) return guess;
	// near a DST change: the instants of both offsets, kept where they read back as this wall time
	const instants = [guess, wall - guessOffset];
	const existing = instants.filter((instant) => instant + offsetMillis(instant, zone) === wall);
	// a repeated hour (clocks back) means its first occurrence; a skipped one (clocks forward) the time after the jump
	const instant = existing.length > 0 ? Math.min(...existing) : Math.max(...instants);
	return instant;
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
