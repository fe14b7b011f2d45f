import type { TriggerItemJson } from './items';

export { forgetProtoKey, sawProtoKey } from './canonicalJson';

/**
 * An own "__proto__" key of a delivery (JSON.parse makes it an ordinary key, at any depth) is kept in
 * items under this name, or `_proto_key_2`, `_proto_key_3`... where the object already has that key.
 * As "__proto__" it would not survive n8n: its deepCopy assigns every key of an item to a fresh object,
 * and assigning "__proto__" sets the copy's prototype (`copy.isAdmin === true` for `{"isAdmin": true}`).
 */
export const PROTO_KEY_RENAMED = '_proto_key';

/** Problems listed one by one, beyond them a count (a hostile body may carry thousands). */
const LISTED = 10;

/**
 * Called for the items of one delivery element (from `from` on) when the delivery key's walk saw an own
 * "__proto__" key in it (sawProtoKey): every such key in the items (fields, rawBody, normalized) is
 * renamed, and each item is flagged, naming where the element carried one. A flagged item carries
 * rawBody: `rawBodyOf(element)` when it had none (OneRoute masks credentials there). Items are replaced,
 * never changed where they share objects with the delivery: the body stays as received.
 */
export function renameProtoKeysIn(
	items: TriggerItemJson[],
	from: number,
	element: unknown,
	rawBodyOf: (element: unknown) => unknown,
): void {
	if (items.length === from) return;
	const renamer = new Renamer();
	renamer.rename(element, true);
	// the walk saw one elsewhere (a caller that never forgot it, or a body too deep for it to look)
	if (renamer.found.length === 0) return;
	const problems = renamer.found
		.slice(0, LISTED)
		.map(
			({ path, name }) =>
				`${path}: renamed ${JSON.stringify(name)} (a "__proto__" key would become the prototype of n8n's copies of this item)`,
		);
	if (renamer.found.length > LISTED)
		problems.push(
			`${renamer.found.length - LISTED} more "__proto__" keys, renamed ${JSON.stringify(PROTO_KEY_RENAMED)} the same way`,
		);
	for (let index = from; index < items.length; index++) {
		const item = renamer.rename(items[index], false) as TriggerItemJson;
		const earlier = item.valid === false && Array.isArray(item.problems) ? item.problems : [];
		item.valid = false;
		item.problems = [...earlier, ...problems];
		if (!Object.prototype.hasOwnProperty.call(item, 'rawBody'))
			item.rawBody = renamer.rename(rawBodyOf(element), false);
		items[index] = item;
	}
}

type Container = Record<string, unknown> | unknown[];

/** One object or array on the walk's path, and its copy once something in it is renamed. */
interface Frame {
	source: Container;
	keys: readonly string[];
	next: number;
	copy: Container | undefined;
	/** What this object's own "__proto__" key is called in the copy */
	renamedAs: string | undefined;
	path: string;
}

const isContainer = (value: unknown): value is Container =>
	typeof value === 'object' && value !== null;

/**
 * Copies of values with every own "__proto__" key renamed, at any depth, in the key's place. Only the
 * objects on the way to such a key are copied; the rest stays shared. Each object is copied once, however
 * many values reach it (an item's fields and its rawBody share the body's objects). A loop, not recursion:
 * a body nested deeper than the stack goes is walked too.
 */
class Renamer {
	/** Each object walked, and what it became (itself when nothing in it was renamed) */
	private readonly done = new Map<object, unknown>();
	/** Where the first walk met such a key, and the name it got */
	readonly found: Array<{ path: string; name: string }> = [];

	rename(root: unknown, record: boolean): unknown {
		if (!isContainer(root)) return root;
		const known = this.done.get(root);
		if (known !== undefined) return known;
		this.done.set(root, root); // in progress: a cycle back to it finds it unchanged
		const stack: Frame[] = [this.frameOf(root, '', record)];
		for (;;) {
			const top = stack[stack.length - 1];
			if (top.next < top.keys.length) {
				const key = top.keys[top.next++];
				const child = (top.source as Record<string, unknown>)[key];
				if (!isContainer(child)) continue;
				const walked = this.done.get(child);
				if (walked !== undefined) {
					if (walked !== child) put(top, key, walked);
					continue;
				}
				this.done.set(child, child);
				stack.push(this.frameOf(child, record ? pathOf(top.path, key) : '', record));
				continue;
			}
			stack.pop();
			const result = top.copy ?? top.source;
			this.done.set(top.source, result);
			if (stack.length === 0) return result;
			if (result !== top.source) {
				const parent = stack[stack.length - 1];
				put(parent, parent.keys[parent.next - 1], result);
			}
		}
	}

	private frameOf(source: Container, path: string, record: boolean): Frame {
		if (Array.isArray(source))
			return {
				source,
				keys: Array.from(source, (_, index) => String(index)),
				next: 0,
				copy: undefined,
				renamedAs: undefined,
				path,
			};
		const keys = Object.keys(source);
		const frame: Frame = { source, keys, next: 0, copy: undefined, renamedAs: undefined, path };
		if (keys.includes('__proto__')) {
			frame.renamedAs = freeName(keys);
			frame.copy = copyOf(frame);
			if (record) this.found.push({ path: pathOf(path, '__proto__'), name: frame.renamedAs });
		}
		return frame;
	}
}

/** `key` of the frame's object now holds `value`: in its copy, made now if need be. */
function put(frame: Frame, key: string, value: unknown): void {
	frame.copy ??= copyOf(frame);
	(frame.copy as Record<string, unknown>)[key === '__proto__' ? (frame.renamedAs as string) : key] =
		value;
}

/** A plain copy (whatever the source's prototype, as n8n's copy makes it), "__proto__" renamed in place. */
function copyOf(frame: Frame): Container {
	if (Array.isArray(frame.source)) return frame.source.slice();
	const source = frame.source;
	const copy: Record<string, unknown> = {};
	for (const key of frame.keys)
		copy[key === '__proto__' ? (frame.renamedAs as string) : key] = source[key];
	return copy;
}

function freeName(keys: readonly string[]): string {
	if (!keys.includes(PROTO_KEY_RENAMED)) return PROTO_KEY_RENAMED;
	let suffix = 2;
	while (keys.includes(`${PROTO_KEY_RENAMED}_${suffix}`)) suffix++;
	return `${PROTO_KEY_RENAMED}_${suffix}`;
}

/** "path.to.key", as zod's problems are worded (describeIssues). */
const pathOf = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
