// The "Test" button of each platform trigger's credential: every field the chosen form needs is filled in.
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeType,
} from 'n8n-workflow';

import { BikTrigger } from '../../nodes/Bik/BikTrigger.node';
import { MobtextingTrigger } from '../../nodes/Mobtexting/MobtextingTrigger.node';
import { OneRouteTrigger } from '../../nodes/OneRoute/OneRouteTrigger.node';
import { WakitTrigger } from '../../nodes/Wakit/WakitTrigger.node';

async function testCredential(node: INodeType, type: string, data: ICredentialDataDecryptedObject) {
	const credential = node.description.credentials?.[0];
	expect(credential).toMatchObject({ name: type, testedBy: 'webhookSecret' });
	const test = node.methods?.credentialTest?.webhookSecret;
	if (!test) throw new Error(`${node.description.name} has no webhookSecret credential test`);
	return await test.call({} as ICredentialTestFunctions, { id: '1', name: type, type, data });
}

const ok = { status: 'OK', message: 'Saved: deliveries will be checked against it' };

describe('platform credential tests', () => {
	it('BIK, authorization key form: the key is needed, the user and password are not', async () => {
		const bik = new BikTrigger();
		const keyForm = { authForm: 'authorizationKey', authKey: 'bik-key', user: '', password: '' };
		expect(await testCredential(bik, 'bikWebhookApi', keyForm)).toEqual(ok);
		expect(await testCredential(bik, 'bikWebhookApi', { ...keyForm, authKey: ' ' })).toEqual({
			status: 'Error',
			message: 'Fill in: authKey',
		});
	});

	it('BIK, user and password instead of a key: both are needed, the key is not', async () => {
		const bik = new BikTrigger();
		const pairForm = { authKey: '', user: 'hooks', password: 'p4ss' };
		expect(await testCredential(bik, 'bikWebhookApi', pairForm)).toEqual(ok);
		// a form saved when the credential had a chooser still tests the same
		expect(
			await testCredential(bik, 'bikWebhookApi', { ...pairForm, authForm: 'userPassword' }),
		).toEqual(ok);
		expect(await testCredential(bik, 'bikWebhookApi', { ...pairForm, password: '' })).toEqual({
			status: 'Error',
			message: 'Fill in: password',
		});
		// nothing filled in: the key, the form BIK's document describes, is asked for
		expect(
			await testCredential(bik, 'bikWebhookApi', { ...pairForm, user: '', password: '' }),
		).toEqual({ status: 'Error', message: 'Fill in: authKey' });
	});

	it('MOBtexting: the secret is needed, the validation token is optional', async () => {
		const node = new MobtextingTrigger();
		expect(
			await testCredential(node, 'mobtextingWebhookApi', { secret: 's', validationToken: '' }),
		).toEqual(ok);
		expect(
			await testCredential(node, 'mobtextingWebhookApi', { secret: '', validationToken: 'vk' }),
		).toEqual({ status: 'Error', message: 'Fill in: secret' });
	});

	it.each([
		['OneRoute', new OneRouteTrigger(), 'oneRouteWebhookApi', 'secretKey'],
		['wakit', new WakitTrigger(), 'wakitWebhookApi', 'token'],
	])('%s: its one secret is needed', async (_name, node, type, field) => {
		expect(await testCredential(node, type, { [field]: 'a-secret' })).toEqual(ok);
		expect(await testCredential(node, type, { [field]: '' })).toEqual({
			status: 'Error',
			message: `Fill in: ${field}`,
		});
	});
});
