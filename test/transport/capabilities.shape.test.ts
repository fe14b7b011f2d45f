/**
 * Issue #21, item 4: deleteWebhook is used only where it takes what the node sends, and an introspection
 * answered with an error other than "introspection is disabled" is "could not check", never cached.
 * Real gateways over HTTP (the sandbox, and the sandbox's schema with deleteWebhook reshaped), the real
 * transport and n8n's hook contexts.
 */
import { NodeApiError } from 'n8n-workflow';

import { CAPABILITIES_ANSWER } from '../../nodes/Bcrumbs/transport/answers';
import { capabilitiesFrom, refusesIntrospection } from '../../nodes/Bcrumbs/transport/capabilities';
import {
	GATEWAY_CAPABILITIES,
	type GatewayCapabilitiesResult,
} from '../../nodes/Bcrumbs/transport/documents';
import { SANDBOX_API_KEY, startSandbox } from '../../sandbox';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';
import { workflowNode } from '../helpers/workflowNode';
import { takeLogged } from '../../support/n8nLog';
import type { TriggerHarness } from '../../support/triggerHarness';
import { startShapedGateway, type DeleteShape, type ShapedGateway } from './support/shapedGateway';

const gateways: Array<{ close(): Promise<void> }> = [];
const harnesses: TriggerHarness[] = [];
afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
	await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

/** A fresh gateway per test: the node caches what a gateway offers, and logs a mismatch once, per gateway URL. */
async function shapedGateway(shape: DeleteShape): Promise<ShapedGateway> {
	const gateway = await startShapedGateway(shape);
	gateways.push(gateway);
	return gateway;
}

function trigger(
	gateway: { url: string },
	events = ['INCOMING_MESSAGE'],
	webhookId?: string,
): TriggerHarness {
	const harness = bcrumbsTrigger(gateway, { events, webhookId });
	harnesses.push(harness);
	return harness;
}

const production = (harness: TriggerHarness) =>
	(harness.staticData.endpoints as Record<string, unknown>).production as {
		registrations: Array<{ id: string }>;
		deleteUnsupported?: boolean;
	};

/** The node's introspection document as the gateway answers it, read through the transport's answer shape. */
async function introspect(url: string): Promise<GatewayCapabilitiesResult> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: SANDBOX_API_KEY },
		body: JSON.stringify({ query: GATEWAY_CAPABILITIES }),
	});
	const body = (await response.json()) as { data: unknown };
	return CAPABILITIES_ANSWER.parse(body.data) as GatewayCapabilitiesResult;
}

/** Lets the cached capabilities expire, as six minutes later would. */
function sixMinutesLater(): jest.SpyInstance {
	const now = Date.now();
	return jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
}

const MISMATCH_LOGGED =
	/^bcrumbs: http:\/\/127\.0\.0\.1:\d+\/core\/gq: deleteWebhook's arguments are not what this node sends \((.*)\); it is not used, so registrations are left in bcrumbs on deactivation$/;

describe("deleteWebhook's shape, as introspection shows it", () => {
	it('the sandbox: deleteWebhook(input: WebhookDeleteInput!) with workspaceId and id is used', async () => {
		const sandbox = await startSandbox({ profile: 'extended' });
		gateways.push(sandbox);
		const answer = await introspect(sandbox.url);
		// the node asks for deleteWebhook's arguments and the input's fields, not only the name
		const deleteWebhook = answer.mutationType?.fields?.find(
			(field) => field.name === 'deleteWebhook',
		);
		expect(deleteWebhook?.args).toEqual([
			{
				name: 'input',
				defaultValue: null,
				type: {
					kind: 'NON_NULL',
					name: null,
					ofType: { kind: 'INPUT_OBJECT', name: 'WebhookDeleteInput', ofType: null },
				},
			},
		]);
		expect(answer.deleteInputType?.inputFields?.map((field) => field.name)).toEqual([
			'workspaceId',
			'id',
		]);
		expect(capabilitiesFrom(answer)).toEqual({ canDelete: true, listedHeaders: true });
	});

	it.each<[DeleteShape, string[], string | undefined]>([
		['asSent', ['workspaceId', 'id'], undefined],
		['extraOptional', ['workspaceId', 'id', 'reason'], undefined],
		['byId', [], 'deleteWebhook takes (id: ID!), not (input: WebhookDeleteInput!)'],
		[
			'extraRequired',
			['workspaceId', 'id', 'reason'],
			'WebhookDeleteInput also requires reason, which the node does not send',
		],
		[
			'workspaceAsString',
			['workspaceId', 'id'],
			'WebhookDeleteInput.workspaceId is String!, not Int',
		],
	])(
		'%s: input fields %j; mismatch %p; deactivation deletes only where it matches',
		async (shape, inputFields, mismatch) => {
			const gateway = await shapedGateway(shape);
			const answer = await introspect(gateway.url);
			expect(answer.deleteInputType?.inputFields?.map((field) => field.name) ?? []).toEqual(
				inputFields,
			);
			expect(capabilitiesFrom(answer)).toEqual({
				canDelete: mismatch === undefined,
				listedHeaders: true,
				...(mismatch === undefined ? {} : { deleteMismatch: mismatch }),
			});
			// the node, activated and deactivated: the combined request carries the shape too
			const harness = trigger(gateway);
			await harness.activate();
			await harness.deactivate();
			expect(gateway.callCount('__type')).toBe(2);
			expect(gateway.callCount('deleteWebhook')).toBe(mismatch === undefined ? 1 : 0);
			expect(gateway.webhooks()).toHaveLength(mismatch === undefined ? 0 : 1);
			expect(takeLogged('warn').map((message) => MISMATCH_LOGGED.exec(message)?.[1])).toEqual(
				mismatch === undefined ? [] : [mismatch],
			);
		},
	);

	it('deleteWebhook(id: ID!): not used, said once across activations (also after the cache expires), registrations stay', async () => {
		const gateway = await shapedGateway('byId');
		const harness = trigger(gateway);
		await harness.activate();
		await harness.deactivate();
		const later = sixMinutesLater();
		try {
			// a second node on the same gateway, after the capabilities expired: asked again, not said again
			await trigger(gateway, ['NEW_CONV'], '0c7a4f2e-5b1d-4e3a-8f60-2d9b7c1e4a55').activate();
			await harness.activate();
			await harness.deactivate();
		} finally {
			later.mockRestore();
		}
		expect(gateway.callCount('__type')).toBe(2);
		expect(takeLogged('warn')).toEqual([expect.stringMatching(MISMATCH_LOGGED)]);
		expect(MISMATCH_LOGGED.exec(takeLogged('warn')[0])?.[1]).toBe(
			'deleteWebhook takes (id: ID!), not (input: WebhookDeleteInput!)',
		);
		expect(gateway.callCount('deleteWebhook')).toBe(0);
		expect(
			gateway
				.webhooks()
				.map((webhook) => webhook.event)
				.sort(),
		).toEqual(['INCOMING_MESSAGE', 'NEW_CONV']);
		expect(production(harness)).toMatchObject({ deleteUnsupported: true });
		expect(production(harness).registrations).toHaveLength(1);
	});

	it('an input with an extra required field: not used, said once, the registration stays', async () => {
		const gateway = await shapedGateway('extraRequired');
		const harness = trigger(gateway);
		await harness.activate();
		await harness.deactivate();
		await harness.activate();
		await harness.deactivate();
		expect(takeLogged('warn')).toEqual([
			expect.stringMatching(
				/deleteWebhook's arguments are not what this node sends \(WebhookDeleteInput also requires reason, which the node does not send\); it is not used, so registrations are left in bcrumbs on deactivation$/,
			),
		]);
		expect(gateway.callCount('deleteWebhook')).toBe(0);
		expect(gateway.webhooks()).toHaveLength(1);
		expect(production(harness).deleteUnsupported).toBe(true);
	});
});

describe('an introspection answered with a GraphQL error', () => {
	it.each([
		['rateLimited', /failed: Too many requests \(RATE_LIMITED\)$/],
		['internalError', /failed: Unexpected error \(INTERNAL_SERVER_ERROR\)$/],
	] as const)(
		'HTTP 200 %s: "could not check", not cached (deactivation asks again, and deletes once answered)',
		async (answer, logged) => {
			const gateway = await shapedGateway('asSent');
			gateway.introspection = answer;
			const harness = trigger(gateway);
			await harness.activate();
			// the combined request, then asked separately, once more
			expect(gateway.callCount('__type')).toBe(3);
			expect(gateway.webhooks()).toHaveLength(1);
			await harness.deactivate();
			expect(gateway.callCount('__type')).toBe(5);
			expect(gateway.webhooks()).toHaveLength(1);
			expect(production(harness).deleteUnsupported).toBeUndefined();
			expect(takeLogged('warn')).toEqual([
				expect.stringMatching(
					/^bcrumbs: could not check what the gateway offers \(deleteWebhook, headers on listed webhooks\); asking again next time: bcrumbs introspection \(what does the gateway offer\?\) failed: /,
				),
				expect.stringMatching(/^bcrumbs: could not check what the gateway offers .*/),
				expect.stringMatching(/could not check whether this bcrumbs gateway deletes webhooks/),
			]);
			expect(takeLogged('warn')[0]).toMatch(logged);
			expect(takeLogged('info').join('\n')).not.toMatch(/cannot delete/);
			gateway.introspection = 'answered';
			await harness.deactivate();
			expect(gateway.callCount('__type')).toBe(6);
			expect(gateway.webhooks()).toEqual([]);
			expect(harness.staticData.endpoints).toEqual({});
		},
	);

	it.each([
		{ answer: 'disabled', status: 'HTTP 400' },
		{ answer: 'disabledAs200', status: 'HTTP 200' },
	] as const)(
		'introspection disabled (graphql-js rule, $status): the documented API, cached, asked once',
		async ({ answer }) => {
			const gateway = await shapedGateway('asSent');
			gateway.introspection = answer;
			const harness = trigger(gateway);
			await harness.activate();
			await harness.deactivate();
			await harness.activate();
			// the combined request's refusal is the answer: not asked again separately, nor on deactivation
			expect(gateway.callCount('__type')).toBe(1);
			expect(gateway.callCount('deleteWebhook')).toBe(0);
			expect(gateway.webhooks()).toHaveLength(1);
			expect(production(harness).deleteUnsupported).toBe(true);
			expect(takeLogged('info').join('\n')).toMatch(/this bcrumbs gateway cannot delete webhooks/);
		},
	);
});

describe('refusesIntrospection: which answers mean "introspection is disabled"', () => {
	const node = workflowNode('n1', 'Bcrumbs Trigger', 'n8n-nodes-bcrumbs.bcrumbsTrigger');
	const answered = (httpCode: string, message: string, code: string | null = null) =>
		new NodeApiError(
			node,
			{ message, code },
			{ message: `bcrumbs introspection failed: ${message}`, httpCode },
		);

	it("says introspection is disabled: graphql-js (HTTP 400), Apollo (HTTP 200); an empty HTTP 400 (the transport's own words) does not", () => {
		const graphqlJs = answered(
			'400',
			'GraphQL introspection has been disabled, but the requested query contained the field "__type".',
			'GRAPHQL_VALIDATION_FAILED',
		);
		const apollo = answered(
			'200',
			'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type.',
			'GRAPHQL_VALIDATION_FAILED',
		);
		const empty400 = answered(
			'400',
			'bcrumbs introspection (what does the gateway offer?) failed with HTTP 400',
		);
		expect([graphqlJs, apollo, empty400].map(refusesIntrospection)).toEqual([true, true, false]);
	});

	it('any other error does not: a rate limit (even one naming introspection), an internal error, FORBIDDEN', () => {
		const errors = [
			answered('200', 'Too many requests', 'RATE_LIMITED'),
			answered('200', 'Introspection rate limit exceeded'),
			answered('200', 'Unexpected error', 'INTERNAL_SERVER_ERROR'),
			answered('403', 'Forbidden: invalid API key or workspace', 'FORBIDDEN'),
		];
		expect(errors.map(refusesIntrospection)).toEqual([false, false, false, false]);
	});
});
