// The action node's output schema (shown by n8n's editor before the node runs) describes exactly the
// fields its items have, for both operations, for every operation.
import { toWebhookItem } from '../../nodes/Bcrumbs/actions/webhook/webhookItem';
import { description as bcrumbsOperations } from '../../nodes/Bcrumbs/actions/webhook';
import schema from '../../nodes/Bcrumbs/actions/webhook/webhookItem.schema.json';

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

describe('Bcrumbs output schema', () => {
	const item = toWebhookItem({
		id: 'w1',
		workspaceId: 12,
		label: 'CRM sync',
		url: 'https://crm.example.com/hooks/bcrumbs',
		event: 'NEW_CLIENT ',
		createdAt: '2026-12-01T03:39:05.341Z',
		headers: { 'x-crm-key': 'secret' },
	});

	it('names every field of an item, with its JSON type', () => {
		expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(item).sort());
		for (const [field, value] of Object.entries(item))
			expect([field, schema.properties[field as keyof typeof schema.properties].type]).toEqual([
				field,
				typeOf(value),
			]);
	});

	it('covers every operation of the node (the build copies it to each; the browser suite sees n8n serve it)', () => {
		const operations = bcrumbsOperations
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? [])
			.map((option) => (option as { value: string }).value);
		expect(operations.sort()).toEqual(['create', 'getAll']);
	});
});
