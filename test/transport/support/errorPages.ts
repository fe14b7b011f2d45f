/** Error pages as gateways and proxies send them, some echoing the request's authorization header. */

/** 41 characters, as in the reproduction; none of its 4-character pieces occurs in the pages' own words. */
export const ECHOED_KEY = 'Zq7XkP9vW2mR4tY8nB3jL6hF1dS5gC0aE6uQ2oIxK';

/** Every piece of `key` at least `minLength` long that occurs in `text`. */
export function keyFragmentsIn(text: string, key: string, minLength = 4): string[] {
	const found = new Set<string>();
	for (let start = 0; start + minLength <= key.length; start++) {
		const piece = key.slice(start, start + minLength);
		if (text.includes(piece)) found.add(piece);
	}
	return [...found];
}

const FILLER_WORDS =
	'The upstream server did not answer the request in time. Please retry later or contact the site owner. ';

/** Plain words of exactly `length` characters. */
export function filler(length: number): string {
	return FILLER_WORDS.repeat(Math.ceil(length / FILLER_WORDS.length) + 1).slice(0, length);
}

/** A proxy's HTML page, about 5 kB, with `authorization: <key>` after `offset` characters of readable text. */
export function htmlPageEchoing(key: string, offset: number): string {
	return [
		'<!DOCTYPE html><html><head><title>502 Bad Gateway</title>',
		`<style>body { font-family: sans-serif; } .${'x'.repeat(40)} { color: red }</style></head><body>`,
		`<p>${filler(offset)}authorization: ${key}</p>`,
		`<pre>${filler(4800)}</pre>`,
		'<script>window.reportError && window.reportError("502")</script></body></html>',
	].join('\n');
}

/** A plain-text body with the key at `offset`: no markup, cut where it stands. */
export function textBodyEchoing(key: string, offset: number): string {
	return `${filler(offset)}${key} ${filler(5000)}`;
}
