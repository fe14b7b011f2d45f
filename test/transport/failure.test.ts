import {
	describeGatewayFailure,
	GatewayUnreachableError,
} from '../../nodes/Bcrumbs/transport/failure';
import {
	ECHOED_KEY,
	filler,
	htmlPageEchoing,
	keyFragmentsIn,
	textBodyEchoing,
} from './support/errorPages';

describe('describeGatewayFailure', () => {
	it('redacts every secret the gateway echoes back (graphql-js repeats invalid inputs in full)', () => {
		const secret = 'a3f9'.repeat(16);
		const echo = {
			response: {
				status: 200,
				errors: [
					{
						message: `Variable "$input" got invalid value { headers: { x-bcrumbs-n8n-secret: "${secret}" } }; key bck_live_123456`,
					},
				],
			},
		};
		const failure = describeGatewayFailure('createWebhook (registering NEW_CONV)', echo, [
			'bck_live_123456',
			secret,
		]);
		expect(failure.message).toBe(
			'bcrumbs createWebhook (registering NEW_CONV) failed: Variable "$input" got invalid value { headers: { x-bcrumbs-n8n-secret: "[redacted]" } }; key [redacted]',
		);
		expect(JSON.stringify(failure)).not.toContain(secret);
	});

	it('names the operation and the remote code, and points at the credentials on FORBIDDEN', () => {
		const failure = describeGatewayFailure(
			'webhooks',
			{
				response: {
					status: 200,
					errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }],
				},
			},
			[],
		);
		expect(failure).toMatchObject({
			message: 'bcrumbs webhooks failed: Forbidden (FORBIDDEN)',
			httpCode: '403',
			remoteCode: 'FORBIDDEN',
		});
		expect(failure.description).toMatch(/API key and the workspace ID/);
	});

	it('says when nothing answered in time', () => {
		expect(
			describeGatewayFailure(
				'webhooks',
				new GatewayUnreachableError('timeout', 'no answer within 300 ms'),
				[],
			).message,
		).toBe('bcrumbs webhooks timed out: no answer within 300 ms');
	});
});

describe('describeGatewayFailure: an error page echoing the API key', () => {
	it('the pages themselves share no 4-character piece with the key (so any piece found below is a leak)', () => {
		expect(keyFragmentsIn(htmlPageEchoing('', 0) + filler(6000), ECHOED_KEY)).toEqual([]);
	});

	// every offset up to well after the 200-character excerpt: the key straddles the cut of the raw body and of its words
	const offsets = Array.from({ length: 241 }, (_, index) => index);

	it.each([
		['an HTML page', htmlPageEchoing],
		['a plain-text body', textBodyEchoing],
	])('%s with the key at any offset leaks no piece of it (HTTP 502)', (_kind, page) => {
		for (const offset of offsets) {
			const failure = describeGatewayFailure(
				'webhooks',
				{ response: { status: 502, body: page(ECHOED_KEY, offset) } },
				[ECHOED_KEY],
			);
			const shown = JSON.stringify(failure);
			expect({ offset, leaked: keyFragmentsIn(shown, ECHOED_KEY) }).toEqual({ offset, leaked: [] });
			expect(failure.message.length).toBeLessThan(300);
		}
	});

	it('shows an HTML page as a short excerpt of its words, not its markup', () => {
		const failure = describeGatewayFailure(
			'webhooks',
			{ response: { status: 502, body: htmlPageEchoing(ECHOED_KEY, 13) } },
			[ECHOED_KEY],
		);
		expect(failure.message).toMatch(
			/^bcrumbs webhooks failed with HTTP 502: 502 Bad Gateway The upstream authorization: \[redacted\] The upstream/,
		);
		expect(failure.message).not.toMatch(/<|font-family|reportError/);
		expect(failure.remoteMessage!.length).toBeLessThanOrEqual(201);
	});

	it('caps a 2xx answer that is not GraphQL JSON (graphql-request quotes the whole body in its error)', () => {
		const page = htmlPageEchoing(ECHOED_KEY, 150);
		expect(page.length).toBeGreaterThan(5000);
		const notGraphql = new Error(
			`Invalid execution result: result is not object or array. \nGot:\n${page}`,
		);
		const failure = describeGatewayFailure('webhooks', notGraphql, [ECHOED_KEY]);
		expect(failure.message).toMatch(
			/^bcrumbs webhooks failed: the gateway answered with something other than GraphQL JSON: 502 Bad Gateway/,
		);
		expect(failure.message.length).toBeLessThan(300);
		expect(keyFragmentsIn(JSON.stringify(failure), ECHOED_KEY)).toEqual([]);
	});

	it('bounds any other error text, after redacting it', () => {
		const failure = describeGatewayFailure(
			'webhooks',
			new Error(`${filler(420)}${ECHOED_KEY}${filler(5000)}`),
			[ECHOED_KEY],
		);
		expect(failure.message.length).toBeLessThan(600);
		expect(keyFragmentsIn(failure.message, ECHOED_KEY)).toEqual([]);
	});
});
