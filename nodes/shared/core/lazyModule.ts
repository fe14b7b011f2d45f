import type {
	DeliveryParser,
	DeliveryParseResult,
	DeliverySelection,
	IncomingDelivery,
} from './platformDescriptor';

/**
 * A module loaded on first use. n8n requires every community node file when it starts; a trigger's
 * parser (and zod with it, about a hundred modules) is needed only when a delivery is accepted, so the
 * descriptor or transport reaches it through this instead of a static import. `load` is the caller's
 * own `() => require('./...')`, so the path stays relative to the file that requires it.
 */
export function lazyModule<T>(load: () => unknown): () => T {
	let loaded: T | undefined;
	return () => (loaded ??= load() as T);
}

/** A platform's parser, made on its first delivery: the module that holds it (and zod) loads then. */
export class LazyParser implements DeliveryParser {
	private parser: DeliveryParser | undefined;

	/** `load` is the descriptor's `() => (require('./parse') as typeof Parse).XDeliveryParser`: the class, from the module it requires then */
	constructor(private readonly load: () => new () => DeliveryParser) {}

	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): DeliveryParseResult {
		this.parser ??= new (this.load())();
		return this.parser.parseDelivery(delivery, selection);
	}
}
