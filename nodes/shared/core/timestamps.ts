/**
 * Platforms document ISO 8601 but real deliveries also carry RFC 1123 ("Sat, 04 Jan 2025 15:35:46 GMT"),
 * SQL-style ("2021-04-09 16:27:51") and microsecond ISO. Returns ISO 8601 in UTC, or undefined when unreadable.
 */
export function toIsoTimestamp(raw: unknown): string | undefined {
	if (typeof raw === 'number' && Number.isFinite(raw)) {
		// seconds or milliseconds since the epoch
		return isoFromEpochMs(new Date(raw < 1e12 ? raw * 1000 : raw).getTime());
	}
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text === '') return undefined;
	// "2021-04-09 16:27:51" has no zone: the platforms that send it mean UTC
	const sqlStyle = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(text);
	const candidate = sqlStyle ? `${sqlStyle[1]}T${sqlStyle[2]}Z` : text;
	return isoFromEpochMs(Date.parse(candidate));
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
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
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

/** The first of `candidates` that reads as a date, in ISO 8601; null when none does. */
export function firstIsoTimestamp(...candidates: unknown[]): string | null {
	for (const candidate of candidates) {
		const timestamp = toIsoTimestamp(candidate);
		if (timestamp) return timestamp;
	}
	return null;
}
