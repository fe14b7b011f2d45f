// Refusals, handshakes, BIK key forms and time zones, through n8n-core's real webhook context.
import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import { VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import { BikTrigger } from '../../nodes/Bik/BikTrigger.node';
import { MobtextingTrigger } from '../../nodes/Mobtexting/MobtextingTrigger.node';
import { OneRouteTrigger } from '../../nodes/OneRoute/OneRouteTrigger.node';
import { WakitTrigger } from '../../nodes/Wakit/WakitTrigger.node';
import {
	RefusalWarnings,
	REFUSAL_WARNING_INTERVAL_MS,
} from '../../nodes/shared/trigger/refusalWarnings';
import { platformTriggerDescription } from '../../nodes/shared/trigger/platformTrigger';
import { exampleEvent } from '../../sandbox';
import { ALL_DESCRIPTORS } from '../../support/platforms';
import { fixture, mobtextingHandshake } from '../platforms/helpers';
import { takeLogged, takeRefusalCauses } from '../../support/n8nLog';
import { TriggerHarness } from '../../support/triggerHarness';

const harnesses: TriggerHarness[] = [];
afterEach(async () => Promise.all(harnesses.splice(0).map((harness) => harness.close())));

let workflowCount = 0;
async function trigger(
	nodeType: INodeType,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	timezone?: string,
): Promise<TriggerHarness> {
	// a workflow of its own per test: warnings are remembered per workflow and node
	workflowCount += 1;
	const harness = new TriggerHarness({
		nodeType,
		typeName: `n8n-nodes-bcrumbs.${nodeType.description.name}`,
		parameters: parameters as never,
		credentials,
		workflowId: `wf-refusals-${workflowCount}`,
		timezone,
	});
	harnesses.push(harness);
	await harness.listen();
	return harness;
}

describe('refused deliveries are visible in the log', () => {
	it('OneRoute without a signature: one warning per cause, naming what was missing and what to change', async () => {
		const secretKey = 'or-secret-key-for-refusals';
		const harness = await trigger(
			new OneRouteTrigger(),
			{ verification: 'credentials', options: {} },
			{ oneRouteWebhookApi: { secretKey } },
		);
		const body = JSON.stringify(fixture('oneroute', 'new-message-text'));
		for (let attempt = 0; attempt < 5; attempt += 1)
			expect((await harness.deliver({ rawBody: body })).status).toBe(401);
		expect(takeLogged('warn')).toHaveLength(1);
		const [message] = takeLogged('warn');
		expect(message).toContain('the signature header is missing');
		expect(message).toContain('secret key');
		expect(message).toContain('Verification to None');
		// another cause on the same node is its own warning, once
		for (let attempt = 0; attempt < 3; attempt += 1) {
			expect(
				(
					await harness.deliver({
						rawBody: body,
						headers: { 'x-oneroute-signature': 'ab'.repeat(64) },
					})
				).status,
			).toBe(401);
		}
		expect(takeLogged('warn')).toHaveLength(2);
		expect(takeLogged('warn')[1]).toContain('the signature does not match the body');
		expect(takeLogged('warn').join('\n')).not.toContain(secretKey);
		expect(harness.executions).toEqual([]);
	});

	it('wakit without its Bearer token: warned once, for each node separately', async () => {
		const parameters = {
			verification: 'credentials',
			entities: [],
			actions: [],
			directions: [],
			options: {},
		};
		const credentials = { wakitWebhookApi: { token: 'wk-token-refusals' } };
		const first = await trigger(new WakitTrigger(), parameters, credentials);
		const second = await trigger(new WakitTrigger(), parameters, credentials);
		for (const harness of [first, second, first, second])
			expect(
				(await harness.deliver({ body: fixture('wakit', 'conversation-insert') })).status,
			).toBe(401);
		expect(takeLogged('warn')).toHaveLength(2);
		expect(
			takeLogged('warn').every(
				(message) => message.includes('Bearer') && message.includes('token'),
			),
		).toBe(true);
	});

	it('warns again about the same cause only after the interval', () => {
		let now = 0;
		const limiter = new RefusalWarnings(() => now);
		expect(limiter.shouldWarn('node', 'cause')).toBe(true);
		now += REFUSAL_WARNING_INTERVAL_MS - 1;
		expect(limiter.shouldWarn('node', 'cause')).toBe(false);
		expect(limiter.shouldWarn('node', 'other cause')).toBe(true);
		expect(limiter.shouldWarn('other node', 'cause')).toBe(true);
		now += 1;
		expect(limiter.shouldWarn('node', 'cause')).toBe(true);
	});
});

describe('MOBtexting challenge with a validation key', () => {
	const credentials = {
		mobtextingWebhookApi: { secret: 'mt-secret-refusals', validationToken: 'vk-refusals-1' },
	};
	const parameters = { verification: 'credentials', events: [], options: {} };

	it('answers the challenge whose token matches', async () => {
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials);
		const outcome = await harness.deliver(mobtextingHandshake('vk-refusals-1', 'c-1'));
		expect(outcome).toEqual({ status: 200, body: { challenge: 'c-1' }, items: undefined });
	});

	it.each([
		['another token', { token: 'vk-guess' }],
		['no token', {}],
	])('refuses a challenge with %s: 401, nothing echoed, nothing started', async (_name, query) => {
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials);
		const outcome = await harness.deliver({
			query,
			body: { challenge: '<script>echo me</script>' },
		});
		expect(outcome.status).toBe(401);
		expect(JSON.stringify(outcome.body)).not.toContain('echo me');
		expect(harness.executions).toEqual([]);
		expect(takeLogged('warn')).toHaveLength(1);
		expect(takeLogged('warn')[0]).not.toContain('vk-refusals-1');
	});
});

describe('BIK authorization key credential in n8n', () => {
	const parameters = { verification: 'credentials', events: [], categories: [], options: {} };
	const body = fixture('bik', 'status-update-sent-crm');

	it.each([
		['the key as typed', 'Basic bik-portal-key-771'],
		['the key base64-encoded', `Basic ${Buffer.from('bik-portal-key-771').toString('base64')}`],
	])('accepts %s', async (_name, authorization) => {
		const harness = await trigger(new BikTrigger(), parameters, {
			bikWebhookApi: { authForm: 'authorizationKey', authKey: 'bik-portal-key-771' },
		});
		const outcome = await harness.deliver({ body, headers: { authorization } });
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
	});

	it('refuses base64("user:") against a user with an empty password', async () => {
		const harness = await trigger(new BikTrigger(), parameters, {
			bikWebhookApi: { authForm: 'userPassword', user: 'bik-webhooks', password: '' },
		});
		const outcome = await harness.deliver({
			body,
			headers: { authorization: `Basic ${Buffer.from('bik-webhooks:').toString('base64')}` },
		});
		expect(outcome.status).toBe(401);
		expect(takeRefusalCauses()).toEqual(['the Basic auth user or password is empty']);
	});
});

describe("zone-less times in the workflow's time zone", () => {
	const credentials = { mobtextingWebhookApi: { secret: 'mt-secret-tz' } };
	const deliver = async (harness: TriggerHarness) =>
		(
			await harness.deliver({
				body: fixture('mobtexting', 'sms-delivery-report'),
				headers: { authorization: 'Bearer mt-secret-tz' },
			})
		).items?.[0];

	it('reads deliv_time in the workflow time zone and keeps the string as sent', async () => {
		const harness = await trigger(
			new MobtextingTrigger(),
			{ verification: 'credentials', events: [], options: {} },
			credentials,
			'Asia/Kolkata',
		);
		const item = await deliver(harness);
		expect(item).toMatchObject({
			deliv_time: '2021-04-09 16:27:51',
			normalized: { timestamp: '2021-04-09T10:57:51.000Z' },
		});
	});

	it("reads it in the node's own zone when the option names one", async () => {
		const parameters = {
			verification: 'credentials',
			events: [],
			options: { naiveTimeZone: 'America/New_York' },
		};
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials, 'Asia/Kolkata');
		expect(await deliver(harness)).toMatchObject({
			normalized: { timestamp: '2021-04-09T20:27:51.000Z' },
		});
	});

	it('BIK: a createdAt without a zone follows the workflow too', async () => {
		const body = fixture('bik', 'incoming-message');
		body[0].eventInfo.createdAt = '2024-07-26 07:27:07';
		const harness = await trigger(
			new BikTrigger(),
			{ verification: 'none', events: [], categories: [], options: {} },
			{},
			'Europe/Berlin',
		);
		const outcome = await harness.deliver({ body });
		expect(outcome.items?.[0]).toMatchObject({
			normalized: { timestamp: '2024-07-26T05:27:07.000Z' },
		});
	});

	it("bcrumbs: its receive path reads them in the workflow's zone, then in the node's", async () => {
		const secret = 'bc-secret-tz';
		const deliverTo = async (options: IDataObject) => {
			workflowCount += 1;
			const harness = new TriggerHarness({
				nodeType: new BcrumbsTrigger(),
				typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
				parameters: { events: ['ANY_EVENT'], options } as never,
				workflowId: `wf-refusals-${workflowCount}`,
				timezone: 'Asia/Kolkata',
				// the secret an activation would have registered (the node is named Bcrumbs Trigger)
				staticData: {
					'node:Bcrumbs Trigger': {
						endpoints: { production: { url: '', secret, registrations: [] } },
					},
				},
			});
			harnesses.push(harness);
			await harness.listen();
			const outcome = await harness.deliver({
				body: { ...exampleEvent('INCOMING_MESSAGE'), createdAt: '2025-01-04 15:35:46' },
				headers: { [VERIFICATION_HEADER]: secret },
			});
			return outcome.items?.[0];
		};
		expect(await deliverTo({})).toMatchObject({
			createdAt: '2025-01-04T10:05:46.000Z',
			createdAtOriginal: '2025-01-04 15:35:46',
			normalized: { timestamp: '2025-01-04T10:05:46.000Z' },
		});
		expect(await deliverTo({ naiveTimeZone: 'UTC' })).toMatchObject({
			normalized: { timestamp: '2025-01-04T15:35:46.000Z' },
		});
	});
});

describe('descriptors carry the refusal hint and every trigger the time zone option', () => {
	it.each(ALL_DESCRIPTORS.map((descriptor) => [descriptor.platform, descriptor] as const))(
		'%s',
		(_platform, descriptor) => {
			// the warning must say what to change, not only that something failed
			expect(descriptor.refusalHint.length).toBeGreaterThan(40);
			// bcrumbs' node is written out (it registers itself); the others are built from the descriptor
			const description =
				descriptor.platform === 'bcrumbs'
					? new BcrumbsTrigger().description
					: platformTriggerDescription(descriptor);
			const options = description.properties.find((property) => property.name === 'options');
			// saved workflows carry the option's first name, naiveTimeZone
			expect(options?.options).toContainEqual(
				expect.objectContaining({
					name: 'naiveTimeZone',
					displayName: 'Time Zone of Zone-Less Times',
				}),
			);
		},
	);
});
