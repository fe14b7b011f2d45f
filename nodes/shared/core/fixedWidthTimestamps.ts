/**
 * The two timestamp forms deliveries carry most, read by position: RFC 1123 ("Sat, 04 Jan 2025 15:35:46
 * GMT", bcrumbs' `createdAt`) and ISO 8601 in UTC ("2025-01-04T15:35:46.000Z"). `Date.parse` and the ISO
 * arithmetic after it were most of a bcrumbs delivery's normalize step.
 *
 * Only strictly valid times are read here (a real calendar day, hours 00-23, minutes and seconds
 * 00-59, years 1000-9999), and for those the answer is exactly what `Date.parse` and `toISOString`
 * give. Everything else, including what `Date.parse` reads leniently (31 Feb, 24:00, lower case),
 * returns undefined and takes the general path.
 */
export function fixedWidthIso(text: string): string | undefined {
	if (text.length === 29) return rfc1123Iso(text);
	if (text.length === 24 || text.length === 20) return utcIso(text);
	return undefined;
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
function rfc1123Iso(text: string): string | undefined {
	if (
		!hasSeparators(text, RFC1123_SEPARATORS) ||
		!text.endsWith('GMT') ||
		!DAY_NAMES.has(text.slice(0, 3))
	)
		return undefined;
	const month = MONTH_NUMBERS.get(text.slice(8, 11));
	if (month === undefined) return undefined;
	const year = twoDigits(text, 12) * 100 + twoDigits(text, 14);
	if (!isValidTime(year, Number(month), twoDigits(text, 5), text, 17)) return undefined;
	return `${text.slice(12, 16)}-${month}-${text.slice(5, 7)}T${text.slice(17, 25)}.000Z`;
}

// "2025-01-04T15:35:46.000Z" is returned as it is; "2025-01-04T15:35:46Z" gains its milliseconds
function utcIso(text: string): string | undefined {
	const withMillis = text.length === 24;
	if (!hasSeparators(text, withMillis ? ISO_MILLIS_SEPARATORS : ISO_SEPARATORS)) return undefined;
	if (withMillis && !(isDigit(text, 20) && isDigit(text, 21) && isDigit(text, 22)))
		return undefined;
	const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
	if (!isValidTime(year, twoDigits(text, 5), twoDigits(text, 8), text, 11)) return undefined;
	return withMillis ? text : `${text.slice(0, 19)}.000Z`;
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
	[19, 90], // Z
] as const;
const ISO_MILLIS_SEPARATORS = [
	[4, 45],
	[7, 45],
	[10, 84],
	[13, 58],
	[16, 58],
	[19, 46], // .
	[23, 90],
] as const;

function hasSeparators(
	text: string,
	separators: ReadonlyArray<readonly [number, number]>,
): boolean {
	for (const [position, code] of separators) if (text.charCodeAt(position) !== code) return false;
	return true;
}

/** Year, month and day, then "HH:MM:SS" at `timeAt`: every field in range, the day in its month. */
function isValidTime(
	year: number,
	month: number,
	day: number,
	text: string,
	timeAt: number,
): boolean {
	const hours = twoDigits(text, timeAt);
	const minutes = twoDigits(text, timeAt + 3);
	const seconds = twoDigits(text, timeAt + 6);
	return (
		year >= 1000 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysIn(year, month) &&
		hours >= 0 &&
		hours <= 23 &&
		minutes >= 0 &&
		minutes <= 59 &&
		seconds >= 0 &&
		seconds <= 59
	);
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
