/** The `JSON` scalar used for webhook headers: any JSON value, inline or via variables. */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literalToValue(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
	switch (node.kind) {
		case Kind.STRING:
		case Kind.BOOLEAN:
		case Kind.ENUM:
			return node.value;
		case Kind.INT:
		case Kind.FLOAT:
			return Number(node.value);
		case Kind.NULL:
			return null;
		case Kind.LIST:
			return node.values.map((item) => literalToValue(item, variables));
		case Kind.OBJECT:
			return Object.fromEntries(
				node.fields.map((f) => [f.name.value, literalToValue(f.value, variables)]),
			);
		case Kind.VARIABLE:
			return variables ? variables[node.name.value] : undefined;
	}
}

export const JSONScalar = new GraphQLScalarType({
	name: 'JSON',
	description: 'Any JSON value',
	serialize: (value) => value,
	parseValue: (value) => value,
	parseLiteral: (node, variables) => literalToValue(node, variables),
});
