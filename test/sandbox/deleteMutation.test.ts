/** deleteWebhook on/off: the mutation exists only when enabled, and introspection agrees. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { DELETE_MUTATION, gql, seedWebhook } from './helpers';

const MUTATION_FIELDS = '{ __schema { mutationType { fields { name } } types { name } } }';

async function schemaInfo(sandbox: Sandbox): Promise<{ mutations: string[]; types: string[] }> {
	const res = await gql(sandbox, MUTATION_FIELDS);
	const schema = res.body.data.__schema;
	return {
		mutations: schema.mutationType.fields.map((f: { name: string }) => f.name),
		types: schema.types.map((t: { name: string }) => t.name),
	};
}

describe('deleteMutation: true (default)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	test('introspection shows deleteWebhook', async () => {
		const { mutations, types } = await schemaInfo(sandbox);
		expect(mutations).toEqual(['createWebhook', 'deleteWebhook']);
		expect(types).toContain('WebhookDeleteInput');
		expect(sandbox.callCount('__schema')).toBe(1);
	});

	test('deletes a webhook of the workspace and returns it', async () => {
		const keep = seedWebhook(sandbox, { label: 'keep', url: 'https://x.example/1' });
		const drop = seedWebhook(sandbox, { label: 'drop', url: 'https://x.example/2' });
		const res = await gql(sandbox, DELETE_MUTATION, { input: { workspaceId: 12, id: drop.id } });
		expect(res.body).toEqual({ data: { deleteWebhook: { id: drop.id, label: 'drop' } } });
		expect(sandbox.webhooks()).toEqual([keep]);
		expect(sandbox.callCount('deleteWebhook')).toBe(1);
	});

	test('unknown id -> NOT_FOUND "Webhook not found"', async () => {
		const res = await gql(sandbox, DELETE_MUTATION, {
			input: { workspaceId: 12, id: '67642054b6cc2888638e4600' },
		});
		expect(res.status).toBe(200);
		expect(res.body.data).toBeNull();
		expect(res.body.errors).toHaveLength(1);
		expect(res.body.errors[0]).toMatchObject({
			message: 'Webhook not found',
			extensions: { code: 'NOT_FOUND' },
		});
	});

	test('deleting twice -> NOT_FOUND the second time', async () => {
		const hook = seedWebhook(sandbox);
		await gql(sandbox, DELETE_MUTATION, { input: { workspaceId: 12, id: hook.id } });
		const again = await gql(sandbox, DELETE_MUTATION, { input: { workspaceId: 12, id: hook.id } });
		expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
	});

	test('an id from another workspace is not found from this one', async () => {
		const theirs = seedWebhook(sandbox, { workspaceId: 99 });
		const res = await gql(sandbox, DELETE_MUTATION, { input: { workspaceId: 12, id: theirs.id } });
		expect(res.body.errors[0]).toMatchObject({
			message: 'Webhook not found',
			extensions: { code: 'NOT_FOUND' },
		});
		expect(sandbox.webhooks()).toHaveLength(1);
	});

	test('setDeleteMutation(false) rebuilds the schema; reset() restores the startup setting', async () => {
		sandbox.setDeleteMutation(false);
		expect((await schemaInfo(sandbox)).mutations).toEqual(['createWebhook']);
		sandbox.setDeleteMutation(true);
		expect((await schemaInfo(sandbox)).mutations).toEqual(['createWebhook', 'deleteWebhook']);
		sandbox.setDeleteMutation(false);
		sandbox.reset();
		expect((await schemaInfo(sandbox)).mutations).toEqual(['createWebhook', 'deleteWebhook']);
	});
});

describe('deleteMutation: false', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ deleteMutation: false });
	});
	afterAll(() => sandbox.close());

	test('introspection has no deleteWebhook and no WebhookDeleteInput', async () => {
		const { mutations, types } = await schemaInfo(sandbox);
		expect(mutations).toEqual(['createWebhook']);
		expect(types).not.toContain('WebhookDeleteInput');
	});

	test('calling deleteWebhook is a validation error; nothing is deleted', async () => {
		const hook = seedWebhook(sandbox);
		const res = await gql(
			sandbox,
			'mutation { deleteWebhook(input: { workspaceId: 12, id: "x" }) { id } }',
		);
		expect(res.body.data).toBeUndefined();
		expect(res.body.errors[0].message).toMatch(/Cannot query field "deleteWebhook"/);
		expect(sandbox.webhooks()).toEqual([hook]);
	});

	test('setDeleteMutation(true) adds it at runtime', async () => {
		sandbox.setDeleteMutation(true);
		expect((await schemaInfo(sandbox)).mutations).toContain('deleteWebhook');
		sandbox.setDeleteMutation(false);
		expect((await schemaInfo(sandbox)).mutations).not.toContain('deleteWebhook');
	});
});
