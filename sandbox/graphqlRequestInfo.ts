/**
 * Which root fields a GraphQL request asks for, read before yoga runs it, so
 * faults can target operations and calls can be counted per operation.
 */
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

export interface GraphqlParams {
	query?: unknown;
	operationName?: unknown;
}

/** Params from a POST JSON body or a GET query string; {} if unreadable. */
export function graphqlParams(
	method: string | undefined,
	bodyText: string,
	url: URL,
): GraphqlParams {
	if (method === 'GET') {
		return {
			query: url.searchParams.get('query'),
			operationName: url.searchParams.get('operationName'),
		};
	}
	try {
		const body: unknown = JSON.parse(bodyText);
		return body && typeof body === 'object' && !Array.isArray(body) ? (body as GraphqlParams) : {};
	} catch {
		return {};
	}
}

/** Root field names of the selected operation, e.g. ['webhooks'] or ['__schema']; [] if unparseable. */
export function rootFieldNames(params: GraphqlParams): string[] {
	if (typeof params.query !== 'string') return [];
	let document: DocumentNode;
	try {
		document = parse(params.query);
	} catch {
		return [];
	}
	const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
	const operation =
		typeof params.operationName === 'string' && params.operationName
			? operations.find((o) => o.name?.value === params.operationName)
			: operations[0];
	if (!operation) return [];

	const fragments = new Map(
		document.definitions.flatMap((d) =>
			d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
		),
	);
	const names = new Set<string>();
	const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
		for (const selection of selectionSet.selections) {
			if (selection.kind === Kind.FIELD) names.add(selection.name.value);
			else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
			else if (!seen.has(selection.name.value)) {
				const fragment = fragments.get(selection.name.value);
				if (fragment) visit(fragment.selectionSet, new Set([...seen, selection.name.value]));
			}
		}
	};
	visit(operation.selectionSet, new Set());
	return [...names];
}

/** Counts GraphQL requests, in total and per root field name. */
export class CallCounter {
	private total = 0;
	private readonly byField = new Map<string, number>();

	record(rootFields: string[]): void {
		this.total += 1;
		for (const field of rootFields) this.byField.set(field, (this.byField.get(field) ?? 0) + 1);
	}

	count(operation?: string): number {
		return operation === undefined ? this.total : (this.byField.get(operation) ?? 0);
	}

	snapshot(): { total: number; byOperation: Record<string, number> } {
		return { total: this.total, byOperation: Object.fromEntries(this.byField) };
	}

	reset(): void {
		this.total = 0;
		this.byField.clear();
	}
}
