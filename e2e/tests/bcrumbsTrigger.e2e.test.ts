// The packed package in a real n8n (the selected version lane) against the sandbox gateway: loading, activation
// (one registration per event with the secret header), every event type delivered by the
// sandbox into exactly one execution, forged requests refused, and what a sender gets back.
import { exampleEvent, type Sandbox } from '../../sandbox';
import type { Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

/** Per event: fields the README documents, checked on the trigger's item. */
const EXPECTED: Record<(typeof setup.ALL_EVENTS)[number], Record<string, unknown>> = {
	INCOMING_MESSAGE: {
		content: 'Hello',
		integrationType: 'WHATSAPP',
		createdAt: '2025-01-04T15:35:46.000Z',
		createdAtOriginal: 'Sat, 04 Jan 2025 15:35:46 GMT',
		kind: 'message.received',
	},
	OUTGOING_MESSAGE: {
		content: 'Hi! How can we help you today?',
		isAgent: true,
		kind: 'message.sent',
	},
	NEW_CONV: { conversationId: '6728c86bf893860f458e0000', kind: 'conversation.opened' },
	ENDING_CONV: { type: 'note', content: 'Conversation closed', kind: 'conversation.closed' },
	MESSAGE_UPDATED: {
		status: 'delivered',
		externalMessageId: 'wamid.HBgLNTUwMDAwMDAwMDAxFQIAERgSMTIzNDU2Nzg5MAA=',
		kind: 'message.status',
	},
	NEW_CLIENT: { id: '67d09433594d52dd19817d60', tags: [], kind: 'contact.created' },
	CLIENT_UPDATED: {
		email: 'temp.client@example.com',
		tags: ['VIP'],
		address: null,
		kind: 'contact.updated',
	},
	MESSAGE_UPDATED_SMPP: {
		messageId: 'wamid_ABC123',
		status: 'DELIVRD',
		statusFamily: 'delivered',
		whatsappStatuses: ['delivered', 'read', 'played'],
		kind: 'message.status',
	},
};

describe('Bcrumbs Trigger in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let workflow: Workflow;
	let url: string;

	beforeAll(async () => {
		// debug log level: n8n then names each community package it loaded
		[app, [sandbox]] = await setup.step('start n8n (debug log) + sandbox', () =>
			Promise.all([
				setup.startN8nWithPackage('debug'),
				setup.startSandboxes({ deleteMutation: true }),
			]),
		);
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox', () => setup.stopAll(app?.n8n, sandbox ? [sandbox] : []));
		setup.printTimings('bcrumbs-trigger');
	});

	it('loads the package: both node types and the credential, no load error in the log', async () => {
		const [nodes, credentials] = await setup.step('fetch node and credential types', () =>
			Promise.all([app.rest.nodeTypes(), app.rest.credentialTypes()]),
		);
		const names = nodes.map((n) => n.name);
		expect(names).toEqual(expect.arrayContaining([setup.ACTION_TYPE, setup.TRIGGER_TYPE]));
		// usableAsTool: n8n offers the action node to AI agents as a generated tool variant
		expect(names).toContain(`${setup.ACTION_TYPE}Tool`);
		const trigger = nodes.find((n) => n.name === setup.TRIGGER_TYPE)!;
		expect(trigger.displayName).toBe('Bcrumbs Trigger');
		expect(trigger.webhooks).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
			]),
		);
		expect(credentials.map((c) => c.name)).toContain(setup.CREDENTIAL_TYPE);

		const log = app.n8n.logs();
		expect(log).toMatch(/Loaded all credentials and nodes from n8n-nodes-bcrumbs/);
		const loadProblems = log
			.split('\n')
			.filter((l) => /bcrumbs/i.test(l) && /error|cannot find module|could not be|failed/i.test(l));
		expect(loadProblems).toEqual([]);
	});

	it('activation registers the production URL once per selected event, with the secret header', async () => {
		const credential = await setup.createSandboxCredential(app.rest, 'bcrumbs sandbox', sandbox);
		const trigger = await setup.createTrigger(app, {
			name: 'every event',
			credential,
			events: setup.ALL_EVENTS,
		});
		workflow = trigger.workflow;
		url = trigger.url;
		await setup.step('activate (8 events)', () => app.rest.activate(workflow.id));

		expect(url).toBe(`http://localhost:${app.n8n.port}/webhook/${trigger.json.webhookId}/webhook`);
		const registered = setup.registrationsFor(sandbox, url);
		expect(setup.eventsOf(registered)).toEqual(setup.sorted(setup.ALL_EVENTS));
		expect(sandbox.webhooks()).toHaveLength(setup.ALL_EVENTS.length); // nothing registered elsewhere
		const secrets = new Set(registered.map((w) => w.headers?.[setup.SECRET_HEADER]));
		expect(secrets.size).toBe(1); // one secret per endpoint
		expect([...secrets][0]).toMatch(/^[0-9a-f]{64}$/);
		// the label's tag lets the node recognise its registrations where the gateway lists no headers
		for (const w of registered)
			expect(w.label).toMatch(/^n8n: every event \/ Bcrumbs Trigger \[[0-9a-f]{8}\]$/);
	});

	it('every event type the sandbox emits becomes exactly one execution with the documented item', async () => {
		const before = await setup.executionCount(app.rest, workflow.id);
		const deliveries = await setup.step('emit all 8 events', async () => {
			const all = [];
			for (const event of setup.ALL_EVENTS) all.push(...(await sandbox.emit(event)));
			return all;
		});
		expect(deliveries.map((d) => [d.method, d.status])).toEqual(
			setup.ALL_EVENTS.map((e) => [e === setup.SMPP ? 'GET' : 'POST', 200]),
		);

		const executions = await setup.step('wait for 8 executions', () =>
			setup.newExecutions(app.rest, workflow.id, before, setup.ALL_EVENTS.length),
		);
		await setup.expectNoNewExecution(app.rest, workflow.id, before + setup.ALL_EVENTS.length, 1000);
		expect(executions.map((e) => [e.status, e.mode])).toEqual(
			setup.ALL_EVENTS.map(() => ['success', 'webhook']),
		);

		const items = executions.map(setup.triggerItems);
		items.forEach((list) => expect(list).toHaveLength(1));
		const byEvent = new Map(items.map(([item]) => [item.event as string, item]));
		expect(setup.sorted([...byEvent.keys()])).toEqual(setup.sorted(setup.ALL_EVENTS));
		for (const event of setup.ALL_EVENTS) {
			const item = byEvent.get(event)!;
			const { kind, ...fields } = EXPECTED[event];
			expect({ event, valid: item.valid, problems: item.problems }).toEqual({
				event,
				valid: true,
				problems: undefined,
			});
			expect(item).toMatchObject(fields);
			expect(item.normalized).toMatchObject({ platform: 'bcrumbs', event, kind });
		}
		// the normalized view carries the conversation's contact and text
		expect(byEvent.get('INCOMING_MESSAGE')!.normalized).toMatchObject({
			channel: 'whatsapp',
			text: 'Hello',
			contact: { phone: '905301749170' },
		});
		expect(byEvent.get('NEW_CLIENT')!.normalized.contact).toMatchObject({
			name: 'Temp Client',
			email: 'temp.client@example.com',
		});
		expect(byEvent.get(setup.SMPP)!.normalized).toMatchObject({
			messageId: 'wamid_ABC123',
			status: 'delivered',
		});
	});

	it('refuses requests without the secret or with a wrong one: 401 and no execution', async () => {
		const before = await setup.executionCount(app.rest, workflow.id);
		const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
		const answers = await setup.step('4 forged requests', () =>
			Promise.all([
				setup.postJson(url, body),
				setup.postJson(url, body, { [setup.SECRET_HEADER]: 'f'.repeat(64) }),
				setup.postJson(url, body, { [setup.SECRET_HEADER]: '' }),
				setup.send(`${url}?message_id=wamid_X&status=DELIVRD`, {
					method: 'GET',
					headers: { [setup.SECRET_HEADER]: 'wrong' },
				}),
			]),
		);
		for (const a of answers)
			expect({ status: a.status, body: JSON.parse(a.body) }).toEqual({
				status: 401,
				body: { error: 'Unauthorized' },
			});
		await setup.step('wait: no new execution', () =>
			setup.expectNoNewExecution(app.rest, workflow.id, before),
		);
	});

	it("answers a genuine delivery with 200 and the node's webhookResponse as JSON", async () => {
		const secret = setup.registrationsFor(sandbox, url)[0].headers![setup.SECRET_HEADER];
		const [post, get] = await setup.step('deliver POST + GET directly', () =>
			Promise.all([
				setup.postJson(url, JSON.stringify(exampleEvent('NEW_CLIENT')), {
					[setup.SECRET_HEADER]: secret,
				}),
				setup.send(`${url}?message_id=wamid_Y&status=ACCEPTD`, {
					headers: { [setup.SECRET_HEADER]: secret },
				}),
			]),
		);
		// What a sender (bcrumbs) gets back, recorded for the report: the node's webhookResponse
		process.stdout.write(
			`  [e2e] delivery answer: POST ${post.status} ${post.contentType} ${post.body} | GET ${get.status} ${get.contentType} ${get.body}\n`,
		);
		expect(post.status).toBe(200);
		expect(post.contentType).toMatch(/application\/json/);
		expect(JSON.parse(post.body)).toEqual({ received: true, event: 'NEW_CLIENT', started: true });
		expect(get.status).toBe(200);
		expect(JSON.parse(get.body)).toEqual({ received: true, event: setup.SMPP, started: true });
	});
});
