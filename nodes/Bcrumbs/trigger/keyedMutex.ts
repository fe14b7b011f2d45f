/**
 * Lifecycle work for one (workflow, node, URL) runs one at a time within this process: two overlapping
 * activations (quick re-publishing) would otherwise both see "nothing registered" and both register.
 */
const tails = new Map<string, Promise<void>>();

export async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release!: () => void;
	const done = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => done);
	tails.set(key, tail);
	await previous;
	try {
		return await work();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}
