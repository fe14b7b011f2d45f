import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import { BikTrigger } from '../../nodes/Bik/BikTrigger.node';
import { MobtextingTrigger } from '../../nodes/Mobtexting/MobtextingTrigger.node';
import { OneRouteTrigger } from '../../nodes/OneRoute/OneRouteTrigger.node';
import { WakitTrigger } from '../../nodes/Wakit/WakitTrigger.node';
import { fixture, mobtextingHandshake } from '../platforms/helpers';
import { takeRefusalCauses } from '../../support/n8nLog';
import { TriggerHarness } from '../../support/triggerHarness';

const harnesses: TriggerHarness[] = [];
afterEach(async () => Promise.all(harnesses.splice(0).map((harness) => harness.close())));

async function trigger(
	nodeType: INodeType,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<TriggerHarness> {
	const harness = new TriggerHarness({
		nodeType,
		typeName: `n8n-nodes-bcrumbs.${nodeType.description.name}`,
		parameters: parameters as never,
		credentials,
	});
	harnesses.push(harness);
	await harness.listen();
	return harness;
}

/** A documented example of `platform`, sent with `Authorization: Bearer <token>`. */
const withBearer = (platform: string, name: string, token: string) => ({
	body: fixture(platform, name),
	headers: { authorization: `Bearer ${token}` },
});

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('OneRoute Trigger in n8n', () => {
	const secretKey = 'or_secret_4f1c2b9a7d';
	const credentials = { oneRouteWebhookApi: { secretKey } };
	const body = JSON.stringify(fixture('oneroute', 'new-message-text'));
	const sign = (text: string, key = secretKey) =>
		createHmac('sha512', key).update(text).digest('hex');

	it('accepts a delivery signed over its raw bytes and starts the workflow with the message', async () => {
		const harness = await trigger(
			new OneRouteTrigger(),
			{ verification: 'credentials', options: {} },
			credentials,
		);
		// spacing differs from JSON.stringify: only the raw bytes carry the right signature
		const raw = body.replace(/,"/g, ', "');
		const outcome = await harness.deliver({
			rawBody: raw,
			headers: { 'x-oneroute-signature': sign(raw) },
		});
		expect(outcome.status).toBe(200);
		expect(outcome.items).toEqual([
			expect.objectContaining({
				event: 'newMessage',
				valid: true,
				normalized: expect.objectContaining({
					platform: 'oneroute',
					kind: 'message.received',
					text: 'Hello World!',
					channel: 'whatsapp',
				}),
			}),
		]);
		expect(JSON.stringify(outcome.items)).not.toContain('"credentials":null');
	});

	const mismatch = 'the signature does not match the body';
	it.each([
		['no signature', {}, 'the signature header is missing'],
		[
			'a signature made with another key',
			{ 'x-oneroute-signature': sign(body, 'another-key') },
			mismatch,
		],
		[
			'a signature of another body',
			{ 'x-oneroute-signature': sign('{"event":"newMessage"}') },
			mismatch,
		],
	])('refuses %s with 401 and no execution, and logs why', async (_name, headers, cause) => {
		const harness = await trigger(
			new OneRouteTrigger(),
			{ verification: 'credentials', options: {} },
			credentials,
		);
		const outcome = await harness.deliver({ rawBody: body, headers });
		expect(outcome).toMatchObject({ status: 401, items: undefined });
		expect(harness.executions).toEqual([]);
		expect(takeRefusalCauses()).toEqual([cause]);
	});

	it('fails closed when verification is on but no credential is set', async () => {
		const harness = await trigger(
			new OneRouteTrigger(),
			{ verification: 'credentials', options: {} },
			{},
		);
		const outcome = await harness.deliver({
			rawBody: body,
			headers: { 'x-oneroute-signature': sign(body) },
		});
		expect(outcome.status).toBe(401);
		expect(takeRefusalCauses()).toEqual(['verification is on but no credential is set']);
	});

	it('accepts anything when verification is off', async () => {
		const harness = await trigger(new OneRouteTrigger(), { verification: 'none', options: {} }, {});
		const outcome = await harness.deliver({ rawBody: body });
		expect(outcome.items).toHaveLength(1);
	});
});

describe('BIK Trigger in n8n', () => {
	const credentials = { bikWebhookApi: { user: 'bik-hooks', password: 'p4ss-w0rd-bik' } };
	const parameters = { verification: 'credentials', events: [], categories: [], options: {} };
	const signedIn = { authorization: basic('bik-hooks', 'p4ss-w0rd-bik') };
	const batch = [
		fixture('bik', 'incoming-message')[0],
		fixture('bik', 'status-update-failed-crm')[0],
		fixture('bik', 'status-update-read-dev-api')[0],
	];

	it('turns a batched array into one item per element, with categories', async () => {
		const harness = await trigger(new BikTrigger(), parameters, credentials);
		const outcome = await harness.deliver({ body: batch, headers: signedIn });
		expect(
			outcome.items?.map((item) => [
				item.event,
				item.category,
				(item.normalized as IDataObject).kind,
			]),
		).toEqual([
			['incoming-message', null, 'message.received'],
			['message-status-update', 'CRM', 'message.status'],
			['message-status-update', 'Dev API', 'message.status'],
		]);
	});

	it('applies the category filter', async () => {
		const harness = await trigger(
			new BikTrigger(),
			{ ...parameters, events: ['message-status-update'], categories: ['CRM'] },
			credentials,
		);
		const outcome = await harness.deliver({ body: batch, headers: signedIn });
		expect(outcome.items?.map((item) => item.category)).toEqual(['CRM']);
	});

	const noBasic = 'the Authorization header has no Basic credentials';
	it.each([
		['no credentials', undefined, noBasic],
		['a wrong password', basic('bik-hooks', 'wrong'), 'the Basic credentials do not match'],
		['a wrong user', basic('someone', 'p4ss-w0rd-bik'), 'the Basic credentials do not match'],
		['a Bearer token', 'Bearer p4ss-w0rd-bik', noBasic],
	])('refuses %s with 401, and logs why', async (_name, authorization, cause) => {
		const harness = await trigger(new BikTrigger(), parameters, credentials);
		const outcome = await harness.deliver({
			body: batch,
			headers: authorization ? { authorization } : {},
		});
		expect(outcome.status).toBe(401);
		expect(harness.executions).toEqual([]);
		expect(takeRefusalCauses()).toEqual([cause]);
	});
});

describe('MOBtexting Trigger in n8n', () => {
	const credentials = { mobtextingWebhookApi: { secret: 'mt-secret-123456' } };
	const parameters = { verification: 'credentials', events: [], options: {} };

	it('answers the validation handshake without an execution', async () => {
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials);
		const outcome = await harness.deliver(mobtextingHandshake('vk-1', 'c-8812'));
		expect(outcome).toEqual({ status: 200, body: { challenge: 'c-8812' }, items: undefined });
		expect(harness.executions).toEqual([]);
	});

	it.each([
		[
			'accepts a wrapped WhatsApp message with the Bearer secret',
			'whatsapp-message-in-image',
			{
				event: 'whatsapp:message:in',
				normalized: {
					kind: 'message.received',
					channel: 'whatsapp',
					media: { type: 'image', url: 'https://domin-name.com/your_image_path.png' },
				},
			},
		],
		[
			'recognises a flat SMS delivery report',
			'sms-delivery-report',
			{
				event: 'sms:message:status',
				normalized: { kind: 'message.status', status: 'delivered', channel: 'sms' },
			},
		],
	])('%s', async (_title, example, item) => {
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials);
		const outcome = await harness.deliver(withBearer('mobtexting', example, 'mt-secret-123456'));
		expect(outcome.items?.[0]).toMatchObject(item);
	});

	it('refuses a wrong secret with 401', async () => {
		const harness = await trigger(new MobtextingTrigger(), parameters, credentials);
		const outcome = await harness.deliver(withBearer('mobtexting', 'sms-delivery-report', 'nope'));
		expect(outcome.status).toBe(401);
		expect(takeRefusalCauses()).toEqual(['the Bearer token does not match']);
	});
});

describe('wakit Trigger in n8n', () => {
	const credentials = { wakitWebhookApi: { token: 'wk-token-abcdef' } };

	it('accepts a row with the Bearer token; a partial update stays partial', async () => {
		const harness = await trigger(
			new WakitTrigger(),
			{ verification: 'credentials', entities: [], actions: [], directions: [], options: {} },
			credentials,
		);
		const outcome = await harness.deliver(
			withBearer('wakit', 'message-update-delivered-read', 'wk-token-abcdef'),
		);
		expect(outcome.items?.[0]).toMatchObject({
			event: 'messages/update',
			latestStatus: 'read',
			normalized: { kind: 'message.status', status: 'read', conversationId: null },
		});
	});

	it('applies the direction filter: 200, no execution', async () => {
		const harness = await trigger(
			new WakitTrigger(),
			{
				verification: 'credentials',
				entities: [],
				actions: [],
				directions: ['outgoing'],
				options: {},
			},
			credentials,
		);
		const outcome = await harness.deliver(
			withBearer('wakit', 'message-insert-incoming', 'wk-token-abcdef'),
		);
		expect(outcome).toMatchObject({
			status: 200,
			body: { received: true, started: false, skipped: 1 },
			items: undefined,
		});
	});

	it('refuses a missing token with 401', async () => {
		const harness = await trigger(
			new WakitTrigger(),
			{ verification: 'credentials', entities: [], actions: [], directions: [], options: {} },
			credentials,
		);
		const outcome = await harness.deliver({ body: fixture('wakit', 'conversation-insert') });
		expect(outcome.status).toBe(401);
		expect(takeRefusalCauses()).toEqual(['the Authorization header has no Bearer token']);
	});
});
