/**
 * Secrets are removed from text a remote party sent back (an error message, an error page), which may echo
 * what we sent. A secret is searched in every form it can take on the wire or in an echo:
 * - as saved, and trimmed: HTTP drops the spaces and tabs around a header value, so a key saved as
 *   "bck_... \t" reaches the gateway, and comes back, as "bck_..."; also trimmed of any white space;
 * - each of those URL-encoded (encodeURIComponent, lower-case hex, form encoding), escaped inside a JSON
 *   string (with and without "\/"), and HTML-escaped.
 *
 * A form of 6 characters or more is replaced wherever it occurs, even inside a longer word. A shorter one
 * (a 3-character header value) is replaced only as a whole token, where neither neighbour is a letter, a
 * digit or "_": replacing it anywhere would cut pieces out of ordinary words (a value "a" would take every
 * "a" of the message). The trade-off: a short value glued to letters or digits in the echo ("tokenabc")
 * stays, and a short value that is also a word of the message (a value "URL") is redacted there too.
 */
const REDACTED = '[redacted]';
const ANYWHERE_MIN_LENGTH = 6;

/** The value as saved, without HTTP's optional white space around a header value, and fully trimmed. */
function trimmedForms(secret: string): string[] {
	return [secret, secret.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''), secret.trim()];
}

function uriEncoded(text: string): string | undefined {
	try {
		return encodeURIComponent(text);
	} catch {
		return undefined; // a lone surrogate cannot be encoded, so it cannot be echoed encoded either
	}
}

function encodedForms(text: string): Array<string | undefined> {
	const uri = uriEncoded(text);
	const json = JSON.stringify(text).slice(1, -1);
	return [
		text,
		uri,
		uri?.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		new URLSearchParams({ v: text }).toString().slice(2),
		json,
		json.replace(/\//g, '\\/'),
		text
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;'),
	];
}

/** Every form of `secret` that redaction looks for; none for a value that is only white space. */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>();
	for (const trimmed of trimmedForms(secret)) {
		if (trimmed.trim() === '') continue;
		for (const form of encodedForms(trimmed)) if (form) forms.add(form);
	}
	return [...forms];
}

/** `form` where neither neighbour is a letter, a digit or "_". */
function wholeToken(form: string): RegExp {
	const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu');
}

/** Replaces every form of each secret in `text` (see above): remote messages may echo what we sent. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret === undefined || secret === null) continue;
		for (const form of secretForms(String(secret))) forms.add(form);
	}
	let result = text;
	// longest first: a key as saved ("bck_... ") goes whole before its trimmed form is looked for
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		result =
			form.length >= ANYWHERE_MIN_LENGTH
				? result.split(form).join(REDACTED)
				: result.replace(wholeToken(form), REDACTED);
	}
	return result;
}
