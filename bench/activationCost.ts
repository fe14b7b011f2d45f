/**
 * 5. Activation cost: the bcrumbs API calls Bcrumbs Trigger makes (counted by the sandbox gateway) when a
 * workflow is activated, through n8n-core's HookContext exactly as n8n calls the hooks (checkExists, then
 * create when needed). A fresh sandbox per event count: its new URL also starts the node's per-gateway
 * introspection cache cold, so every figure is a worst case.
 */
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';
import { TriggerHarness } from '../test/helpers/triggerHarness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BcrumbsTrigger } = require('../nodes/Bcrumbs/BcrumbsTrigger.node.ts') as typeof import('../nodes/Bcrumbs/BcrumbsTrigger.node');

const EVENTS = ['INCOMING_MESSAGE', 'OUTGOING_MESSAGE', 'MESSAGE_UPDATED', 'NEW_CONV', 'ENDING_CONV', 'NEW_CLIENT', 'CLIENT_UPDATED', 'MESSAGE_UPDATED_SMPP'];

export type Scenario = 'first activation' | 're-activation' | 'after restart (saved state)' | 'after lost state' | 'unverifiable registrations';

export interface ActivationRow {
	events: number;
	scenario: Scenario;
	calls: number;
	/** calls by GraphQL root field, e.g. { webhooks: 1, createWebhook: 3 } */
	byOperation: Record<string, number>;
	perEvent: number;
	targetPerEvent: number;
	met: boolean;
}

const OPERATIONS = ['webhooks', 'createWebhook', 'deleteWebhook', '__type', '__schema'];

/** First time: at most 2 per event; after: at most 1. Replacing registrations it cannot verify is a first time again. */
function targetFor(scenario: Scenario): number {
	return scenario === 'first activation' || scenario === 'unverifiable registrations' ? 2 : 1;
}

async function measure(sandbox: Sandbox, events: number, scenario: Scenario, action: () => Promise<void>): Promise<ActivationRow> {
	const before = sandbox.callCount();
	const beforeOps = OPERATIONS.map((op) => sandbox.callCount(op));
	await action();
	const calls = sandbox.callCount() - before;
	const byOperation = Object.fromEntries(OPERATIONS.map((op, k) => [op, sandbox.callCount(op) - beforeOps[k]]).filter(([, n]) => (n as number) > 0));
	const perEvent = calls / events;
	const targetPerEvent = targetFor(scenario);
	return { events, scenario, calls, byOperation, perEvent, targetPerEvent, met: perEvent <= targetPerEvent };
}

export async function runActivationCost(counts = [1, 3, 8]): Promise<ActivationRow[]> {
	const rows: ActivationRow[] = [];
	for (const count of counts) {
		const sandbox = await startSandbox();
		const harnesses: TriggerHarness[] = [];
		const trigger = (staticData?: Record<string, unknown>) => {
			const harness = new TriggerHarness({
				nodeType: new BcrumbsTrigger(),
				typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
				parameters: { events: EVENTS.slice(0, count), options: {} },
				credentials: { bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: sandbox.url } },
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
			rows.push(await measure(sandbox, count, 'after restart (saved state)', () => restarted.activate()));
			// the same webhook URL, no static data: the node finds its secret in the registered headers the gateway returns
			rows.push(await measure(sandbox, count, 'after lost state', () => trigger().activate()));
			// no static data and registrations for its URL without its secret header (a gateway that hides headers,
			// or another sender's registrations): each must be deleted and registered again
			const url = first.webhookUrl();
			sandbox.reset();
			for (const event of EVENTS.slice(0, count)) sandbox.addWebhook({ workspaceId: 12, label: 'not ours', url, event: event as never, headers: null });
			rows.push(await measure(sandbox, count, 'unverifiable registrations', () => trigger().activate()));
			const registered = sandbox.webhooks().filter((webhook) => webhook.label !== 'not ours').length;
			if (registered !== count || sandbox.webhooks().length !== count) throw new Error(`expected ${count} registrations after the scenarios, found ${sandbox.webhooks().length}`);
		} finally {
			await Promise.all(harnesses.map((harness) => harness.close()));
			await sandbox.close();
		}
	}
	return rows;
}
