import { z } from 'zod';

/**
 * The shape of every gateway answer the nodes read. Loose objects: fields the gateway adds later pass;
 * what the nodes rely on (ids, URLs, events) must be there, so a wrong answer is a clear error, never a TypeError.
 */
const webhookRecord = z.looseObject({
	id: z.string().min(1),
	url: z.string(),
	event: z.string(),
	label: z.string().nullish(),
	workspaceId: z.number().nullish(),
	createdAt: z.string().nullish(),
	headers: z.record(z.string(), z.unknown()).nullish(),
});

export const LIST_ANSWER = z.object({ webhooks: z.object({ nodes: z.array(webhookRecord) }) });
export const CREATE_ANSWER = z.object({ createWebhook: webhookRecord });

/** One aliased deleteWebhook per registration: { d0: { id }, d1: { id }, ... } */
export const DELETE_MANY_ANSWER = z.record(z.string(), z.object({ id: z.string() }).nullable());

const typeFields = z
	.object({ fields: z.array(z.object({ name: z.string() })).nullable() })
	.nullable();
/** A type reference of introspection: a named type in NON_NULL/LIST wrappers (ofType) */
const typeRef = z.object({
	kind: z.string(),
	name: z.string().nullable(),
	get ofType() {
		return typeRef.nullish();
	},
});
const inputValue = z.object({
	name: z.string(),
	type: typeRef,
	defaultValue: z.string().nullish(),
});
/** The mutations with their arguments: deleteWebhook is used only where they take what the node sends */
const mutationFields = z
	.object({
		fields: z.array(z.object({ name: z.string(), args: z.array(inputValue).nullish() })).nullable(),
	})
	.nullable();
const inputFields = z.object({ inputFields: z.array(inputValue).nullable() }).nullish();
const capabilityFields = {
	mutationType: mutationFields,
	webhookType: typeFields,
	deleteInputType: inputFields,
};
export const CAPABILITIES_ANSWER = z.object(capabilityFields);
export const LIST_AND_CAPABILITIES_ANSWER = LIST_ANSWER.extend(capabilityFields);

/** The answers by name: a call names its shape, and the transport loads this module (and zod) on first use. */
export const ANSWERS = {
	list: LIST_ANSWER,
	create: CREATE_ANSWER,
	deleteMany: DELETE_MANY_ANSWER,
	capabilities: CAPABILITIES_ANSWER,
	listAndCapabilities: LIST_AND_CAPABILITIES_ANSWER,
};
export type AnswerShape = keyof typeof ANSWERS;

/** "webhooks.nodes.0.id: expected string" for the first few problems; the answer's values are never quoted. */
export function describeShapeProblems(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map(
			(issue) =>
				`${issue.path.length > 0 ? issue.path.join('.') : '(answer)'}: ${issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.code}`,
		)
		.join('; ');
}
