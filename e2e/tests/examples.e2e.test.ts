// Every example workflow under examples/ is imported into a real n8n, activated, and run by real
// deliveries, so none of them rots: each branch the README promises is taken by the right item.
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type Sandbox } from '../../sandbox';
import { nodeOutput, type WorkflowJson } from '../harness';
import * as setup from './bcrumbsSetup';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const fixture = (platform: string, name: string) =>
	readFileSync(join(FIXTURES, platform, `${name}.json`), 'utf8');
const ONEROUTE_KEY = 'or-example-secret';
const BIK = { user: 'bik-example', password: 'bik-example-password' };
const bikAuth = {
	authorization: `Basic ${Buffer.from(`${BIK.user}:${BIK.password}`).toString('base64')}`,
};

type ExampleNode = WorkflowJson['nodes'][number] & {
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
};

/** The example as a user imports it, with its credentials pointed at ones made in this n8n. */
function loadExample(
	file: string,
	credentials: Record<string, { id: string; name: string }>,
): WorkflowJson & { nodes: ExampleNode[] } {
	const json = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson & {
		nodes: ExampleNode[];
	};
	for (const node of json.nodes)
		for (const type of Object.keys(node.credentials ?? {}))
			node.credentials![type] = credentials[type];
	return json;
}

describe('example workflows in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	const credentials: Record<string, { id: string; name: string }> = {};

	beforeAll(async () => {
		[app, [sandbox]] = await setup.step('start n8n + sandbox', () =>
			Promise.all([setup.startN8nWithPackage(), setup.startSandboxes({ deleteMutation: true })]),
		);
		credentials.bcrumbsApi = await setup.createSandboxCredential(app.rest, 'Bcrumbs API', sandbox);
		credentials.oneRouteWebhookApi = await app.rest.createCredential({
			name: 'OneRoute webhook',
			type: 'oneRouteWebhookApi',
			data: { secretKey: ONEROUTE_KEY },
		});
		credentials.bikWebhookApi = await app.rest.createCredential({
			name: 'BIK webhook',
			type: 'bikWebhookApi',
			data: BIK,
		});
	});
	afterAll(async () => {
		await setup.stopAll(app?.n8n, sandbox ? [sandbox] : []);
		setup.printTimings('examples');
	});

	async function activate(file: string) {
		const json = loadExample(file, credentials);
		const workflow = await app.rest.createWorkflow(json);
		await setup.step(`activate ${file}`, () => app.rest.activate(workflow.id));
		const url = (nodeName: string) =>
			app.n8n.productionWebhookUrl(
				`${json.nodes.find((n) => n.name === nodeName)!.webhookId}/webhook`,
			);
		return { workflow, url };
	}

	it('bcrumbs incoming message -> branch on channel', async () => {
		const { workflow } = await activate('bcrumbs-incoming-message-by-channel.json');
		const before = await setup.executionCount(app.rest, workflow.id);
		await sandbox.emit('INCOMING_MESSAGE', {
			payload: { integrationType: 'WHATSAPP', content: 'via WhatsApp' },
		});
		await sandbox.emit('INCOMING_MESSAGE', {
			payload: { integrationType: 'INSTAGRAM', content: 'via Instagram' },
		});
		await sandbox.emit('INCOMING_MESSAGE', {
			payload: { integrationType: 'SOMETHING_NEW', content: 'via a new channel' },
		});
		const runs = await setup.newExecutions(app.rest, workflow.id, before, 3);
		const branchOf = (content: string) => {
			const run = runs.find((r) =>
				JSON.stringify(nodeOutput(r, 'Bcrumbs Trigger')).includes(content),
			)!;
			return ['WhatsApp message', 'Instagram message', 'Telegram message', 'Other channel'].filter(
				(n) => nodeOutput(run, n).length === 1,
			);
		};
		expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'success']);
		expect([
			branchOf('via WhatsApp'),
			branchOf('via Instagram'),
			branchOf('via a new channel'),
		]).toEqual([['WhatsApp message'], ['Instagram message'], ['Other channel']]);
	});

	it('any platform -> normalized view -> Remove Duplicates on normalized.deliveryKey', async () => {
		const { workflow, url } = await activate('any-platform-deduplicate.json');
		const bikBody = fixture('bik', 'status-update-sent-crm');
		const orBody = fixture('oneroute', 'new-message-text');
		const orSignature = createHmac('sha512', ONEROUTE_KEY).update(orBody).digest('hex');
		const before = await setup.executionCount(app.rest, workflow.id);
		// the BIK delivery twice (a platform retry), then a OneRoute one: the retry goes no further
		const deliveries = [
			[url('BIK Trigger'), bikAuth, bikBody],
			[url('BIK Trigger'), bikAuth, bikBody],
			[url('OneRoute Trigger'), { 'x-oneroute-signature': orSignature }, orBody],
		] as const;
		for (const [i, [target, headers, body]] of deliveries.entries()) {
			const response = await setup.postJson(target, body, headers);
			expect(response.status).toBe(200);
			await setup.newExecutions(app.rest, workflow.id, before + i, 1); // one at a time: the order decides which copy is new
		}
		const runs = await setup.newExecutions(app.rest, workflow.id, before, 3);
		const passed = runs.map((r) => nodeOutput(r, 'New delivery') as Array<Record<string, unknown>>);
		expect(passed.map((items) => items.map((i) => i.platform))).toEqual([
			['bik'],
			[],
			['oneroute'],
		]);
		expect(passed[0][0]).toEqual(
			expect.objectContaining({ kind: 'message.status', deliveryKey: expect.any(String) }),
		);
	});

	it('BIK status updates -> failed messages only', async () => {
		const { workflow, url } = await activate('bik-failed-messages.json');
		const before = await setup.executionCount(app.rest, workflow.id);
		for (const name of [
			'status-update-failed-crm',
			'status-update-delivered-automation',
			'incoming-message',
		]) {
			const response = await setup.postJson(url('BIK Trigger'), fixture('bik', name), bikAuth);
			expect(response.status).toBe(200);
		}
		const runs = await setup.newExecutions(app.rest, workflow.id, before, 3);
		const failed = runs.flatMap(
			(r) => nodeOutput(r, 'Failed message') as Array<Record<string, unknown>>,
		);
		expect(failed).toEqual([
			expect.objectContaining({
				normalized: expect.objectContaining({
					platform: 'bik',
					kind: 'message.status',
					status: 'failed',
				}),
			}),
		]);
	});
});
