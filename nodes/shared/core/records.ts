/** A plain object (not null, not an array): what a delivery's body, an element or a header map must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
