/** Issue #22, item 3: every form a secret can take in an echo is redacted; short values as whole tokens. */
import { describeGatewayFailure } from '../../nodes/Bcrumbs/transport/failure';
import { redactSecrets, secretForms } from '../../nodes/Bcrumbs/transport/redact';

describe('secretForms', () => {
	it('lists the key as saved, trimmed, URL-encoded, JSON-escaped and HTML-escaped', () => {
		const forms = secretForms('bck_a+b/c"d&e \t');
		expect(forms).toEqual(
			expect.arrayContaining([
				'bck_a+b/c"d&e \t',
				'bck_a+b/c"d&e',
				'bck_a%2Bb%2Fc%22d%26e',
				'bck_a%2bb%2fc%22d%26e',
				'bck_a%2Bb%2Fc%22d%26e+%09',
				'bck_a+b/c\\"d&e',
				'bck_a+b\\/c\\"d&e',
				'bck_a+b/c&quot;d&amp;e',
				'bck_a+b/c\\"d&e \\t',
			]),
		);
	});

	it('has nothing to look for in a value that is only white space', () => {
		expect(secretForms(' \t ')).toEqual([]);
		expect(redactSecrets('a b\tc', [' ', '\t', ''])).toBe('a b\tc');
	});
});

describe('redactSecrets', () => {
	it.each([
		['as the gateway received it (trimmed)', 'key bck_live_123456+/ refused'],
		['URL-encoded', 'https://gw.example.com/?key=bck_live_123456%2B%2F'],
		['URL-encoded with lower-case hex', 'https://gw.example.com/?key=bck_live_123456%2b%2f'],
		['JSON-escaped, as saved', '{"key":"bck_live_123456+/\\t"}'],
		['JSON-escaped with \\/', '{"key":"bck_live_123456+\\/"}'],
	])('removes a key saved with white space and echoed %s', (_form, echo) => {
		const redacted = redactSecrets(echo, ['bck_live_123456+/\t']);
		expect(redacted).toContain('[redacted]');
		expect(redacted).not.toContain('live_123');
	});

	it('removes a key saved with a trailing space and tab where the gateway echoes it trimmed', () => {
		expect(redactSecrets('invalid key bck_xxxxxxxx in request', ['bck_xxxxxxxx \t'])).toBe(
			'invalid key [redacted] in request',
		);
	});

	it('removes short values (1 to 5 characters) as whole tokens, wherever they stand alone', () => {
		expect(redactSecrets('headers: { x-a: "abc", x-b: abc, x-c: [abc] } abc', ['abc'])).toBe(
			'headers: { x-a: "[redacted]", x-b: [redacted], x-c: [[redacted]] } [redacted]',
		);
		expect(redactSecrets('{"x-one":"q","x-two":"12345"}', ['q', '12345'])).toBe(
			'{"x-one":"[redacted]","x-two":"[redacted]"}',
		);
	});

	it('leaves a short value inside a longer word: "a" does not take every "a" of the message', () => {
		expect(redactSecrets('abcdef xabc abc_1 abc2', ['abc'])).toBe('abcdef xabc abc_1 abc2');
		expect(redactSecrets('bcrumbs createWebhook failed: value "a" is invalid', ['a'])).toBe(
			'bcrumbs createWebhook failed: value "[redacted]" is invalid',
		);
	});

	it('still removes values of 6 characters or more anywhere, even glued to other text', () => {
		expect(redactSecrets('tokensecret1x', ['secret1'])).toBe('token[redacted]x');
	});

	it('takes values with regular-expression characters literally', () => {
		expect(redactSecrets('value (a.b) and a-b and axb', ['a.b', '(a'])).toBe(
			'value ([redacted]) and a-b and axb',
		);
	});
});

describe('describeGatewayFailure: short header values in every text', () => {
	it('redacts a 3-character header value in the message and the remote message', () => {
		const failure = describeGatewayFailure(
			'createWebhook',
			{
				response: {
					status: 200,
					errors: [
						{ message: 'Variable "$input" got invalid value { headers: { x-short: "abc" } }' },
					],
				},
			},
			['bck_live_123456', 'abc'],
		);
		expect(failure.message).toBe(
			'bcrumbs createWebhook failed: Variable "$input" got invalid value { headers: { x-short: "[redacted]" } }',
		);
		expect(JSON.stringify(failure)).not.toContain('abc');
	});
});
