/**
 * Platforms document ISO 8601 but real deliveries also carry RFC 1123 ("Sat, 04 Jan 2025 15:35:46 GMT"),
 * SQL-style ("2021-04-09 16:27:51") and microsecond ISO. Returns ISO 8601 in UTC, or undefined when unreadable.
 */
export function toIsoTimestamp(raw: unknown): string | undefined {
	if (typeof raw === 'number' && Number.isFinite(raw)) {
		// seconds or milliseconds since the epoch
		const date = new Date(raw < 1e12 ? raw * 1000 : raw);
		return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
	}
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text === '') return undefined;
	// "2021-04-09 16:27:51" has no zone: the platforms that send it mean UTC
	const sqlStyle = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(text);
	const candidate = sqlStyle ? `${sqlStyle[1]}T${sqlStyle[2]}Z` : text;
	const date = new Date(candidate);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The first of `candidates` that reads as a date, in ISO 8601; null when none does. */
export function firstIsoTimestamp(...candidates: unknown[]): string | null {
	for (const candidate of candidates) {
		const timestamp = toIsoTimestamp(candidate);
		if (timestamp) return timestamp;
	}
	return null;
}
