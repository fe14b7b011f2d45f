// What a person does next in the editor: tests the credential, listens for a test event that the
// sandbox sends, and runs the action node from the canvas. Real n8n, real sandbox gateway.
import { SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import * as setup from '../tests/bcrumbsSetup';
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ONEROUTE } from '../../nodes/OneRoute/core/descriptor';
import { fixture } from '../../test/platforms/helpers';
import { SEL } from './selectors';
import { EditorSession } from './session';

const SUITE = 'runs';
const REFUSED =
	'bcrumbs refused the API key or the workspace ID: check that the key is valid, not expired, and belongs to this workspace';

const actionWorkflow = (credential: setup.CredentialRef) =>
	setup.createThenList({
		name: 'bcrumbs action node',
		credential,
		create: {
			label: 'CRM sync',
			url: 'https://crm.example.com/hooks/bcrumbs',
			event: 'NEW_CLIENT',
			additionalFields: {},
		},
		list: { returnAll: false, limit: 10, filters: {} },
		spacing: 260,
	});

describe('running the package from the n8n editor (Chromium)', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let editor: EditorSession;
	let credential: setup.CredentialRef;

	beforeAll(async () => {
		[app, [sandbox]] = await Promise.all([
			setup.startN8nWithPackage(),
			setup.startSandboxes({ deleteMutation: true }),
		]);
		credential = await setup.createSandboxCredential(app.rest, 'Bcrumbs sandbox', sandbox);
		sandbox.addWebhook({
			workspaceId: 12,
			label: 'Helpdesk escalation',
			url: 'https://helpdesk.example.com/in',
			event: 'NEW_CONV',
		});
		editor = await EditorSession.open(app.n8n.baseUrl, SUITE);
	});
	afterAll(async () => {
		await editor?.close(SUITE);
		await setup.stopAll(app?.n8n, sandbox ? [sandbox] : []);
	});

	it('the action node: Create then Get Many run from the canvas and show their items; the Limit hint is visible', async () => {
		const { page } = editor;
		const workflow = await app.rest.createWorkflow(actionWorkflow(credential));
		await editor.check(
			'action node: run from the canvas',
			async () => {
				await editor.openWorkflow(workflow.id);
				await page.locator(SEL.canvas.executeWorkflow).click();
				await page
					.locator(SEL.canvas.node('List webhooks'))
					.locator(SEL.canvas.nodeSuccess)
					.waitFor();
			},
			'execution',
		);
		await editor.check('action node: Create output', async () => {
			await editor.openNode('Create webhook');
			const output = page.locator(SEL.ndv.output);
			await output.getByText('CRM sync').first().waitFor();
			await expect(output.locator(SEL.ndv.itemsCount).innerText()).resolves.toMatch(/^1 item/);
			await editor.closeNode();
		});
		await editor.check('action node: Get Many output and Limit hint', async () => {
			await editor.openNode('List webhooks');
			const output = page.locator(SEL.ndv.output);
			await output.getByText('Helpdesk escalation').first().waitFor();
			await output.getByText('CRM sync').first().waitFor();
			await expect(output.locator(SEL.ndv.itemsCount).innerText()).resolves.toMatch(/^2 items/);
			// by its text: n8n 2.41 renders parameter hints without the test id 2.8 gave them
			await page.locator(SEL.ndv.parameters).getByText('the API has no pagination').waitFor();
			await editor.closeNode();
		});
	});

	it('the credential dialog: a wrong key names what to fix; the sandbox key tests successfully', async () => {
		const { page } = editor;
		const workflow = await app.rest.createWorkflow(actionWorkflow(credential));
		const dialog = page.locator(SEL.credential.dialog);
		// the modal around the dialog's content: on 2.41 its Save button sits in a header outside the test id
		const saveCredential = page
			.locator(SEL.credential.modal)
			.getByRole('button', { name: SEL.text.save, exact: true });
		const apiKey = dialog
			.locator(SEL.credential.field)
			.filter({ hasText: 'API Key' })
			.locator('input')
			.first();
		await editor.check('credential dialog: wrong key', async () => {
			await editor.openWorkflow(workflow.id);
			await editor.openNode('List webhooks');
			await page.locator(SEL.ndv.credentialEdit).click();
			await dialog.waitFor();
			await apiKey.fill('bck_wrong_key');
			await saveCredential.click();
			await dialog.getByText(SEL.text.credentialTestFailed).waitFor();
			// 2.41 folds the message behind "More details" (2.8 shows it in the banner)
			const details = dialog.getByText(SEL.text.credentialTestDetails);
			if (await details.isVisible()) await details.click();
			const message = page.getByText(REFUSED).first();
			await message.waitFor();
			const text = `${await dialog.innerText()}\n${await message.locator('xpath=..').innerText()}`;
			// what a user reads: no stack trace, no raw GraphQL error or status code
			expect(text).not.toMatch(/\n\s+at |GraphQL|FORBIDDEN|"errors"|status code/i);
			expect(text).not.toContain('bck_wrong_key');
		});
		await editor.check(
			'credential dialog: sandbox key',
			async () => {
				await apiKey.fill(SANDBOX_API_KEY);
				await saveCredential.click();
				await dialog.getByText(SEL.text.credentialTestOk).waitFor();
			},
			'credential-dialog',
		);
		await page.keyboard.press('Escape');
	});

	it('"Listen for test event", then an event from the sandbox: the item and its normalized view in the output panel', async () => {
		const { page } = editor;
		const json = setup.triggerWorkflow({
			name: 'listen in the editor',
			credential,
			events: ['INCOMING_MESSAGE'],
		});
		const workflow = await app.rest.createWorkflow(json);
		await editor.check('listen for test event', async () => {
			await editor.openWorkflow(workflow.id);
			await editor.openNode('Bcrumbs Trigger');
			await page.locator(SEL.ndv.listen).click();
			await page.locator(SEL.ndv.listening).waitFor();
			// the sandbox delivers to every registration, here the test URL "Listen" registered
			const testUrl = app.n8n.testWebhookUrl(`${json.webhookId}/webhook`);
			const [delivery] = await sandbox.emit('INCOMING_MESSAGE', {
				payload: { content: 'Hi, is my order shipped?' },
			});
			expect({ url: delivery.url, status: delivery.status }).toEqual({ url: testUrl, status: 200 });
			const output = page.locator(SEL.ndv.output);
			await expect(output.locator(SEL.ndv.itemsCount).innerText()).resolves.toMatch(/^1 item/);
			for (const field of ['INCOMING_MESSAGE', 'Hi, is my order shipped?', 'WHATSAPP'])
				await output.getByText(field).first().waitFor();
		});
		await editor.check(
			'normalized view in the output panel',
			async () => {
				await page.locator(SEL.ndv.output).locator(SEL.ndv.jsonView).click();
				const output = page.locator(SEL.ndv.output);
				await output.getByText('"normalized"').first().waitFor();
				for (const text of ['"kind"', '"message.received"', '"deliveryKey"'])
					await output.getByText(text).first().waitFor();
			},
			'normalized-view',
		);
	});

	it('"Listen for test event", then an unsigned request: the refusal, its cause and the fix show in the editor', async () => {
		const { page } = editor;
		const oneRoute = await app.rest.createCredential({
			name: 'OneRoute secret key',
			type: ONEROUTE.credentialType,
			data: { secretKey: 'or-browser-secret-key' },
		});
		const webhookId = randomUUID();
		const workflow = await app.rest.createWorkflow({
			name: 'refused test delivery',
			nodes: [
				{
					name: ONEROUTE.node.displayName,
					type: `n8n-nodes-bcrumbs.${ONEROUTE.node.name}`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { verification: 'credentials' },
					credentials: { [ONEROUTE.credentialType]: { id: oneRoute.id, name: oneRoute.name } },
				},
			],
			connections: {},
		});
		await editor.check(
			'refused test delivery in the editor',
			async () => {
				await editor.openWorkflow(workflow.id);
				await editor.openNode(ONEROUTE.node.displayName);
				await page.locator(SEL.ndv.listen).click();
				await page.locator(SEL.ndv.listening).waitFor();
				const body = JSON.stringify(fixture('oneroute', 'new-message-text'));
				const answer = await setup.postJson(app.n8n.testWebhookUrl(`${webhookId}/webhook`), body);
				expect(answer.status).toBeGreaterThanOrEqual(400);
				const panel = page.locator(SEL.ndv.panel);
				await panel.getByText('Request refused: the signature header is missing').first().waitFor();
				await panel.getByText(ONEROUTE.refusalHint.slice(0, 50)).first().waitFor();
				// none of the request's data
				expect(await panel.innerText()).not.toContain('Hello World!');
			},
			'refused-test-delivery',
		);
		await editor.check('OneRoute credential dialog: where the key comes from', async () => {
			await page.locator(SEL.ndv.credentialEdit).click();
			const dialog = page.locator(SEL.credential.dialog);
			await dialog
				.getByText('OneRoute signs a delivery (x-oneroute-signature) only when')
				.waitFor();
			await page.keyboard.press('Escape');
		});
	});

	it('the AI Agent example: Bcrumbs Trigger into an agent with memory and the Bcrumbs tools, on the canvas', async () => {
		const { page } = editor;
		const example = JSON.parse(
			readFileSync(join(__dirname, '..', '..', 'examples', 'bcrumbs-ai-agent.json'), 'utf8'),
		) as { nodes: Array<{ name: string; credentials?: Record<string, unknown> }> };
		for (const node of example.nodes)
			if (node.credentials) node.credentials = { [setup.CREDENTIAL_TYPE]: credential };
		const workflow = await app.rest.createWorkflow(example as never);
		await editor.check(
			'AI Agent example on the canvas',
			async () => {
				await editor.openWorkflow(workflow.id);
				for (const node of example.nodes) await page.locator(SEL.canvas.node(node.name)).waitFor();
			},
			'ai-agent-workflow',
		);
	});

	it('the page logged no error caused by the package', () => {
		expect(editor.packageErrors()).toEqual([]);
	});
});
