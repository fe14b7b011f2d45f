/**
 * 4. Cold load: each built node file required in a fresh `node` process (median of several processes),
 * after n8n-workflow as n8n would have it loaded; the baseline is a fresh process requiring only
 * n8n-workflow. For triggers, the first webhook() call on a valid delivery is timed in the same process,
 * and the module cache is checked for the GraphQL client, which the webhook path must not load.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { repoRoot } from '../e2e/harness/proc';
import { ALL_DESCRIPTORS } from '../support/platforms';
import { allDeliveries, decode, SECRETS, type Platform } from './platformDeliveries';
import { builtNodeFiles } from './packageBuild';
import { median } from './timing';

/** Node class name (BikTrigger) -> platform, from each descriptor's node name (bikTrigger) */
const PLATFORM_OF: Record<string, Platform> = Object.fromEntries(
	ALL_DESCRIPTORS.map((descriptor) => [
		descriptor.node.name[0].toUpperCase() + descriptor.node.name.slice(1),
		descriptor.platform,
	]),
);

// bcrumbs' secret is the one it registered (static data below), not a credential
const CREDENTIALS: Record<Platform, Record<string, unknown>> = { ...SECRETS, bcrumbs: {} };

interface ProbeOutput {
	workflowMs: number;
	workflowModules: number;
	nodeMs?: number;
	nodeModules?: number;
	nodePackages?: Record<string, number>;
	graphqlAfterLoad?: boolean;
	totalModules: number;
	webhook?: {
		firstCallMs: number;
		started: boolean;
		modulesLoaded: number;
		graphqlAfterCall: boolean;
	};
}

export interface ColdLoadRow {
	file: string;
	/** fresh process: n8n-workflow + the node file */
	totalMs: number;
	/** the node file alone, on top of n8n-workflow */
	ownMs: number;
	/** require.cache entries in the fresh process / added by the node file */
	modules: number;
	ownModules: number;
	/** where the node file's own modules come from, e.g. { zod: 98, '(own)': 12 } */
	ownPackages: Record<string, number>;
	graphqlLoaded: boolean;
	firstWebhookMs?: number;
	webhookStarted?: boolean;
	graphqlAfterWebhook?: boolean;
}

export interface ColdLoadResult {
	baseline: { file: string; ms: number; modules: number };
	rows: ColdLoadRow[];
	/** No trigger's load or webhook path loaded graphql/graphql-request */
	triggersFreeOfGraphql: boolean;
	runs: number;
}

function probe(input: Record<string, unknown>): ProbeOutput {
	const output = execFileSync(
		process.execPath,
		[join(__dirname, 'coldLoadProbe.js'), JSON.stringify(input)],
		{ cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
	);
	return JSON.parse(output.trim().split('\n').pop() as string) as ProbeOutput;
}

function webhookInput(nodeName: string): Record<string, unknown> {
	const platform = PLATFORM_OF[nodeName];
	if (!platform) return {};
	const wire = allDeliveries().find((d) => d.platform === platform && d.method === 'POST')!;
	const { rawBody, ...delivery } = decode(wire);
	void rawBody;
	const staticData = {
		endpoints: {
			production: {
				url: 'http://localhost:5678/webhook/x/webhook',
				secret: SECRETS.bcrumbs.secret,
				registrations: [],
			},
		},
	};
	const parameters =
		platform === 'bcrumbs' ? { events: ['ANY_EVENT'], options: {} } : { options: {} };
	return {
		delivery,
		rawBodyText: wire.bodyText,
		parameters,
		credentials: CREDENTIALS[platform],
		staticData,
	};
}

export function runColdLoad(runs = 5): ColdLoadResult {
	const workflowPath = require.resolve('n8n-workflow', { paths: [repoRoot] });
	const baselineRuns = Array.from({ length: runs }, () => probe({ workflowPath }));
	const baseline = {
		file: 'n8n-workflow',
		ms: median(baselineRuns.map((r) => r.workflowMs)),
		modules: baselineRuns[0].workflowModules,
	};
	const files = builtNodeFiles();
	const inputs = files.map((file) => ({
		workflowPath,
		file: join(repoRoot, file),
		...webhookInput(
			file
				.split(/[\\/]/)
				.pop()!
				.replace(/\.node\.js$/, ''),
		),
	}));
	// round-robin over the files: a noisy moment on the machine hits every file once, not one file five times
	const outputs: ProbeOutput[][] = files.map(() => []);
	for (let run = 0; run < runs; run++) inputs.forEach((input, k) => outputs[k].push(probe(input)));
	const rows: ColdLoadRow[] = files.map((file, k) => {
		const results = outputs[k];
		const first = results[0];
		return {
			file,
			totalMs: median(results.map((r) => r.workflowMs + (r.nodeMs ?? 0))),
			ownMs: median(results.map((r) => r.nodeMs ?? 0)),
			modules: first.workflowModules + (first.nodeModules ?? 0),
			ownModules: first.nodeModules ?? 0,
			ownPackages: first.nodePackages ?? {},
			graphqlLoaded: results.some((r) => r.graphqlAfterLoad === true),
			...(first.webhook
				? {
						firstWebhookMs: median(results.map((r) => r.webhook!.firstCallMs)),
						webhookStarted: results.every((r) => r.webhook!.started),
						graphqlAfterWebhook: results.some((r) => r.webhook!.graphqlAfterCall),
					}
				: {}),
		};
	});
	const triggers = rows.filter((row) => row.firstWebhookMs !== undefined);
	return {
		baseline,
		rows,
		triggersFreeOfGraphql: triggers.every((row) => !row.graphqlLoaded && !row.graphqlAfterWebhook),
		runs,
	};
}
