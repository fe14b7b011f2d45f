/**
 * The timestamp forms deliveries carry most, read by position: RFC 1123 ("Sat, 04 Jan 2025 15:35:46
 * GMT", bcrumbs' `createdAt`) and ISO 8601 with a zone ("2025-01-04T15:35:46.000Z",
 * "2021-06-18T14:48:06.886358Z", "2026-05-06T03:39:25+00:00"). `Date.parse` and the ISO arithmetic
 * after it were most of a delivery's normalize step.
 *
 * Only strictly valid times are read here (a real calendar day, hours 00-23, minutes and seconds
 * 00-59, years 1000-9999, offsets up to 23:59, at most 9 fraction digits), and for those the answer is
 * exactly what `Date.parse` gives. Everything else, including what `Date.parse` reads leniently (31 Feb,
 * 24:00, lower case, offsets without a colon), is left to the general path.
 */

/** What the last successful read found; one reader, filled in place (nothing allocated per read). */
const read = {
	year: 0,
	month: 0,
	day: 0,
	hours: 0,
	minutes: 0,
	seconds: 0,
	millis: 0,
	/** minutes east of UTC */
	offset: 0,
	/** where "HH:MM:SS" starts */
	timeAt: 0,
	isRfc1123: false,
	/** ISO only: the text ends in exactly ".sssZ" */
	isCanonical: false,
};

/** Milliseconds since the epoch, or undefined when the text is not one of the fixed forms. */
export function fixedWidthEpochMs(text: string): number | undefined {
	if (!readFixedWidth(text)) return undefined;
	// years are 1000-9999 here, so Date.UTC's two-digit-year rule never applies; minutes may go negative
	return Date.UTC(
		read.year,
		read.month - 1,
		read.day,
		read.hours,
		read.minutes - read.offset,
		read.seconds,
		read.millis,
	);
}

/**
 * The ISO 8601 UTC text when a fixed form is already in UTC (RFC 1123, "Z", "+00:00"), composed from
 * the text's own digits; undefined otherwise (an offset needs the arithmetic of fixedWidthEpochMs).
 */
export function fixedWidthUtcIso(text: string): string | undefined {
	if (!readFixedWidth(text) || read.offset !== 0) return undefined;
	if (read.isCanonical) return text;
	const time = text.slice(read.timeAt, read.timeAt + 8);
	if (read.isRfc1123) {
		return `${text.slice(12, 16)}-${MONTH_NUMBERS.get(text.slice(8, 11))}-${text.slice(5, 7)}T${time}.000Z`;
	}
	return `${text.slice(0, 11)}${time}.${String(read.millis).padStart(3, '0')}Z`;
}

function readFixedWidth(text: string): boolean {
	if (text.length === 29 && text.charCodeAt(3) === 44) return readRfc1123(text);
	if (text.length >= 20 && text.charCodeAt(10) === 84) return readIso(text);
	return false;
}

const MONTH_NUMBERS = new Map([
	['Jan', '01'],
	['Feb', '02'],
	['Mar', '03'],
	['Apr', '04'],
	['May', '05'],
	['Jun', '06'],
	['Jul', '07'],
	['Aug', '08'],
	['Sep', '09'],
	['Oct', '10'],
	['Nov', '11'],
	['Dec', '12'],
]);

const DAY_NAMES = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

// "Sat, 04 Jan 2025 15:35:46 GMT": like Date.parse, the day name is not checked against the date
function readRfc1123(text: string): boolean {
	if (
		!hasSeparators(text, RFC1123_SEPARATORS) ||
		!text.endsWith('GMT') ||
		!DAY_NAMES.has(text.slice(0, 3))
	)
		return false;
	const month = MONTH_NUMBERS.get(text.slice(8, 11));
	if (month === undefined) return false;
	read.isRfc1123 = true;
	read.isCanonical = false;
	read.millis = 0;
	read.offset = 0;
	return readDateTime(text, twoDigits(text, 12) * 100 + twoDigits(text, 14), Number(month), 5, 17);
}

// "2025-01-04T15:35:46", then an optional fraction, then "Z" or "+HH:MM" / "-HH:MM"
function readIso(text: string): boolean {
	if (!hasSeparators(text, ISO_SEPARATORS)) return false;
	let at = 19;
	let millis = 0;
	if (text.charCodeAt(at) === 46) {
		const digitsFrom = ++at;
		while (at < text.length && isDigit(text, at)) at++;
		const digits = at - digitsFrom;
		if (digits < 1 || digits > 9) return false;
		// Date.parse keeps the first three digits (cut, not rounded)
		for (let place = 0; place < 3; place++)
			millis = millis * 10 + (place < digits ? text.charCodeAt(digitsFrom + place) - 48 : 0);
	}
	const zone = text.charCodeAt(at);
	if (zone === 90) {
		if (at + 1 !== text.length) return false;
		read.offset = 0;
	} else if (zone === 43 || zone === 45) {
		if (at + 6 !== text.length || text.charCodeAt(at + 3) !== 58) return false;
		const hours = twoDigits(text, at + 1);
		const minutes = twoDigits(text, at + 4);
		if (!(hours <= 23 && minutes <= 59)) return false;
		read.offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes);
	} else return false;
	read.isRfc1123 = false;
	read.isCanonical = zone === 90 && at === 23;
	read.millis = millis;
	const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
	return readDateTime(text, year, twoDigits(text, 5), 8, 11);
}

/** Checks and keeps the date and "HH:MM:SS" at `timeAt`: every field in range, the day in its month. */
function readDateTime(
	text: string,
	year: number,
	month: number,
	dayAt: number,
	timeAt: number,
): boolean {
	const day = twoDigits(text, dayAt);
	const hours = twoDigits(text, timeAt);
	const minutes = twoDigits(text, timeAt + 3);
	const seconds = twoDigits(text, timeAt + 6);
	// written so that NaN (a non-digit) fails every test
	const valid =
		year >= 1000 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysIn(year, month) &&
		hours <= 23 &&
		minutes <= 59 &&
		seconds <= 59;
	if (!valid) return false;
	read.year = year;
	read.month = month;
	read.day = day;
	read.hours = hours;
	read.minutes = minutes;
	read.seconds = seconds;
	read.timeAt = timeAt;
	return true;
}

// [position, character code] pairs each form must have
const RFC1123_SEPARATORS = [
	[3, 44], // ,
	[4, 32],
	[7, 32],
	[11, 32],
	[16, 32],
	[19, 58], // :
	[22, 58],
	[25, 32],
] as const;
const ISO_SEPARATORS = [
	[4, 45], // -
	[7, 45],
	[10, 84], // T
	[13, 58],
	[16, 58],
] as const;

function hasSeparators(
	text: string,
	separators: ReadonlyArray<readonly [number, number]>,
): boolean {
	for (const [position, code] of separators) if (text.charCodeAt(position) !== code) return false;
	return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
	if (month !== 2) return DAYS_IN_MONTH[month - 1];
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function isDigit(text: string, position: number): boolean {
	const code = text.charCodeAt(position);
	return code >= 48 && code <= 57;
}

/** The number two digits at `position` write; NaN (out of every range) when either is not a digit. */
function twoDigits(text: string, position: number): number {
	if (!isDigit(text, position) || !isDigit(text, position + 1)) return Number.NaN;
	return (text.charCodeAt(position) - 48) * 10 + text.charCodeAt(position + 1) - 48;
}
