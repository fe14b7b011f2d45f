/**
 * 5. Activation cost: the bcrumbs API calls Bcrumbs Trigger makes (counted by the sandbox gateway) when a
 * workflow is activated, through n8n-core's HookContext exactly as n8n calls the hooks (checkExists, then
 * create when needed). A fresh sandbox per event count, so the first activation pays the introspection;
 * later scenarios on that gateway find it cached (5 minutes), and each scenario's name says which case it is.
 */
import { SMPP_EVENT } from '../nodes/Bcrumbs/core/webhookEvents';
import { POST_EVENTS, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';
import { TriggerHarness } from '../support/triggerHarness';

const { BcrumbsTrigger } =
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../nodes/Bcrumbs/BcrumbsTrigger.node.ts') as typeof import('../nodes/Bcrumbs/BcrumbsTrigger.node');

// the SMPP receipt last: the smaller counts register POST events only
const EVENTS = [...POST_EVENTS, SMPP_EVENT];

export type Scenario =
	| 'first activation'
	| 're-activation'
	| 'after restart (saved state)'
	| 'after lost state'
	| 'after lost state, documented gateway'
	| 'replacing unverifiable registrations, capabilities cached'
	| 'replacing unverifiable registrations, cold gateway';

export interface ActivationRow {
	events: number;
	scenario: Scenario;
	calls: number;
	/** calls by GraphQL root field, e.g. { webhooks: 1, createWebhook: 3 } */
	byOperation: Record<string, number>;
	perEvent: number;
	targetPerEvent: number;
	/** the target as a number of calls for N events, e.g. "N + 2 = 5" */
	target: string;
	met: boolean;
}

const OPERATIONS = ['webhooks', 'createWebhook', 'deleteWebhook', '__type', '__schema'];

/**
 * First time: at most 2 per event; after: at most 1 per event. Replacing N registrations it cannot verify:
 * at most N + 2 (one listing, one batched delete, N creates; the introspection is counted when not cached).
 */
function targetFor(scenario: Scenario, events: number): { calls: number; text: string } {
	if (scenario.startsWith('replacing')) return { calls: events + 2, text: `N + 2 = ${events + 2}` };
	if (scenario === 'first activation') return { calls: 2 * events, text: `2N = ${2 * events}` };
	return { calls: events, text: `N = ${events}` };
}

async function measure(
	sandbox: Sandbox,
	events: number,
	scenario: Scenario,
	action: () => Promise<void>,
): Promise<ActivationRow> {
	const before = sandbox.callCount();
	const beforeOps = OPERATIONS.map((op) => sandbox.callCount(op));
	await action();
	const calls = sandbox.callCount() - before;
	const byOperation = Object.fromEntries(
		OPERATIONS.map((op, k) => [op, sandbox.callCount(op) - beforeOps[k]]).filter(
			([, n]) => (n as number) > 0,
		),
	);
	const target = targetFor(scenario, events);
	return {
		events,
		scenario,
		calls,
		byOperation,
		perEvent: calls / events,
		targetPerEvent: target.calls / events,
		target: target.text,
		met: calls <= target.calls,
	};
}

/** Registrations for `url` without the node's secret header (another sender's, or made by hand). */
function seedStrangers(gateway: Sandbox, url: string, count: number): void {
	gateway.reset();
	for (const event of EVENTS.slice(0, count))
		gateway.addWebhook({
			workspaceId: 12,
			label: 'not ours',
			url,
			event: event as never,
			headers: null,
		});
}

/** After the scenarios the gateway holds exactly the node's own registrations: a bench bug otherwise. */
function expectOnlyOwn(gateway: Sandbox, count: number): void {
	const registered = gateway.webhooks().filter((webhook) => webhook.label !== 'not ours').length;
	if (registered !== count || gateway.webhooks().length !== count)
		throw new Error(
			`expected ${count} registrations after the scenarios, found ${gateway.webhooks().length}`,
		);
}

export async function runActivationCost(counts = [1, 3, EVENTS.length]): Promise<ActivationRow[]> {
	const rows: ActivationRow[] = [];
	for (const count of counts) {
		const sandbox = await startSandbox({ profile: 'extended' });
		const documented = await startSandbox({ profile: 'documented' });
		const cold = await startSandbox({ profile: 'extended' });
		const harnesses: TriggerHarness[] = [];
		const trigger = (staticData?: Record<string, unknown>, gateway: Sandbox = sandbox) => {
			const harness = new TriggerHarness({
				nodeType: new BcrumbsTrigger(),
				typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
				parameters: { events: EVENTS.slice(0, count), options: {} },
				credentials: {
					bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: gateway.url },
				},
				staticData: staticData as never,
			});
			harnesses.push(harness);
			return harness;
		};
		try {
			const first = trigger();
			rows.push(await measure(sandbox, count, 'first activation', () => first.activate()));
			rows.push(await measure(sandbox, count, 're-activation', () => first.activate()));
			const restarted = trigger(first.savedStaticData());
			rows.push(
				await measure(sandbox, count, 'after restart (saved state)', () => restarted.activate()),
			);
			// the same webhook URL, no static data: the node finds its secret in the registered headers the gateway returns
			rows.push(await measure(sandbox, count, 'after lost state', () => trigger().activate()));
			// the documented API (no headers listed, no delete): the node derives its secret again and finds its registrations by their label
			await trigger(undefined, documented).activate();
			rows.push(
				await measure(documented, count, 'after lost state, documented gateway', () =>
					trigger(undefined, documented).activate(),
				),
			);
			if (documented.webhooks().length !== count)
				throw new Error(
					`documented gateway: expected ${count} registrations, found ${documented.webhooks().length}`,
				);
			// no static data and registrations for its URL without its secret header (another sender's, or made by
			// hand): deleted in one batched request and registered again
			const url = first.webhookUrl();
			seedStrangers(sandbox, url, count);
			rows.push(
				await measure(
					sandbox,
					count,
					'replacing unverifiable registrations, capabilities cached',
					() => trigger().activate(),
				),
			);
			// a gateway this process has not asked yet: its introspection is part of the cost
			seedStrangers(cold, url, count);
			rows.push(
				await measure(cold, count, 'replacing unverifiable registrations, cold gateway', () =>
					trigger(undefined, cold).activate(),
				),
			);
			for (const gateway of [sandbox, cold]) expectOnlyOwn(gateway, count);
		} finally {
			await Promise.all(harnesses.map((harness) => harness.close()));
			await Promise.all([sandbox.close(), documented.close(), cold.close()]);
		}
	}
	return rows;
}
