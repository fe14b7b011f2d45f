/** The documented profile offers exactly bcrumbs' published API; extended keeps what the sandbox offered before. */
import {
	CONTROL_CLIENT_HEADER,
	startSandbox,
	type Sandbox,
	type SandboxProfile,
} from '../../sandbox';
import { CREATE_MUTATION, gql, LIST_QUERY, startReceiver, type Receiver } from './helpers';

// the list query exactly as the documentation writes it (no headers)
const DOCUMENTED_LIST = `query webhooks($input: WebhooksInput!) {
	webhooks(input: $input) { nodes { workspaceId id label url event createdAt } }
}`;
const MUTATIONS = '{ __schema { mutationType { fields { name } } } }';
const WEBHOOK_FIELDS = '{ __type(name: "Webhook") { fields { name } } }';

let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
	receiver.requests.length = 0;
});

async function withSandbox(
	profile: SandboxProfile | undefined,
	run: (sandbox: Sandbox) => Promise<void>,
): Promise<void> {
	const sandbox = await startSandbox(profile ? { profile } : {});
	try {
		await run(sandbox);
	} finally {
		await sandbox.close();
	}
}

const createInput = (url: string, event = 'INCOMING_MESSAGE') => ({
	input: {
		workspaceId: 12,
		label: 'n8n',
		url,
		event,
		headers: { 'x-api-key': 'registered-secret' },
	},
});

describe('documented profile', () => {
	test('has no deleteWebhook and no headers on the Webhook type', () =>
		withSandbox('documented', async (sandbox) => {
			expect(sandbox.profile).toBe('documented');
			expect((await gql(sandbox, MUTATIONS)).body.data.__schema.mutationType.fields).toEqual([
				{ name: 'createWebhook' },
			]);
			const fields = (await gql(sandbox, WEBHOOK_FIELDS)).body.data.__type.fields.map(
				(f: { name: string }) => f.name,
			);
			expect(fields).toEqual(['workspaceId', 'id', 'label', 'url', 'event', 'createdAt']);
		}));

	test('asking listed webhooks for headers is a GraphQL validation error; the documented queries work', () =>
		withSandbox('documented', async (sandbox) => {
			const created = await gql(sandbox, CREATE_MUTATION, createInput(`${receiver.url}/hook`));
			// the documented create answer selects headers, so create still returns them
			expect(created.body.data.createWebhook.headers).toEqual({ 'x-api-key': 'registered-secret' });
			const withHeaders = await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } });
			expect(withHeaders.body.data).toBeUndefined();
			expect(withHeaders.body.errors[0].message).toMatch(
				/Cannot query field "headers" on type "Webhook"/,
			);
			const listed = await gql(sandbox, DOCUMENTED_LIST, { input: { workspaceId: 12 } });
			expect(listed.body.data.webhooks.nodes).toEqual([
				expect.objectContaining({ id: created.body.data.createWebhook.id }),
			]);
		}));

	test('SMPP receipts carry no registered headers, only the query string; POSTs keep them', () =>
		withSandbox('documented', async (sandbox) => {
			await gql(
				sandbox,
				CREATE_MUTATION,
				createInput(`${receiver.url}/dlr?token=abc`, 'MESSAGE_UPDATED_SMPP'),
			);
			await gql(sandbox, CREATE_MUTATION, createInput(`${receiver.url}/post`));
			await sandbox.emit('MESSAGE_UPDATED_SMPP');
			await sandbox.emit('INCOMING_MESSAGE');
			const [receipt, post] = receiver.requests;
			expect(receipt).toMatchObject({
				method: 'GET',
				path: '/dlr',
				query: { token: 'abc', message_id: 'wamid_ABC123', status: 'DELIVRD' },
			});
			expect(receipt.headers['x-api-key']).toBeUndefined();
			expect(post.headers['x-api-key']).toBe('registered-secret');
		}));
});

describe('extended profile (the default of startSandbox)', () => {
	test.each([['extended' as const], [undefined]])(
		'profile %s offers delete, listed headers and SMPP headers',
		(profile) =>
			withSandbox(profile, async (sandbox) => {
				expect(sandbox.profile).toBe('extended');
				expect(
					(await gql(sandbox, MUTATIONS)).body.data.__schema.mutationType.fields.map(
						(f: { name: string }) => f.name,
					),
				).toContain('deleteWebhook');
				await gql(
					sandbox,
					CREATE_MUTATION,
					createInput(`${receiver.url}/dlr`, 'MESSAGE_UPDATED_SMPP'),
				);
				const listed = await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } });
				expect(listed.body.data.webhooks.nodes[0].headers).toEqual({
					'x-api-key': 'registered-secret',
				});
				await sandbox.emit('MESSAGE_UPDATED_SMPP');
				expect(receiver.requests[0].headers['x-api-key']).toBe('registered-secret');
			}),
	);

	test('an explicit deleteMutation overrides the profile', async () => {
		const sandbox = await startSandbox({ profile: 'documented', deleteMutation: true });
		try {
			expect(
				(await gql(sandbox, MUTATIONS)).body.data.__schema.mutationType.fields.map(
					(f: { name: string }) => f.name,
				),
			).toContain('deleteWebhook');
		} finally {
			await sandbox.close();
		}
	});

	test('an unknown profile is refused', async () => {
		await expect(startSandbox({ profile: 'real' as SandboxProfile })).rejects.toThrow(
			/Unknown sandbox profile "real".*documented, extended/,
		);
	});
});

describe('how a receipt sender joins the query', () => {
	/** The SMPP receipt registration, calling back the receiver at `path`. */
	const receiptWebhook = (sandbox: Sandbox, path: string) =>
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'dlr',
			url: `${receiver.url}${path}`,
			event: 'MESSAGE_UPDATED_SMPP',
		});
	/** POST /sandbox/emit of the SMPP receipt with `queryJoin`, as a control client sends it. */
	const emitReceipt = (sandbox: Sandbox, queryJoin: string) =>
		fetch(`${sandbox.baseUrl}/sandbox/emit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ event: 'MESSAGE_UPDATED_SMPP', queryJoin }),
		});

	test.each([
		['standard', '/dlr?token=abc&message_id=wamid_ABC123&status=DELIVRD'],
		['naive', '/dlr?token=abc?message_id=wamid_ABC123&status=DELIVRD'],
		['ampersand', '/dlr?token=abc&message_id=wamid_ABC123&status=DELIVRD'],
		// the registered query is lost: what a token in the query cannot survive
		['replace', '/dlr?message_id=wamid_ABC123&status=DELIVRD'],
	] as const)('%s', (queryJoin, expectedPathAndQuery) =>
		withSandbox('documented', async (sandbox) => {
			receiptWebhook(sandbox, '/dlr?token=abc');
			const [delivery] = await sandbox.emit('MESSAGE_UPDATED_SMPP', { queryJoin });
			expect(delivery.url).toBe(`${receiver.url}${expectedPathAndQuery}`);
			expect(delivery.status).toBe(200);
		}),
	);

	// a URL without a query, as the Bcrumbs Trigger registers its receipt (the token a path segment)
	test.each([
		['standard', '/dlr/abc?message_id=wamid_ABC123&status=DELIVRD'],
		['naive', '/dlr/abc?message_id=wamid_ABC123&status=DELIVRD'],
		// '&' whether or not the URL has a query: glued onto the last path segment
		['ampersand', '/dlr/abc&message_id=wamid_ABC123&status=DELIVRD'],
		['replace', '/dlr/abc?message_id=wamid_ABC123&status=DELIVRD'],
	] as const)('%s, to a URL without a query', (queryJoin, expectedPathAndQuery) =>
		withSandbox('documented', async (sandbox) => {
			receiptWebhook(sandbox, '/dlr/abc');
			const [delivery] = await sandbox.emit('MESSAGE_UPDATED_SMPP', { queryJoin });
			expect(delivery.url).toBe(`${receiver.url}${expectedPathAndQuery}`);
			expect(delivery.status).toBe(200);
			expect(receiver.requests.map((request) => request.method)).toEqual(['GET']);
		}),
	);

	test('the control endpoint passes queryJoin and names the profile', () =>
		withSandbox('documented', async (sandbox) => {
			receiptWebhook(sandbox, '/dlr?token=abc');
			const emitted = await emitReceipt(sandbox, 'naive');
			expect((await emitted.json()).deliveries[0].url).toBe(
				`${receiver.url}/dlr?token=abc?message_id=wamid_ABC123&status=DELIVRD`,
			);
			const bad = await emitReceipt(sandbox, 'semicolon');
			expect(bad.status).toBe(400);
			expect(await bad.json()).toEqual({
				error: 'queryJoin must be one of standard, naive, ampersand, replace',
			});
			for (const queryJoin of ['ampersand', 'replace']) {
				const accepted = await emitReceipt(sandbox, queryJoin);
				expect(accepted.status).toBe(200);
				expect((await accepted.json()).deliveries[0].url).toBe(
					queryJoin === 'ampersand'
						? `${receiver.url}/dlr?token=abc&message_id=wamid_ABC123&status=DELIVRD`
						: `${receiver.url}/dlr?message_id=wamid_ABC123&status=DELIVRD`,
				);
			}
			const profile = await fetch(`${sandbox.baseUrl}/sandbox/profile`, {
				headers: { [CONTROL_CLIENT_HEADER]: '1' },
			});
			expect(await profile.json()).toEqual({
				profile: 'documented',
			});
		}));
});
