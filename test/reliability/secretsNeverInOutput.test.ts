/**
 * Secrets never reach output. The verification checks: a refusal's reason (kept server-side, but loggable)
 * never quotes a secret, and a wrong secret is never accepted. OneRoute: the channel credentials it sends
 * in every body never reach an item, its normalized view or its rawBody.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { verifyBikAuthorization } from '../../nodes/Bik/core/authentication';
import { verifyMobtextingSecret } from '../../nodes/Mobtexting/core/handshake';
import { parseOneRouteDelivery } from '../../nodes/OneRoute/core/parse';
import { verifyOneRouteSignature } from '../../nodes/OneRoute/core/authentication';
import { verifySharedSecretHeader, type Verdict } from '../../nodes/shared/core/verify';
import { verifyWakitToken } from '../../nodes/Wakit/core/authentication';
import { fixture } from '../platforms/helpers';
import { RUNS } from './support/budget';
import { basic, sign } from './support/auth';
import { applyMutation, mutation, type Json, type Mutation } from './support/mutations';

/** API keys, the bcrumbs trigger's 32-byte hex secret, Bearer tokens (b64token), unicode passwords and HMAC keys */
const secretText = fc
	.oneof(
		fc.stringMatching(/^bck_[0-9a-f]{24,40}$/),
		fc.stringMatching(/^[0-9a-f]{64}$/),
		fc.stringMatching(/^[A-Za-z0-9._~+/-]{16,48}=*$/),
		fc.string({ unit: 'grapheme', minLength: 12, maxLength: 40 }),
	)
	.filter(
		(secret) =>
			secret.length >= 12 &&
			secret === secret.trim() &&
			!secret.includes(':') &&
			!/[\p{Cc}\p{Zl}\p{Zp}]/u.test(secret),
	);
// (a header value never holds control characters or line breaks, and a Basic user name never holds ':')

const twoSecrets = fc.tuple(secretText, secretText).filter(([a, b]) => a !== b);

/** Each check, called with the secret the request carries and the one configured. */
const CHECKS: Array<[string, (received: string, expected: string) => Verdict]> = [
	[
		'bcrumbs shared-secret header',
		(received, expected) => verifySharedSecretHeader(received, expected),
	],
	[
		'MOBtexting Bearer secret',
		(received, expected) =>
			verifyMobtextingSecret({ authorization: `Bearer ${received}` }, expected),
	],
	[
		'wakit Bearer token',
		(received, expected) => verifyWakitToken({ Authorization: `Bearer ${received}` }, expected),
	],
	[
		'BIK Basic password',
		(received, expected) =>
			verifyBikAuthorization(
				{ authorization: basic('bik-user', received) },
				{ authForm: 'userPassword', user: 'bik-user', password: expected },
			),
	],
	[
		'BIK Basic user',
		(received, expected) =>
			verifyBikAuthorization(
				{ authorization: basic(received, 'pw-123456') },
				{ authForm: 'userPassword', user: expected, password: 'pw-123456' },
			),
	],
	[
		'BIK authorization key',
		(received, expected) =>
			verifyBikAuthorization({ authorization: `Basic ${received}` }, { authKey: expected }),
	],
	[
		'OneRoute HMAC key',
		(received, expected) =>
			verifyOneRouteSignature(
				{ 'x-oneroute-signature': sign(received, '{"a":1}') },
				expected,
				'{"a":1}',
				{ a: 1 },
			),
	],
];

describe.each(CHECKS)('%s check', (_name, check) => {
	it('accepts the configured secret and refuses any other without quoting either', () => {
		fc.assert(
			fc.property(twoSecrets, ([expected, other]) => {
				assert.deepEqual(check(expected, expected), { ok: true });
				const refused = check(other, expected);
				assert.equal(refused.ok, false);
				const reason = (refused as { reason: string }).reason;
				assert.ok(
					!reason.includes(expected) && !reason.includes(other),
					`the reason quotes a secret: ${reason}`,
				);
			}),
			{ numRuns: RUNS.property },
		);
	});
});

// the names OneRoute's masking documents (any case), and other names a provider may give a credential
const DOCUMENTED_NAMES = [
	'credentials',
	'credential',
	'Credentials',
	'secret',
	'secrets',
	'token',
	'TOKEN',
	'tokens',
	'access_token',
	'accessToken',
	'api_key',
	'apiKey',
	'APIKEYS',
	'password',
	'Passwords',
];
const OTHER_SECRET_NAMES = [
	'client_secret',
	'clientSecret',
	'authToken',
	'auth_token',
	'webhookSecret',
	'apiSecret',
	'secretKey',
	'privateKey',
	'private_key',
	'refresh_token',
	'api-key',
	'accessKey',
	'bearerToken',
];

const markedSecret = fc.stringMatching(/^[A-Za-z0-9]{20}$/).map((text) => `sk_live_${text}`);
/** A credential value: the secret bare, in a provider config object, or in a list */
const credentialValue = (secret: string): fc.Arbitrary<Json> =>
	fc.constantFrom<Json>(
		secret,
		{ apiKey: secret, accountSid: 'AC1', nested: { token: secret } },
		[secret],
		{ key: secret, ttl: 3600 },
	);

const asRecord = (value: Json | undefined): Record<string, Json> | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;

/** The documented example, mutated, then given a conversation.Channel carrying the secrets. */
function oneRouteBodyWithChannel(
	channelSecrets: Array<[string, Json]>,
	mutations: Mutation[],
): unknown {
	const body = asRecord(
		mutations.reduce(applyMutation, fixture('oneroute', 'new-message-text') as Json),
	) ?? { event: 'newMessage' };
	const conversation = asRecord(body.conversation) ?? { id: 'c1' };
	const channel = asRecord(conversation.Channel) ?? {};
	for (const [name, value] of channelSecrets) channel[name] = value;
	conversation.Channel = channel;
	body.conversation = conversation;
	// a request body: own properties only, as JSON.parse makes them
	return JSON.parse(JSON.stringify(body)) as unknown;
}

function expectNoSecretIn(
	body: unknown,
	secrets: string[],
	includeRawBody: boolean,
	batched: boolean,
): void {
	const text = JSON.stringify(
		parseOneRouteDelivery(batched ? [body, body] : body, { includeRawBody }).items,
	);
	const leaked = secrets.filter((secret) => text.includes(secret));
	assert.deepEqual(leaked, [], 'a channel credential reached the items');
}

const channelSecrets = (names: string[]) =>
	fc
		.uniqueArray(fc.tuple(fc.constantFrom(...names), markedSecret), {
			minLength: 1,
			maxLength: 3,
			selector: ([name]) => name.toLowerCase(),
		})
		.chain((pairs) =>
			fc.tuple(
				...pairs.map(([name, secret]) =>
					credentialValue(secret).map((value) => ({ name, secret, value })),
				),
			),
		);

/** The secret each generated channel entry carries. */
const secretsOf = (entries: Array<{ secret: string }>) => entries.map(({ secret }) => secret);

describe('OneRoute channel credentials never reach items or rawBody', () => {
	it('under the documented credential names, whatever else in the body is mutated (valid or flagged)', () => {
		const mutations = fc.array(mutation({ hostile: false }), { maxLength: 4 });
		fc.assert(
			fc.property(
				channelSecrets(DOCUMENTED_NAMES),
				mutations,
				fc.boolean(),
				fc.boolean(),
				(entries, changes, raw, batched) => {
					const body = oneRouteBodyWithChannel(
						entries.map(({ name, value }) => [name, value]),
						changes,
					);
					expectNoSecretIn(body, secretsOf(entries), raw, batched);
				},
			),
			{ numRuns: RUNS.property },
		);
	});

	it('under other secret-looking Channel keys, top-level or nested (bug demonstration: only six exact names are masked)', () => {
		fc.assert(
			fc.property(
				channelSecrets(OTHER_SECRET_NAMES),
				fc.boolean(),
				fc.boolean(),
				(entries, nested, raw) => {
					const pairs: Array<[string, Json]> = entries.map(({ name, value }) => [name, value]);
					const body = oneRouteBodyWithChannel(
						nested ? [['settings', Object.fromEntries(pairs)]] : pairs,
						[],
					);
					expectNoSecretIn(body, secretsOf(entries), raw, false);
				},
			),
			{ numRuns: RUNS.property },
		);
	});

	// a flagged delivery keeps its rawBody: masking must not depend on the body having the documented shape
	type Example = ReturnType<typeof fixture>;
	it.each([
		[
			'Channel arrives as a list',
			(body: Example) => ({
				...body,
				conversation: { ...body.conversation, Channel: [body.conversation.Channel] },
			}),
		],
		[
			'conversation arrives as a list',
			(body: Example) => ({ ...body, conversation: [body.conversation] }),
		],
	])('credentials stay out of rawBody when the %s (bug demonstration)', (_name, reshape) => {
		const body = fixture('oneroute', 'new-message-text');
		body.conversation.Channel.credentials = { apiKey: 'sk_live_SHAPEDSECRET0000001' };
		expectNoSecretIn(reshape(body), ['sk_live_SHAPEDSECRET0000001'], false, false);
	});
});
