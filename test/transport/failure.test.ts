import { describeGatewayFailure, GatewayUnreachableError } from '../../nodes/Bcrumbs/transport/failure';

describe('describeGatewayFailure', () => {
	it('redacts every secret the gateway echoes back (graphql-js repeats invalid inputs in full)', () => {
		const secret = 'a3f9'.repeat(16);
		const echo = { response: { status: 200, errors: [{ message: `Variable "$input" got invalid value { headers: { x-bcrumbs-n8n-secret: "${secret}" } }; key bck_live_123456` }] } };
		const failure = describeGatewayFailure('createWebhook (registering NEW_CONV)', echo, ['bck_live_123456', secret]);
		expect(failure.message).toBe('bcrumbs createWebhook (registering NEW_CONV) failed: Variable "$input" got invalid value { headers: { x-bcrumbs-n8n-secret: "[redacted]" } }; key [redacted]');
		expect(JSON.stringify(failure)).not.toContain(secret);
	});

	it('names the operation and the remote code, and points at the credentials on FORBIDDEN', () => {
		const failure = describeGatewayFailure('webhooks', { response: { status: 200, errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] } }, []);
		expect(failure).toMatchObject({ message: 'bcrumbs webhooks failed: Forbidden (FORBIDDEN)', httpCode: '403', remoteCode: 'FORBIDDEN' });
		expect(failure.description).toMatch(/API key and the workspace ID/);
	});

	it('says when nothing answered in time', () => {
		expect(describeGatewayFailure('webhooks', new GatewayUnreachableError('timeout', 'no answer within 300 ms'), []).message).toBe(
			'bcrumbs webhooks timed out: no answer within 300 ms',
		);
	});
});
