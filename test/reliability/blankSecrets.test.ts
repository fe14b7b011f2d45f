/**
 * One rule for every platform (issue #22, item 4): a secret that is empty after trimming is no secret.
 * A request signed with such a secret is refused, with a reason, whatever the platform's mechanism; the
 * same request signed with a real secret is accepted, so each refusal proves the rule, not a broken setup.
 */
import { createHmac } from 'node:crypto';

import { bikBasicExpectation, verifyBikAuthorization } from '../../nodes/Bik/core/authentication';
import { verifyMobtextingHandshake } from '../../nodes/Mobtexting/core/handshake';
import { verifyOneRouteSignature } from '../../nodes/OneRoute/core/authentication';
import type {
	IncomingDelivery,
	PlatformDescriptor,
} from '../../nodes/shared/core/platformDescriptor';
import {
	configuredSecret,
	verifyBasic,
	verifyBearer,
	verifyHmacHex,
	verifySharedSecretHeader,
} from '../../nodes/shared/core/verify';
import { verifyWakitToken } from '../../nodes/Wakit/core/authentication';
import { ALL_DESCRIPTORS, driverOf, examplesOf } from '../../support/platforms';

const BLANK_SECRETS = ['', '   ', '\t\n'];
const USER = 'n8n-webhooks';
const REAL_SECRET = 'a-real-secret-0123456789abcdef';

/** One documented POST of the platform, with the headers its sender adds for these secrets. */
function signedDelivery(
	descriptor: PlatformDescriptor,
	secrets: Readonly<Record<string, unknown>>,
): IncomingDelivery {
	const example = examplesOf(descriptor.platform).find(({ method }) => method === 'POST');
	if (!example) throw new Error(`${descriptor.platform} has no documented POST example`);
	const raw = JSON.stringify(example.body);
	return {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...driverOf(descriptor).sign(secrets, raw),
		},
		query: {},
		params: {},
		body: JSON.parse(raw) as unknown,
		rawBody: Buffer.from(raw),
	};
}

function verifySignedWith(descriptor: PlatformDescriptor, secret: string) {
	const secrets = driverOf(descriptor).secretsFor(secret, USER);
	return descriptor.authentication.verify(signedDelivery(descriptor, secrets), secrets);
}

describe.each(ALL_DESCRIPTORS.map((descriptor) => [descriptor.platform, descriptor] as const))(
	'%s: a blank secret is no secret',
	(_platform, descriptor) => {
		it.each(BLANK_SECRETS.map((secret) => [JSON.stringify(secret), secret]))(
			'refuses, with a reason, a request signed with the secret %s',
			(_label, secret) => {
				expect(verifySignedWith(descriptor, secret)).toEqual({
					ok: false,
					reason: expect.stringMatching(/\S/) as unknown,
				});
			},
		);

		it('accepts the same request signed with a real secret (positive control)', () => {
			expect(verifySignedWith(descriptor, REAL_SECRET)).toEqual({ ok: true });
		});

		it('accepts a real secret with surrounding whitespace, signed as typed', () => {
			// each mechanism's own rule (as typed, or trimmed where the header is trimmed) still matches its sender
			expect(verifySignedWith(descriptor, ` ${REAL_SECRET}\t`)).toEqual({ ok: true });
		});
	},
);

describe('configuredSecret', () => {
	it.each([
		['undefined', undefined],
		['null', null],
		['a number', 12345],
		['an object', { secret: 'x' }],
		['empty', ''],
		['spaces', '   '],
		['tabs and line breaks', '\t\n\r'],
		['a no-break space', '\u00a0'],
	])('is no secret for %s', (_label, value) => {
		expect(configuredSecret(value)).toBeUndefined();
	});

	it('returns a real secret as typed: trimming is the mechanism’s decision', () => {
		expect(configuredSecret('s3cret')).toBe('s3cret');
		expect(configuredSecret(' s3cret\n')).toBe(' s3cret\n');
	});
});

describe('every check refuses a blank configured secret, naming it as missing', () => {
	const blank = '  \t ';
	const hmac = (key: string) => createHmac('sha512', key).update('{}').digest('hex');

	it('bcrumbs registered secret (verifySharedSecretHeader)', () => {
		expect(verifySharedSecretHeader(blank, blank)).toEqual({
			ok: false,
			reason: 'no secret is registered for this webhook',
		});
	});

	it('OneRoute secret key (verifyHmacHex, verifyOneRouteSignature)', () => {
		const refused = { ok: false, reason: 'no signing secret is configured' };
		expect(verifyHmacHex(hmac(blank), blank, { rawBody: '{}' })).toEqual(refused);
		expect(
			verifyOneRouteSignature({ 'x-oneroute-signature': hmac(blank) }, blank, '{}', {}),
		).toEqual(refused);
	});

	it('MOBtexting secret and wakit token (verifyBearer)', () => {
		const refused = { ok: false, reason: 'no token is configured' };
		expect(verifyBearer(`Bearer ${blank}`, blank)).toEqual(refused);
		expect(verifyWakitToken({ authorization: `Bearer ${blank}` }, blank)).toEqual(refused);
	});

	it('BIK password or user (verifyBasic, bikBasicExpectation)', () => {
		const basic = `Basic ${Buffer.from(`${USER}:${blank}`).toString('base64')}`;
		const refused = { ok: false, reason: 'the Basic auth user or password is empty' };
		expect(verifyBasic(basic, { user: USER, password: blank })).toEqual(refused);
		expect(
			verifyBikAuthorization({ authorization: basic }, { user: USER, password: blank }),
		).toEqual(refused);
		expect(bikBasicExpectation({ user: blank, password: blank })).toEqual({
			user: '',
			password: '',
		});
		expect(verifyBasic(`Basic ${blank}`, { user: blank, password: blank })).toEqual({
			ok: false,
			reason: 'no Basic auth credentials are configured',
		});
	});

	it('a blank MOBtexting validation token is none set: the handshake check stays as it was', () => {
		expect(verifyMobtextingHandshake({ token: 'anything' }, { challenge: 'c' }, blank)).toEqual({
			ok: true,
		});
	});
});

describe('surrounding whitespace: trimmed where the header is, as typed where the bytes are signed', () => {
	it('a Bearer token saved with surrounding whitespace matches the token as it arrives over HTTP', () => {
		// HTTP strips the spaces around a header value: the configured token must be compared trimmed too
		expect(verifyBearer('Bearer tok-123', ' tok-123\n')).toEqual({ ok: true });
		expect(verifyWakitToken({ authorization: 'Bearer tok-123' }, 'tok-123 ')).toEqual({ ok: true });
	});

	it('an HMAC key is the exact key the sender signs with', () => {
		const signature = createHmac('sha512', 'key-123').update('{}').digest('hex');
		expect(verifyHmacHex(signature, 'key-123', { rawBody: '{}' })).toEqual({ ok: true });
		expect(verifyHmacHex(signature, ' key-123', { rawBody: '{}' }).ok).toBe(false);
	});
});
