// What a person sees before running anything: the node creator finds every node of this package, every
// icon loads in the light and the dark theme, and each trigger's panel shows its options and notices.
import { randomUUID } from 'crypto';
import { type Sandbox } from '../../sandbox';
import { URL_ONLY_NOTICE } from '../../nodes/shared/trigger/descriptions';
import { ALL_DESCRIPTORS, HAND_CONFIGURED } from '../../support/platforms';
import * as setup from '../tests/bcrumbsSetup';
import { SEL } from './selectors';
import { EditorSession } from './session';

const SUITE = 'node-panels';
/** Search term -> the entry the node creator must list (n8n merges Bcrumbs Trigger into Bcrumbs). */
// (BIK and MOBtexting triggers have an Events list, so n8n shows them by app name with their events inside)
const SEARCHES: Record<string, string> = {
	bcrumbs: 'Bcrumbs',
	oneroute: 'OneRoute Trigger',
	bik: 'BIK',
	mobtexting: 'MOBtexting',
	wakit: 'wakit Trigger',
};
// each platform's icon file is named after it
const ICON_FILES = ALL_DESCRIPTORS.map((descriptor) => descriptor.platform);
// the hand-configured triggers as the node creator adds them: every parameter at its default
const PLATFORM_TRIGGERS = HAND_CONFIGURED.map(({ node, authentication }) => ({
	name: node.displayName,
	type: node.name,
	authentication,
}));

describe('the package in the n8n editor (Chromium)', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let editor: EditorSession;
	let triggersWorkflowId: string;
	let bcrumbsWorkflowId: string;

	beforeAll(async () => {
		[app, [sandbox]] = await Promise.all([
			setup.startN8nWithPackage(),
			setup.startSandboxes({ deleteMutation: true }),
		]);
		const credential = await setup.createSandboxCredential(app.rest, 'Bcrumbs sandbox', sandbox);
		const webhookId = randomUUID();
		bcrumbsWorkflowId = (
			await app.rest.createWorkflow({
				name: 'bcrumbs trigger panel',
				nodes: [
					{
						name: 'Bcrumbs Trigger',
						type: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: { events: ['INCOMING_MESSAGE', 'MESSAGE_UPDATED'], options: {} },
						credentials: { bcrumbsApi: credential },
					},
				],
				connections: {},
			})
		).id;
		triggersWorkflowId = (
			await app.rest.createWorkflow({
				name: 'platform triggers at their defaults',
				nodes: PLATFORM_TRIGGERS.map((t, i) => ({
					name: t.name,
					type: `n8n-nodes-bcrumbs.${t.type}`,
					typeVersion: 1,
					position: [i * 300, 0] as [number, number],
					webhookId: randomUUID(),
					parameters: {},
				})),
				connections: {},
			})
		).id;
		editor = await EditorSession.open(app.n8n.baseUrl, SUITE);
	});
	afterAll(async () => {
		await editor?.close(SUITE);
		await setup.stopAll(app?.n8n, sandbox ? [sandbox] : []);
	});

	async function searchNodeCreator(term: string): Promise<string[]> {
		const { page } = editor;
		await page.locator(SEL.nodeCreator.search).fill(term);
		const names = page.locator(`${SEL.nodeCreator.panel} ${SEL.nodeCreator.itemName}`);
		await names.filter({ hasText: SEARCHES[term] }).first().waitFor();
		return (await names.allInnerTexts()).map((n) => n.trim());
	}

	/** Every icon of this package on the page: [src, naturalWidth], once loading settled. */
	async function packageIcons(): Promise<Array<[string, number]>> {
		await editor.page.waitForFunction(
			(sel) => [...document.querySelectorAll<HTMLImageElement>(sel)].every((i) => i.complete),
			SEL.packageIcons,
		);
		return editor.page
			.locator(SEL.packageIcons)
			.evaluateAll((imgs) =>
				(imgs as HTMLImageElement[]).map(
					(i) => [i.getAttribute('src') ?? '', i.naturalWidth] as [string, number],
				),
			);
	}

	it.each(['light', 'dark'] as const)(
		'node creator finds every node, and every icon loads (%s theme)',
		async (theme) => {
			const seen: Array<[string, number]> = [];
			await editor.check(`node creator search and icons (${theme})`, async () => {
				await editor.openInTheme(theme, '/workflow/new');
				await editor.openNodeCreator();
				for (const term of Object.keys(SEARCHES)) {
					expect(await searchNodeCreator(term)).toContain(SEARCHES[term]);
					seen.push(...(await packageIcons()));
				}
			});
			const files = [...new Set(seen.map(([src]) => src.split('/').pop()))].sort();
			const suffix = theme === 'dark' ? '.dark.svg' : '.svg';
			expect(files).toEqual(ICON_FILES.map((f) => `${f}${suffix}`).sort());
			expect(seen.filter(([, width]) => width === 0)).toEqual([]);
		},
	);

	it('"bcrumbs" in the node creator leads to Bcrumbs Trigger: its events under Triggers, named as in the panel', async () => {
		const { page } = editor;
		await editor.check('node creator: Bcrumbs triggers and actions', async () => {
			await editor.openInTheme('light', '/workflow/new');
			await editor.openNodeCreator();
			await searchNodeCreator('bcrumbs');
			await page
				.locator(`${SEL.nodeCreator.panel} ${SEL.nodeCreator.itemName}`, { hasText: 'Bcrumbs' })
				.first()
				.click();
			const panel = page.locator(SEL.nodeCreator.panel);
			await panel.getByText('Incoming Message', { exact: true }).waitFor();
			for (const action of [
				'Triggers (9)',
				'Message Updated (SMPP)',
				'New Conversation',
				'Any Event',
				'Actions (2)',
			])
				await panel.getByText(action).first().waitFor();
			await panel.getByText('Incoming Message', { exact: true }).click();
			await page.locator(SEL.ndv.panel).waitFor();
			await expect(page.locator(SEL.ndv.panel).innerText()).resolves.toContain('Bcrumbs Trigger');
		});
	});

	it('Bcrumbs Trigger panel: events, the setup notice with its label, production and test webhook URLs', async () => {
		const { page } = editor;
		await editor.check(
			'Bcrumbs Trigger panel',
			async () => {
				await editor.openWorkflow(bcrumbsWorkflowId);
				await expect(
					page.locator(SEL.canvas.node('Bcrumbs Trigger')).innerText(),
				).resolves.toContain('Incoming Message, Message Updated');
				await editor.openNode('Bcrumbs Trigger');
				const params = page.locator(SEL.ndv.parameters);
				await params.getByText('Incoming Message').first().waitFor();
				await params.getByText('Message Updated').first().waitFor();
				const text = await params.innerText();
				expect(text).toContain('labelled "n8n: [workflow name] / [node name]"');
				await page.locator(SEL.ndv.webhookUrlsToggle).click();
				await page.locator(SEL.ndv.productionUrlTab).click();
				await params
					.getByText(/\/webhook\/[0-9a-f-]{36}\/webhook/)
					.first()
					.waitFor();
			},
			'trigger-panel',
		);
		await editor.check('Bcrumbs Trigger panel: test URL', async () => {
			await page.locator(SEL.ndv.testUrlTab).click();
			await page
				.locator(SEL.ndv.parameters)
				.getByText(/\/webhook-test\/[0-9a-f-]{36}\/webhook/)
				.first()
				.waitFor();
			await editor.closeNode();
		});
	});

	it('each platform trigger at its defaults: the subtitle says what is checked, the panel what protects it and where refusals show', async () => {
		const { page } = editor;
		await editor.openWorkflow(triggersWorkflowId);
		for (const { name, authentication } of PLATFORM_TRIGGERS) {
			const checksUrlOnly = authentication.defaultVerification === 'none';
			await editor.check(`${name} panel`, async () => {
				const subtitle = await page.locator(SEL.canvas.node(name)).innerText();
				expect(subtitle).toContain(
					checksUrlOnly ? 'Checks: URL only' : `Checks: ${authentication.checks}`,
				);
				expect(subtitle).not.toMatch(/\bVerified\b/);
				await editor.openNode(name);
				const params = page.locator(SEL.ndv.parameters);
				await params.getByText('Verification', { exact: true }).waitFor();
				await params.getByText("Copy this node's Production URL").waitFor();
				await params.getByText('while you listen for a test event, its cause shows here').waitFor();
				if (checksUrlOnly) {
					await params.getByText(URL_ONLY_NOTICE.slice(0, 60)).waitFor();
					await params.getByText(authentication.optIn.slice(0, 40)).waitFor();
				} else expect(await params.innerText()).not.toContain(URL_ONLY_NOTICE.slice(0, 60));
				await editor.closeNode();
			});
		}
	});

	it('the page logged no error caused by the package', () => {
		expect(editor.packageErrors()).toEqual([]);
	});
});
