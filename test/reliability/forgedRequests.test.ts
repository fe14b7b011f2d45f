/**
 * Forged requests, per platform, through n8n-core's real webhook context over real HTTP: each must get 401
 * and start nothing. Each table has positive controls, so a 401 proves the check, not a broken setup.
 */
import { createHmac } from 'node:crypto';

import type { Platform } from '../../nodes/shared/core/normalized';
import { takeRefusalCauses } from '../../support/n8nLog';
import { ALL_DESCRIPTORS, sampleExample } from '../../support/platforms';
import {
	basic,
	defaultSecrets,
	deliverJson,
	send,
	SETUPS,
	sign,
	startTrigger,
	useLiveTrigger,
	type LiveTrigger,
	type Secrets,
} from './support/liveTriggers';

/** The authentic delivery every forgery imitates: the platform's sample example, a fresh copy each call. */
const bodyOf = (platform: Platform): unknown => sampleExample(platform).body;

/** Another workflow's / another credential's secret: genuine for a sibling trigger, wrong for this one. */
const OTHER: Secrets = { secret: 'other-credential-secret-fedcba9876543210', user: 'other-user' };

type Headers = Record<string, string | string[]>;
/**
 * [name, the request's headers given its raw body, an optional change to the raw body after signing]. Each
 * platform's list is written for its authentication: a new platform adds its own to FORGERIES.
 */
type Forgery = [name: string, headers: (raw: string) => Headers, alter?: (raw: string) => string];

const json = { 'content-type': 'application/json' };
const header =
	(name: string) =>
	(value: string | string[]): Headers => ({ ...json, [name]: value });

function commonForgeries(name: string, wrong: string, right: (raw: string) => string): Forgery[] {
	const set = header(name);
	return [
		['no credentials at all', () => json],
		['a wrong secret', () => set(wrong)],
		['an empty header', () => set('')],
		// Node joins repeated custom headers ("a, b") and keeps only the first Authorization: neither may pass
		['duplicate headers, wrong first and right second', (raw) => set([wrong, right(raw)])],
		['duplicate headers, both wrong', () => set([wrong, ''])],
	];
}

function bearerForgeries({ secret }: Secrets): Forgery[] {
	const auth = header('authorization');
	return [
		...commonForgeries('authorization', 'Bearer wrong-token-value', () => `Bearer ${secret}`),
		["another credential's token", () => auth(`Bearer ${OTHER.secret}`)],
		['the token without a scheme', () => auth(secret)],
		['the token with the Basic scheme', () => auth(`Basic ${secret}`)],
		['the token with the Token scheme', () => auth(`Token ${secret}`)],
		['Bearer glued to the token', () => auth(`Bearer${secret}`)],
		['Bearer alone', () => auth('Bearer ')],
		['a space inside the token', () => auth(`Bearer ${secret.slice(0, 5)} ${secret.slice(5)}`)],
		['the token minus its last character', () => auth(`Bearer ${secret.slice(0, -1)}`)],
		['the token plus one character', () => auth(`Bearer ${secret}x`)],
		['the token in upper case', () => auth(`Bearer ${secret.toUpperCase()}`)],
		[
			'the token in other headers',
			() => ({ ...json, 'x-api-key': secret, 'x-auth-token': secret, cookie: `token=${secret}` }),
		],
	];
}

const FORGERIES: Record<Platform, (secrets: Secrets) => Forgery[]> = {
	bcrumbs: ({ secret }) => {
		const set = header('x-bcrumbs-n8n-secret');
		return [
			...commonForgeries('x-bcrumbs-n8n-secret', 'f'.repeat(64), () => secret),
			["another workflow's registered secret", () => set(OTHER.secret)],
			['an empty Authorization header and no secret header', () => header('authorization')('')],
			['the secret minus its last character', () => set(secret.slice(0, -1))],
			['the secret in upper case', () => set(secret.toUpperCase())],
			['the secret as a Bearer token', () => header('authorization')(`Bearer ${secret}`)],
			['the secret in a lookalike header', () => header('x-bcrumbs-secret')(secret)],
		];
	},
	oneroute: ({ secret }) => {
		const set = header('x-oneroute-signature');
		return [
			...commonForgeries('x-oneroute-signature', sign('wrong-signing-key', 'x'), (raw) =>
				sign(secret, raw),
			),
			['an empty Authorization header and no signature', () => ({ ...json, authorization: '' })],
			['signed with another secret', (raw) => set(sign(OTHER.secret, raw))],
			// one byte of the raw text changed after signing (still valid JSON), same signature
			[
				'one byte changed after signing',
				(raw) => set(sign(secret, raw)),
				(raw) => raw.replace('Hello World!', 'Jello World!'),
			],
			[
				'the re-serialized body signed with another secret',
				(raw) => set(sign(OTHER.secret, JSON.stringify(JSON.parse(raw)))),
			],
			[
				'HMAC-SHA256 instead of SHA-512',
				(raw) => set(createHmac('sha256', secret).update(raw).digest('hex')),
			],
			['a "sha512=" prefixed signature', (raw) => set(`sha512=${sign(secret, raw)}`)],
			['a truncated signature', (raw) => set(sign(secret, raw).slice(0, 64))],
			['the secret itself as the signature', () => set(secret)],
		];
	},
	bik: ({ user, secret }) => {
		const auth = header('authorization');
		return [
			...commonForgeries('authorization', basic(user, 'wrong-password'), () => basic(user, secret)),
			['a wrong password', () => auth(basic(user, 'wrong-password'))],
			['a wrong user', () => auth(basic('someone-else', secret))],
			["another credential's user and password", () => auth(basic(OTHER.user, OTHER.secret))],
			['user and password swapped', () => auth(basic(secret, user))],
			['the password with a trailing space', () => auth(basic(user, `${secret} `))],
			['the user in upper case', () => auth(basic(user.toUpperCase(), secret))],
			[
				'no colon in the credentials',
				() => auth(`Basic ${Buffer.from(`${user}${secret}`).toString('base64')}`),
			],
			['the credentials not base64-encoded', () => auth(`Basic ${user}:${secret}`)],
			['the password as a Bearer token', () => auth(`Bearer ${secret}`)],
			['Basic alone', () => auth('Basic ')],
			['extra text after the credentials', () => auth(`${basic(user, secret)} extra`)],
		];
	},
	mobtexting: (secrets) => [
		...bearerForgeries(secrets),
		// handshakes are answered before verification: an event dressed as one must still be verified
		[
			'a forged event dressed as a handshake',
			() => json,
			(raw) =>
				JSON.stringify({
					...JSON.parse(raw),
					event: 'sms:message:status',
					validation_key: 'vk',
					challenge: 'c',
				}),
		],
	],
	wakit: bearerForgeries,
};

describe.each(ALL_DESCRIPTORS.map((descriptor) => descriptor.platform))(
	'%s trigger refuses forged requests (401, no execution)',
	(platform) => {
		let trigger: LiveTrigger;
		let sibling: LiveTrigger;
		beforeAll(async () => {
			trigger = await startTrigger(platform);
			sibling = await startTrigger(platform, {
				secrets: OTHER,
				workflowId: `wf-${platform}-other`,
			});
		});
		afterAll(async () => Promise.all([trigger.close(), sibling.close()]));
		beforeEach(() => {
			trigger.harness.executions.length = 0;
		});
		/** Causes this node has logged: each is logged once, then stays quiet for an hour. */
		const causesLogged = new Set<string>();

		it('positive control: the right credentials get 200 and exactly one execution', async () => {
			const raw = JSON.stringify(bodyOf(platform));
			const response = await send(trigger.url, {
				body: raw,
				headers: { ...json, ...SETUPS[platform].auth(defaultSecrets(platform), raw) },
			});
			expect(response.status).toBe(200);
			expect(trigger.harness.executions).toHaveLength(1);
			expect(trigger.harness.executions[0].length).toBeGreaterThan(0);
		});

		it("positive control: the sibling's secret opens the sibling", async () => {
			expect((await deliverJson(sibling, bodyOf(platform))).status).toBe(200);
			expect(sibling.harness.executions).toHaveLength(1);
		});

		const forgeries = FORGERIES[platform](defaultSecrets(platform)).map(
			([name, headers, alter]) => ({ name, headers, alter }),
		);
		it.each(forgeries)('$name', async ({ headers, alter }) => {
			const raw = JSON.stringify(bodyOf(platform));
			const response = await send(trigger.url, {
				body: alter ? alter(raw) : raw,
				headers: headers(raw),
			});
			expect(response).toMatchObject({ status: 401, json: { error: 'Unauthorized' } });
			expect(trigger.harness.executions).toEqual([]);
			const causes = takeRefusalCauses();
			expect(causes.length).toBeLessThanOrEqual(1);
			for (const cause of causes) expect(causesLogged).not.toContain(cause);
			causes.forEach((cause) => causesLogged.add(cause));
		});

		it('logged the first refusal of each cause', () => {
			expect(causesLogged.size).toBeGreaterThan(0);
		});

		it('fails closed when the node has no credential (bcrumbs: holds no registered secret)', async () => {
			const bare = await startTrigger(platform, {
				withCredential: false,
				workflowId: `wf-${platform}-bare`,
			});
			try {
				const raw = JSON.stringify(bodyOf(platform));
				const response = await send(bare.url, {
					body: raw,
					headers: { ...json, ...SETUPS[platform].auth(defaultSecrets(platform), raw) },
				});
				expect(response).toMatchObject({ status: 401, json: { error: 'Unauthorized' } });
				expect(bare.harness.executions).toEqual([]);
				expect(takeRefusalCauses()).toEqual([
					expect.stringMatching(/no (credential|secret) is (set|registered)/),
				]);
			} finally {
				await bare.close();
			}
		});
	},
);

describe.each(['mobtexting', 'wakit', 'bik'] as Platform[])(
	'%s: variants that carry the right secret are not forgeries',
	(platform) => {
		let trigger: LiveTrigger;
		useLiveTrigger(platform, (started) => (trigger = started));

		// RFC 7235: the scheme is case-insensitive and "1*SP" may separate it from the credentials
		it('accepts a lower-case scheme and several spaces after it', async () => {
			const { secret, user } = defaultSecrets(platform);
			const credentials =
				platform === 'bik' ? Buffer.from(`${user}:${secret}`).toString('base64') : secret;
			const scheme = platform === 'bik' ? 'basic' : 'bearer';
			for (const authorization of [
				`${scheme} ${credentials}`,
				`${scheme.toUpperCase()}   ${credentials}`,
			]) {
				const response = await send(trigger.url, {
					body: JSON.stringify(bodyOf(platform)),
					headers: { ...json, authorization },
				});
				expect(response.status).toBe(200);
			}
			expect(trigger.harness.executions).toHaveLength(2);
		});
	},
);
