// A headless Chromium (the system's, never a downloaded one) logged in to a harness n8n as its owner.
// Every check saves a screenshot; a failing check also keeps the page's console log, and prints both paths.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_OWNER } from '../harness';
import { repoRoot } from '../harness/proc';
import { SEL } from './selectors';

export const RESULTS_DIR = path.join(repoRoot, 'test-results', 'browser');
/** `npm run docs:screenshots` sets this: checks that make a README picture also write it there. */
export const DOCS_DIR_ENV = 'BCRUMBS_DOCS_IMAGES_DIR';

export function chromiumPath(): string {
	const candidates = [
		process.env.CHROMIUM_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
	].filter(Boolean) as string[];
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found)
		throw new Error(
			`No Chromium found (tried ${candidates.join(', ')}): apt-get install chromium, or set CHROMIUM_PATH`,
		);
	return found;
}

export interface ConsoleEntry {
	kind: 'console.error' | 'console.warning' | 'pageerror' | 'requestfailed' | 'blocked';
	text: string;
	url?: string;
}

export class EditorSession {
	readonly console: ConsoleEntry[] = [];
	private constructor(
		readonly browser: Browser,
		readonly context: BrowserContext,
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	/** Launches Chromium, blocks every request that would leave loopback, and signs in through the form. */
	static async open(baseUrl: string, suite: string): Promise<EditorSession> {
		fs.mkdirSync(RESULTS_DIR, { recursive: true });
		const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			deviceScaleFactor: 1,
		});
		const page = await context.newPage();
		// a loaded 2-core machine needs long waits: these are bounds, not expectations
		page.setDefaultTimeout(90_000);
		page.setDefaultNavigationTimeout(120_000);
		const s = new EditorSession(browser, context, page, baseUrl);
		await context.route(
			(u) => !['127.0.0.1', 'localhost'].includes(u.hostname),
			(route) => {
				s.console.push({
					kind: 'blocked',
					text: 'outbound request blocked',
					url: route.request().url(),
				});
				return route.abort('blockedbyclient');
			},
		);
		page.on('console', (m) => {
			if (m.type() === 'error' || m.type() === 'warning')
				s.console.push({
					kind: `console.${m.type()}` as ConsoleEntry['kind'],
					text: m.text(),
					url: m.location().url,
				});
		});
		page.on('pageerror', (e) =>
			s.console.push({ kind: 'pageerror', text: `${e.message}\n${e.stack ?? ''}` }),
		);
		page.on('requestfailed', (r) =>
			s.console.push({
				kind: 'requestfailed',
				text: r.failure()?.errorText ?? 'failed',
				url: r.url(),
			}),
		);
		page.on('response', (r) => {
			if (r.status() >= 400 && /n8n-nodes-bcrumbs/.test(r.url()))
				s.console.push({ kind: 'requestfailed', text: `HTTP ${r.status()}`, url: r.url() });
		});
		await s.check(`${suite}: sign in`, async () => {
			await page.goto(`${baseUrl}/signin`);
			await page.locator(SEL.signin.email).fill(DEFAULT_OWNER.email);
			await page.locator(SEL.signin.password).fill(DEFAULT_OWNER.password);
			await page.locator(SEL.signin.submit).click();
			await page.waitForURL((u) => !u.pathname.includes('signin'));
		});
		return s;
	}

	/** Runs one check; screenshot always, console log too when it fails (paths printed). */
	async check<T>(name: string, fn: () => Promise<T>, docsImage?: string): Promise<T> {
		const file = name
			.replace(/[^a-z0-9]+/gi, '-')
			.replace(/^-|-$/g, '')
			.toLowerCase();
		const t0 = Date.now();
		try {
			const result = await fn();
			await this.page.screenshot({ path: path.join(RESULTS_DIR, `${file}.png`) });
			const docsDir = process.env[DOCS_DIR_ENV];
			if (docsImage && docsDir)
				await this.page.screenshot({ path: path.join(docsDir, `${docsImage}.png`) });
			process.stdout.write(
				`  [browser] ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
			);
			return result;
		} catch (e) {
			const shot = path.join(RESULTS_DIR, `FAILED-${file}.png`);
			const log = path.join(RESULTS_DIR, `FAILED-${file}.console.log`);
			await this.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
			fs.writeFileSync(log, this.consoleText());
			process.stdout.write(
				`  [browser] FAIL ${name}\n    screenshot: ${shot}\n    console:    ${log}\n`,
			);
			throw e;
		}
	}

	consoleText(): string {
		return (
			this.console.map((c) => `[${c.kind}] ${c.text}${c.url ? ` (${c.url})` : ''}`).join('\n') +
			'\n'
		);
	}

	/**
	 * Console entries this package caused: anything naming it, its nodes or credentials. Blocked outbound
	 * requests are n8n's own (its node-details panel looks the installed package up on the npm registry).
	 */
	packageErrors(): ConsoleEntry[] {
		const ours = /n8n-nodes-bcrumbs|bcrumbs|oneroute|\bbik|mobtexting|wakit/i;
		return this.console.filter(
			(c) =>
				c.kind !== 'console.warning' &&
				c.kind !== 'blocked' &&
				!isBlockedEcho(c) &&
				ours.test(`${c.text} ${c.url ?? ''}`),
		);
	}

	async close(suite: string): Promise<void> {
		fs.writeFileSync(path.join(RESULTS_DIR, `${suite}.console.log`), this.consoleText());
		await this.browser.close();
	}

	// ---- small editor actions -------------------------------------------------

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.locator(SEL.canvas.anyNode).first().waitFor();
	}

	async openNode(name: string): Promise<void> {
		await this.page.locator(SEL.canvas.node(name)).dblclick();
		await this.page.locator(SEL.ndv.panel).waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.locator(SEL.ndv.close).click();
		await this.page.locator(SEL.ndv.panel).waitFor({ state: 'hidden' });
	}

	/** n8n opens the node creator by itself on an empty workflow (sometimes): open it only when it is not. */
	async openNodeCreator(): Promise<void> {
		const search = this.page.locator(SEL.nodeCreator.search);
		await this.page.locator(SEL.canvas.addFirstStep).waitFor();
		await this.page.waitForTimeout(1000);
		if (!(await search.isVisible())) await this.page.locator(SEL.canvas.addFirstStep).click();
		await search.waitFor();
	}

	/** Chooses n8n's theme, then loads `urlPath` in it (one page load). */
	async openInTheme(theme: 'light' | 'dark', urlPath: string): Promise<void> {
		await this.page.evaluate(
			([key, value]) => localStorage.setItem(key, value),
			[SEL.themeStorageKey, theme],
		);
		await this.page.goto(`${this.baseUrl}${urlPath}`);
	}
}

/** A blocked request shows up as a failed request and as a console line: both are n8n's outbound look-ups. */
function isBlockedEcho(c: ConsoleEntry): boolean {
	return (
		/ERR_BLOCKED_BY_CLIENT/.test(c.text) ||
		(!!c.url && !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(c.url))
	);
}
