/** Validation of the Create parameters. Pure functions: the node turns `error` into a NodeOperationError. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWebhookUrl(raw: string): Parsed<string> {
	const text = (raw ?? '').trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			ok: false,
			error: `URL "${text}" is not a valid URL: use a full address such as https://example.com/hook`,
		};
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, error: `URL must start with http:// or https:// (got "${url.protocol}")` };
	}
	return { ok: true, value: text };
}

/** Merges name/value pairs and the JSON field into one header object; undefined when there are none. */
export function parseHeaders(
	pairs: ReadonlyArray<{ name?: string; value?: string }>,
	json: unknown,
): Parsed<Record<string, string> | undefined> {
	const headers: Record<string, string> = {};
	if (json !== undefined && json !== '' && json !== '{}') {
		let parsed: unknown = json;
		if (typeof json === 'string') {
			try {
				parsed = JSON.parse(json);
			} catch {
				return {
					ok: false,
					error: 'Headers (JSON) is not valid JSON: write an object such as {"x-api-key": "value"}',
				};
			}
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			return {
				ok: false,
				error: 'Headers (JSON) must be a JSON object of header names to string values',
			};
		}
		for (const [name, value] of Object.entries(parsed)) {
			if (typeof value !== 'string')
				return { ok: false, error: `Header "${name}" in Headers (JSON) must be a string` };
			headers[name] = value;
		}
	}
	for (const pair of pairs) {
		const name = (pair.name ?? '').trim();
		if (name === '')
			return { ok: false, error: 'A header in Headers has no name: fill it in or remove it' };
		headers[name] = pair.value ?? '';
	}
	for (const name of Object.keys(headers)) {
		if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
			return { ok: false, error: `"${name}" is not a valid HTTP header name` };
	}
	return { ok: true, value: Object.keys(headers).length > 0 ? headers : undefined };
}
