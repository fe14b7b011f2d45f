// Messages into n8n's AI Agent with no mapping, and the Bcrumbs tool inside a real agent run. The example
// workflow examples/bcrumbs-ai-agent.json is imported as a user would, given a model (n8n's OpenAI Chat
// Model, its credential's Base URL pointed at a scripted OpenAI-compatible stub on loopback) and a second
// trigger (wakit) into the same agent. The stub's answers make the agent list, then create a webhook
// through the Bcrumbs tool; the test checks what the model was offered and sent back, what the sandbox saw,
// that the answer is the workflow's output, and that Simple Memory kept one history per conversation.
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

import { create, getMany } from '../../nodes/Bcrumbs/actions/webhook';
import { exampleEvent, type Sandbox } from '../../sandbox';
import { fixture } from '../../test/platforms/helpers';
import { nodeOutput, type Execution, type WorkflowJson } from '../harness';
import { OpenAiStub, type ChatRequest, type ModelTurn } from '../harness/openaiStub';
import * as setup from './bcrumbsSetup';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'bcrumbs-ai-agent.json');
const ASK = 'Please send new clients to our CRM at https://crm.example.com/agent';
const CREATED = {
	label: 'CRM new clients',
	url: 'https://crm.example.com/agent',
	event: 'NEW_CLIENT',
};
const FINAL = 'Done: new clients now go to https://crm.example.com/agent.';
const toolDefault = (properties: Array<{ name: string; default?: unknown }>) =>
	properties.find((property) => property.name === 'toolDescription')?.default;

const lastUserText = (chat: ChatRequest) =>
	String([...chat.messages].reverse().find((m) => m.role === 'user')?.content ?? '');
const toolResults = (chat: ChatRequest) => chat.messages.filter((m) => m.role === 'tool');

/** The model: asked to send events somewhere, it lists, then creates, then answers; otherwise it echoes. */
function script(chat: ChatRequest): ModelTurn {
	if (!lastUserText(chat).includes('send new clients'))
		return { text: `Noted: ${lastUserText(chat)}` };
	const done = toolResults(chat).length;
	if (done === 0) return { toolCalls: [{ name: 'List_webhooks', arguments: {} }] };
	if (done === 1) return { toolCalls: [{ name: 'Create_webhook', arguments: CREATED }] };
	return { text: FINAL };
}

type Node = WorkflowJson['nodes'][number] & Record<string, unknown>;

/** The example with this n8n's credentials, a model, and a wakit trigger feeding the same agent. */
function agentWorkflow(
	bcrumbs: { id: string; name: string },
	openAi: { id: string; name: string },
	wakitWebhookId: string,
): WorkflowJson {
	const json = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowJson & { nodes: Node[] };
	for (const node of json.nodes) if (node.credentials) node.credentials = { bcrumbsApi: bcrumbs };
	json.nodes.push(
		{
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [120, 240],
			parameters: { model: { __rl: true, mode: 'id', value: 'stub-model' }, options: {} },
			credentials: { openAiApi: openAi },
		},
		{
			name: 'wakit Trigger',
			type: 'n8n-nodes-bcrumbs.wakitTrigger',
			typeVersion: 1,
			position: [0, -200],
			webhookId: wakitWebhookId,
			parameters: {},
		},
	);
	const connections = json.connections as Record<string, Record<string, unknown>>;
	connections['OpenAI Chat Model'] = {
		ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
	};
	connections['wakit Trigger'] = { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] };
	return json;
}

describe.each([
	['N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE unset', {}],
	[
		'N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true',
		{ N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' },
	],
] as const)('an AI Agent after the triggers, the Bcrumbs tool in its hands (%s)', (_name, env) => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let stub: OpenAiStub;
	let workflowId: string;
	let wakitUrl: string;
	const runs: Execution[] = [];

	beforeAll(async () => {
		[app, [sandbox], stub] = await setup.step('start n8n + sandbox + model stub', () =>
			Promise.all([
				setup.startN8nWithPackage('info', env),
				setup.startSandboxes({ deleteMutation: true }),
				OpenAiStub.start(script),
			]),
		);
		const bcrumbs = await setup.createSandboxCredential(app.rest, 'Bcrumbs API', sandbox);
		const openAi = await app.rest.createCredential({
			name: 'Model stub',
			type: 'openAiApi',
			data: { apiKey: 'sk-stub', url: stub.baseUrl },
		});
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'Helpdesk escalation',
			url: 'https://helpdesk.example.com/in',
			event: 'NEW_CONV',
		});
		const wakitWebhookId = randomUUID();
		const workflow = await app.rest.createWorkflow(agentWorkflow(bcrumbs, openAi, wakitWebhookId));
		workflowId = workflow.id;
		wakitUrl = app.n8n.productionWebhookUrl(`${wakitWebhookId}/webhook`);
		await setup.step('activate', () => app.rest.activate(workflowId));
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox + stub', async () => {
			await setup.stopAll(app?.n8n, sandbox ? [sandbox] : []);
			await stub?.close();
		});
		setup.printTimings('ai-agent');
	});

	async function deliverAndWait(deliver: () => Promise<unknown>): Promise<Execution> {
		const before = await setup.executionCount(app.rest, workflowId);
		await deliver();
		const [run] = await setup.newExecutions(app.rest, workflowId, before, 1);
		runs.push(run);
		return run;
	}

	it('a bcrumbs message: the agent lists, then creates a webhook through the tool, and its answer is the output', async () => {
		const run = await setup.step('bcrumbs message through the agent', () =>
			deliverAndWait(() => sandbox.emit('INCOMING_MESSAGE', { payload: { content: ASK } })),
		);
		expect(run.status).toBe('success');
		// the agent ends the workflow's main path: its answer is the workflow's output
		const agentRuns = run.data.resultData.runData['AI Agent'];
		expect(nodeOutput(run, 'AI Agent', agentRuns.length - 1)).toEqual([{ output: FINAL }]);

		const [first, second, third] = stub.chats;
		expect(lastUserText(first)).toBe(ASK);
		// the tools as the model receives them: names, descriptions, the $fromAI arguments and what is required
		const tools = Object.fromEntries((first.tools ?? []).map((t) => [t.function.name, t.function]));
		expect(Object.keys(tools).sort()).toEqual(['Create_webhook', 'List_webhooks']);
		expect(tools.List_webhooks.description).toBe(toolDefault(getMany.description));
		expect(tools.Create_webhook.description).toBe(toolDefault(create.description));
		expect(tools.Create_webhook.parameters).toMatchObject({
			type: 'object',
			properties: {
				label: { type: 'string', description: 'A short name for the webhook' },
				url: { type: 'string' },
				event: { type: 'string' },
			},
		});
		expect((tools.Create_webhook.parameters?.required as string[]).sort()).toEqual([
			'event',
			'label',
			'url',
		]);

		// the tools' outputs reached the model: the listing, then the created webhook
		expect(String(toolResults(second)[0].content)).toContain('Helpdesk escalation');
		const created = sandbox.webhooks().find((webhook) => webhook.label === CREATED.label);
		expect(created).toMatchObject({ url: CREATED.url, event: CREATED.event });
		expect(String(toolResults(third)[1].content)).toContain(created!.id);
		expect(sandbox.callCount('createWebhook')).toBeGreaterThanOrEqual(1);
	});

	it('a wakit message reaches the same agent with no mapping, in a session of its own', async () => {
		const body = fixture('wakit', 'message-insert-incoming');
		const run = await deliverAndWait(() => setup.postJson(wakitUrl, JSON.stringify(body)));
		expect(nodeOutput(run, 'AI Agent')).toEqual([{ output: 'Noted: Hello!' }]);
		const chat = stub.chats.at(-1)!;
		// nothing of the bcrumbs conversation: another platform, another history
		expect(JSON.stringify(chat.messages)).not.toContain(ASK);
	});

	it('a second bcrumbs message in the same conversation carries that conversation only', async () => {
		const conversationId = exampleEvent('INCOMING_MESSAGE').conversationId;
		await deliverAndWait(() =>
			sandbox.emit('INCOMING_MESSAGE', { payload: { content: 'Thank you', conversationId } }),
		);
		const history = JSON.stringify(stub.chats.at(-1)!.messages);
		expect(history).toContain(ASK);
		expect(history).toContain(FINAL);
		expect(history).not.toContain('Hello!');
	});
});
