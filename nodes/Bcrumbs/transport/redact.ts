/** Replaces every occurrence of each secret in `text`: remote messages may echo what we sent. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		// very short values would blank out ordinary words; real keys and secrets are long
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result;
}
