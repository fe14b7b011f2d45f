// First contact in a real n8n: each trigger as the node creator adds it (parameters left at their
// defaults, plus the credential the editor requires: BIK's authorization key, bcrumbs' API key) receives
// every example of its platform's document, sent exactly as documented, as one execution of valid items.
// While the user listens for a test event, a refused request shows as the trigger's error and runs
// nothing after it.
import { randomUUID } from 'crypto';

import {
	DESCRIPTORS,
	examplesOf,
	HAND_CONFIGURED,
	handConfiguredDriverOf,
} from '../../support/platforms';
import { ANY_EVENT, WEBHOOK_EVENT_NAMES } from '../../nodes/Bcrumbs/core/webhookEvents';
import type { Platform } from '../../nodes/shared/core/normalized';
import type { Sandbox } from '../../sandbox';
import { chain, nodeOutput, noOpNode, type Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

const TRIGGER = 'Trigger';

/** What each document asks a receiver to hold (asDocumented): only BIK defines a secret (Basic auth with one key). */
const asDocumented = (platform: Platform) =>
	handConfiguredDriverOf(DESCRIPTORS[platform]).asDocumented('bik-first-contact-key');
const PLATFORMS = HAND_CONFIGURED.map((descriptor) => descriptor.platform);
const itemsOf = (run: Parameters<typeof nodeOutput>[0]) =>
	nodeOutput(run, TRIGGER) as Array<{ event?: string; valid: boolean }>;

function workflowOf(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials?: Record<string, { id: string; name: string }>,
) {
	const webhookId = randomUUID();
	return {
		webhookId,
		json: {
			name,
			nodes: [
				{
					name: TRIGGER,
					type: `n8n-nodes-bcrumbs.${type}`,
					typeVersion: 1,
					position: [0, 0] as [number, number],
					webhookId,
					parameters,
					...(credentials ? { credentials } : {}),
				},
				noOpNode('Next'),
			],
			connections: chain(TRIGGER, 'Next'),
		},
	};
}

describe('first contact: every trigger at its defaults', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;

	beforeAll(async () => {
		[app, [sandbox]] = await setup.step('start n8n + sandbox', () =>
			Promise.all([setup.startN8nWithPackage(), setup.startSandboxes({ profile: 'documented' })]),
		);
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox', () => setup.stopAll(app?.n8n, sandbox ? [sandbox] : []));
		setup.printTimings('first-contact');
	});

	async function created(platform: Platform, parameters: Record<string, unknown> = {}) {
		const descriptor = DESCRIPTORS[platform];
		const data = asDocumented(platform).credential;
		const credential = data
			? await app.rest.createCredential({
					name: `${platform} as documented`,
					type: descriptor.credentialType,
					data,
				})
			: undefined;
		const { webhookId, json } = workflowOf(
			`${platform} at defaults`,
			descriptor.node.name,
			parameters,
			credential
				? { [descriptor.credentialType]: { id: credential.id, name: credential.name } }
				: undefined,
		);
		return { workflow: await app.rest.createWorkflow(json), webhookId };
	}

	it.each(PLATFORMS)(
		'%s: every documented example, sent as documented, starts one execution of valid items',
		async (platform) => {
			const { workflow, webhookId } = await created(platform);
			await setup.step(`activate ${platform}`, () => app.rest.activate(workflow.id));
			const url = app.n8n.productionWebhookUrl(`${webhookId}/webhook`);
			const examples = examplesOf(platform);
			const before = await setup.executionCount(app.rest, workflow.id);
			for (const example of examples) {
				const response = await setup.postJson(
					url,
					JSON.stringify(example.body),
					asDocumented(platform).headers,
				);
				expect({ example: example.name, status: response.status }).toEqual({
					example: example.name,
					status: 200,
				});
			}
			const runs = await setup.step(`${platform}: ${examples.length} executions`, () =>
				setup.newExecutions(app.rest, workflow.id, before, examples.length),
			);
			for (const run of runs) {
				const items = itemsOf(run);
				expect(items.length).toBeGreaterThan(0);
				expect(items.every((item) => item.valid)).toBe(true);
			}
		},
	);

	it('bcrumbs: the trigger as added for each event, fed by the gateway, starts valid executions', async () => {
		const credential = await setup.createSandboxCredential(
			app.rest,
			'bcrumbs first contact',
			sandbox,
		);
		const ref = { bcrumbsApi: credential };
		// the node creator's default (Incoming Message), and every other event as picked under Triggers
		const events = WEBHOOK_EVENT_NAMES.filter((event) => event !== ANY_EVENT);
		const workflows: Workflow[] = [];
		for (const [index, parameters] of [{}, { events }].entries()) {
			const { json } = workflowOf(
				`bcrumbs at defaults ${index}`,
				'bcrumbsTrigger',
				parameters,
				ref,
			);
			const workflow = await app.rest.createWorkflow(json);
			await setup.step(`activate bcrumbs ${index}`, () => app.rest.activate(workflow.id));
			workflows.push(workflow);
		}
		const counts = await Promise.all(workflows.map((w) => setup.executionCount(app.rest, w.id)));
		for (const event of events) {
			const deliveries = await sandbox.emit(event as never);
			expect(deliveries.map((delivery) => [event, delivery.status])).toEqual(
				deliveries.map(() => [event, 200]),
			);
		}
		const [atDefault] = await setup.newExecutions(app.rest, workflows[0].id, counts[0], 1);
		expect(itemsOf(atDefault)[0]).toMatchObject({ event: 'INCOMING_MESSAGE', valid: true });
		const runs = await setup.newExecutions(app.rest, workflows[1].id, counts[1], events.length);
		expect(runs.map((run) => [itemsOf(run)[0].event, itemsOf(run)[0].valid]).sort()).toEqual(
			events.map((event) => [event, true]).sort(),
		);
	});

	it.each(PLATFORMS)(
		'%s: while listening for a test event, a refused request is the trigger error, and nothing after it runs',
		async (platform) => {
			const { workflow, webhookId } = await created(platform, { verification: 'credentials' });
			await setup.step(`listen (${platform})`, () =>
				app.rest.listenForTestEvent(workflow.id, TRIGGER),
			);
			const before = await setup.executionCount(app.rest, workflow.id);
			const [example] = examplesOf(platform);
			const response = await setup.postJson(
				app.n8n.testWebhookUrl(`${webhookId}/webhook`),
				JSON.stringify(example.body),
				{ authorization: 'Bearer forged-request' },
			);
			expect(response.status).toBeGreaterThanOrEqual(400);
			const [run] = await setup.newExecutions(app.rest, workflow.id, before, 1);
			expect(run.mode).toBe('manual');
			expect(run.status).toBe('error');
			const error = JSON.stringify(run.data.resultData.error ?? {});
			expect(error).toContain('Request refused: ');
			expect(error).toContain(DESCRIPTORS[platform].refusalHint.slice(0, 40));
			expect(error).not.toContain('forged-request');
			expect(run.data.resultData.runData.Next).toBeUndefined();
		},
	);
});
