// The four hand-configured platform triggers in a real n8n (the selected version lane): each seed example, sent the way the
// platform signs it, becomes one execution with the normalized fields; a forged one starts none.
import { createHmac, randomUUID } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { chain, nodeOutput, noOpNode, type Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

import { parseBikDelivery } from '../../nodes/Bik/core/parse';
import { parseMobtextingDelivery } from '../../nodes/Mobtexting/core/parse';
import { parseOneRouteDelivery } from '../../nodes/OneRoute/core/parse';
import { parseWakitDelivery } from '../../nodes/Wakit/core/parse';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const fixtureNames = (platform: string) =>
	readdirSync(join(FIXTURES, platform))
		.map((file) => file.replace(/\.json$/, ''))
		.sort();
/** The pure core's answer for a body: what n8n must deliver to the workflow, item for item */
const CORE: Record<string, (body: unknown) => { items: Array<Record<string, unknown>> }> = {
	oneroute: (body) => parseOneRouteDelivery(body, { includeRawBody: false }),
	bik: (body) => parseBikDelivery(body, { includeRawBody: false }),
	// its workflow runs in MOBTEXTING_ZONE: zone-less times are read there
	mobtexting: (body) =>
		parseMobtextingDelivery(body, { includeRawBody: false, timeZone: MOBTEXTING_ZONE }),
	wakit: (body) => parseWakitDelivery(body, { includeRawBody: false }),
};
const fixture = (platform: string, name: string) =>
	readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', platform, `${name}.json`), 'utf8');
const MOBTEXTING_ZONE = 'Asia/Kolkata';
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface PlatformCase {
	platform: string;
	nodeType: string;
	credentialType: string;
	credentialData: Record<string, string>;
	parameters: Record<string, unknown>;
	/** Workflow Settings, e.g. its time zone */
	settings?: Record<string, unknown>;
	body: string;
	/** Headers the platform would send for this body */
	authentic: (body: string) => Record<string, string>;
	forged: (body: string) => Record<string, string>;
	expected: Record<string, unknown>;
}

const ONEROUTE_KEY = 'or-e2e-secret-key-7781';
const CASES: PlatformCase[] = [
	{
		platform: 'oneroute',
		nodeType: 'oneRouteTrigger',
		credentialType: 'oneRouteWebhookApi',
		credentialData: { secretKey: ONEROUTE_KEY },
		parameters: { verification: 'credentials', options: {} },
		body: fixture('oneroute', 'new-message-text'),
		authentic: (body) => ({
			'x-oneroute-signature': createHmac('sha512', ONEROUTE_KEY).update(body).digest('hex'),
		}),
		forged: (body) => ({
			'x-oneroute-signature': createHmac('sha512', 'guessed').update(body).digest('hex'),
		}),
		expected: {
			platform: 'oneroute',
			kind: 'message.received',
			channel: 'whatsapp',
			text: 'Hello World!',
		},
	},
	{
		platform: 'bik',
		nodeType: 'bikTrigger',
		credentialType: 'bikWebhookApi',
		// the single authorization key BIK's portal asks for, sent as typed
		credentialData: { authForm: 'authorizationKey', authKey: 'bik-e2e-authorization-key' },
		parameters: { verification: 'credentials', events: [], categories: [], options: {} },
		body: fixture('bik', 'status-update-failed-crm'),
		authentic: () => ({ authorization: 'Basic bik-e2e-authorization-key' }),
		forged: () => ({ authorization: basic('bik-e2e-authorization-key', '') }),
		expected: { platform: 'bik', kind: 'message.status', status: 'failed', channel: 'whatsapp' },
	},
	{
		platform: 'mobtexting',
		nodeType: 'mobtextingTrigger',
		credentialType: 'mobtextingWebhookApi',
		credentialData: { secret: 'mt-e2e-secret', validationToken: 'vk-e2e' },
		parameters: { verification: 'credentials', events: [], options: {} },
		settings: { timezone: MOBTEXTING_ZONE },
		body: fixture('mobtexting', 'whatsapp-message-in-text'),
		authentic: () => ({ authorization: 'Bearer mt-e2e-secret' }),
		forged: () => ({}),
		expected: {
			platform: 'mobtexting',
			kind: 'message.received',
			channel: 'whatsapp',
			text: 'This is a simple text message from whatsapp channel',
		},
	},
	{
		platform: 'wakit',
		nodeType: 'wakitTrigger',
		credentialType: 'wakitWebhookApi',
		credentialData: { token: 'wk-e2e-token' },
		parameters: {
			verification: 'credentials',
			entities: [],
			actions: [],
			directions: [],
			options: {},
		},
		body: fixture('wakit', 'conversation-update-closed'),
		authentic: () => ({ authorization: 'Bearer wk-e2e-token' }),
		forged: () => ({ authorization: 'Bearer wk-e2e-tokeN' }),
		expected: {
			platform: 'wakit',
			kind: 'conversation.closed',
			conversationId: 'c9e2f1a3-8b7d-4e5f-a123-456789abcdef',
		},
	},
];

describe('platform triggers in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	const workflows = new Map<string, { workflow: Workflow; url: string }>();

	beforeAll(async () => {
		app = await setup.step('start n8n', () => setup.startN8nWithPackage());
		for (const entry of CASES) {
			const credential = await app.rest.createCredential({
				name: `${entry.platform} e2e`,
				type: entry.credentialType,
				data: entry.credentialData,
			});
			const webhookId = randomUUID();
			const trigger = `${entry.platform} trigger`;
			const workflow = await app.rest.createWorkflow({
				name: `${entry.platform} e2e`,
				nodes: [
					{
						name: trigger,
						type: `n8n-nodes-bcrumbs.${entry.nodeType}`,
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: entry.parameters,
						credentials: { [entry.credentialType]: { id: credential.id, name: credential.name } },
					},
					noOpNode('Received'),
				],
				connections: chain(trigger, 'Received'),
				...(entry.settings ? { settings: entry.settings } : {}),
			});
			await setup.step(`activate ${entry.platform}`, () => app.rest.activate(workflow.id));
			workflows.set(entry.platform, {
				workflow,
				url: app.n8n.productionWebhookUrl(`${webhookId}/webhook`),
			});
		}
	});
	afterAll(async () => {
		await setup.step('stop n8n', async () => app?.n8n.stop({ removeUserFolder: true }));
		setup.printTimings('platforms');
	});

	it.each(CASES.map((entry) => [entry.platform, entry] as const))(
		'%s: an authentic delivery starts one execution with the normalized fields',
		async (platform, entry) => {
			const { workflow, url } = workflows.get(platform)!;
			const before = await setup.executionCount(app.rest, workflow.id);
			const response = await setup.step(`${platform} delivery`, () =>
				setup.postJson(url, entry.body, entry.authentic(entry.body)),
			);
			expect(response.status).toBe(200);
			expect(JSON.parse(response.body)).toMatchObject({ received: true, started: true });
			const [execution] = await setup.newExecutions(app.rest, workflow.id, before, 1);
			const [item] = nodeOutput(execution, `${platform} trigger`) as Array<Record<string, any>>;
			expect(item.valid).toBe(true);
			expect(item.normalized).toMatchObject(entry.expected);
			expect(item.normalized.deliveryKey).toMatch(/^[0-9a-f]{32}$/);
		},
	);

	it.each(CASES.map((entry) => [entry.platform, entry] as const))(
		'%s: a forged delivery gets 401 and starts nothing',
		async (platform, entry) => {
			const { workflow, url } = workflows.get(platform)!;
			const before = await setup.executionCount(app.rest, workflow.id);
			const response = await setup.postJson(url, entry.body, entry.forged(entry.body));
			expect(response.status).toBe(401);
			await setup.expectNoNewExecution(app.rest, workflow.id, before);
		},
	);

	it.each(CASES.map((entry) => [entry.platform, entry] as const))(
		'%s: every seed example arrives as the documented items',
		async (platform, entry) => {
			const { workflow, url } = workflows.get(platform)!;
			const names = fixtureNames(platform);
			const before = await setup.executionCount(app.rest, workflow.id);
			for (const name of names) {
				const body = fixture(platform, name);
				const response = await setup.postJson(url, body, entry.authentic(body));
				expect({ name, status: response.status }).toEqual({ name, status: 200 });
			}
			const executions = await setup.step(`${platform}: ${names.length} examples`, () =>
				setup.newExecutions(app.rest, workflow.id, before, names.length),
			);
			executions.forEach((execution, index) => {
				const expected = CORE[platform](JSON.parse(fixture(platform, names[index]))).items;
				const items = nodeOutput(execution, `${platform} trigger`);
				expect({ name: names[index], items }).toEqual({ name: names[index], items: expected });
				expect(
					expected.every(
						(item) =>
							item.valid === true && (item.normalized as { kind: string }).kind !== 'unknown',
					),
				).toBe(true);
			});
		},
	);

	/** A validation handshake to the mobtexting trigger with `token`: n8n's answer, once it is clear nothing started. */
	async function mobtextingHandshake(token: string, body: Record<string, string>) {
		const { workflow, url } = workflows.get('mobtexting')!;
		const before = await setup.executionCount(app.rest, workflow.id);
		const response = await setup.postJson(`${url}?token=${token}`, JSON.stringify(body));
		await setup.expectNoNewExecution(app.rest, workflow.id, before);
		return response;
	}

	it('mobtexting: the validation handshake is answered with the challenge and starts nothing', async () => {
		const response = await mobtextingHandshake('vk-e2e', {
			validation_key: 'vk-e2e',
			challenge: 'ch-4471',
		});
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ challenge: 'ch-4471' });
	});
	it('mobtexting: a challenge with another token gets 401, nothing echoed, nothing started', async () => {
		const response = await mobtextingHandshake('vk-guessed', { challenge: 'echo-me-5521' });
		expect(response.status).toBe(401);
		expect(response.body).not.toContain('echo-me-5521');
	});

	it("mobtexting: deliv_time is read in the workflow's time zone, the string kept as sent", async () => {
		const { workflow, url } = workflows.get('mobtexting')!;
		const before = await setup.executionCount(app.rest, workflow.id);
		const body = fixture('mobtexting', 'sms-delivery-report');
		const response = await setup.postJson(url, body, { authorization: 'Bearer mt-e2e-secret' });
		expect(response.status).toBe(200);
		const [execution] = await setup.newExecutions(app.rest, workflow.id, before, 1);
		const [item] = nodeOutput(execution, 'mobtexting trigger') as Array<Record<string, any>>;
		expect(item.deliv_time).toBe('2021-04-09 16:27:51');
		expect(item.normalized.timestamp).toBe('2021-04-09T10:57:51.000Z');
	});

	it("oneroute: a delivery without a signature is refused, and n8n's log warns once for the cause", async () => {
		const { workflow, url } = workflows.get('oneroute')!;
		const before = await setup.executionCount(app.rest, workflow.id);
		const body = fixture('oneroute', 'new-message-text');
		const warning =
			/Node "oneroute trigger" in workflow "oneroute e2e" refused a delivery with 401 \(no execution started\): the signature header is missing\./g;
		const offset = app.n8n.logs().length;
		for (let attempt = 0; attempt < 3; attempt += 1) {
			const response = await setup.postJson(url, body);
			expect(response.status).toBe(401);
		}
		await app.n8n.waitForLog(warning, 10_000, offset);
		await setup.expectNoNewExecution(app.rest, workflow.id, before);
		const logged = app.n8n.logs().slice(offset);
		expect(logged.match(warning)).toHaveLength(1);
		expect(logged).toContain('set the same secret key in OneRoute and in the credential');
		expect(logged).not.toContain(ONEROUTE_KEY);
	});

	it('bik: a credential saved with only a user and password (before the key form) still verifies', async () => {
		const credential = await app.rest.createCredential({
			name: 'bik legacy e2e',
			type: 'bikWebhookApi',
			data: { user: 'bik-e2e', password: 'bik-e2e-password' },
		});
		const webhookId = randomUUID();
		const workflow = await app.rest.createWorkflow({
			name: 'bik legacy e2e',
			nodes: [
				{
					name: 'bik trigger',
					type: 'n8n-nodes-bcrumbs.bikTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { verification: 'credentials', events: [], categories: [], options: {} },
					credentials: { bikWebhookApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
		});
		await setup.step('activate bik legacy', () => app.rest.activate(workflow.id));
		const url = app.n8n.productionWebhookUrl(`${webhookId}/webhook`);
		const body = fixture('bik', 'status-update-sent-crm');
		const headers = (authorization: string) => ({
			'content-type': 'application/json',
			authorization,
		});
		expect(
			(
				await setup.send(url, {
					method: 'POST',
					headers: headers(basic('bik-e2e', 'bik-e2e-password')),
					body,
				})
			).status,
		).toBe(200);
		expect(
			(await setup.send(url, { method: 'POST', headers: headers(basic('bik-e2e', '')), body }))
				.status,
		).toBe(401);
		await setup.newExecutions(app.rest, workflow.id, 0, 1);
	});
});
