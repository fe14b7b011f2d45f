/** What a node run throws, as n8n shows and logs it. */
export type ThrownError = Error & { description?: string };

/** The error `run` throws; a run that does not throw fails the test. */
export async function thrownBy(run: () => Promise<unknown>): Promise<ThrownError> {
	try {
		await run();
	} catch (error) {
		return error as ThrownError;
	}
	throw new Error('expected a failure');
}

/**
 * Everything the error carries that n8n may show or log. `withoutNode`: but the node itself, which n8n
 * attaches to every error with its own parameters (what the user typed, secrets among them).
 */
export function shown(error: ThrownError, { withoutNode = false } = {}): string {
	return JSON.stringify({
		...error,
		...(withoutNode ? { node: undefined } : {}),
		message: error.message,
		description: error.description,
		stack: error.stack,
	});
}
