/**
 * Secrets carried in headers (the credential itself, API keys, cookies, stray tokens) never reach the
 * items a workflow receives, nor the answer sent back: fuzzed through n8n-core's webhook context over
 * real HTTP, rotating the node's secret every run.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { ALL_DESCRIPTORS } from '../../support/platforms';
import { RUNS } from './support/budget';
import { send, useLiveTrigger, type LiveTrigger } from './support/liveTriggers';
import { mutatedJson } from './support/mutations';
import { coreOf } from './support/platformCores';

// header values must be visible ASCII: tokens, API keys, the bcrumbs trigger's hex secret
const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{20,48}$/);
const apiKey = fc.stringMatching(/^bck_[0-9a-f]{32}$/);
const hexSecret = fc.stringMatching(/^[0-9a-f]{64}$/);
const userName = fc.stringMatching(/^user_[a-z0-9]{16}$/);

describe.each(ALL_DESCRIPTORS.map((descriptor) => descriptor.platform))(
	'%s trigger: header secrets never reach items or the answer',
	(platform) => {
		let trigger: LiveTrigger;
		useLiveTrigger(platform, (started) => (trigger = started));

		it('over generated secrets, bodies and secret-bearing extra headers', async () => {
			const body = fc.oneof(
				mutatedJson(coreOf(platform).seeds, { hostile: false }),
				fc
					.array(mutatedJson(coreOf(platform).seeds, { hostile: false }), {
						minLength: 1,
						maxLength: 3,
					})
					.map((texts) => `[${texts.join(',')}]`),
			);
			let started = 0;
			const secrets = fc.record({
				secret: platform === 'bcrumbs' ? hexSecret : token,
				user: userName,
				apiKey,
				stray: token,
			});
			await fc.assert(
				fc.asyncProperty(
					secrets,
					body,
					fc.boolean(),
					async ({ secret, user, apiKey: key, stray }, raw, reverseHeaders) => {
						trigger.setSecrets({ secret, user });
						trigger.harness.executions.length = 0;
						const entries = Object.entries({
							'content-type': 'application/json',
							...trigger.auth(raw),
							'x-api-key': key,
							cookie: `session=${stray}; key=${key}`,
							'proxy-authorization': `Bearer ${stray}`,
							...(platform === 'bcrumbs' ? {} : { 'x-bcrumbs-n8n-secret': stray }),
						});
						const headers = Object.fromEntries(reverseHeaders ? entries.reverse() : entries);
						const response = await send(trigger.url, { body: raw, headers });
						// 400: express refused a body that is not an object or array before the node ran
						assert.ok([200, 400].includes(response.status), `unexpected status ${response.status}`);
						if (response.status === 200 && trigger.harness.executions.length === 0)
							assert.ok(response.json, 'a 200 without an execution is a JSON answer');
						started += trigger.harness.executions.length;
						const output = `${JSON.stringify(trigger.harness.executions)}\n${response.text}`;
						const basicBlob = Buffer.from(`${user}:${secret}`).toString('base64');
						for (const value of [
							secret,
							key,
							stray,
							basicBlob,
							...(platform === 'bik' ? [user] : []),
						]) {
							assert.ok(!output.includes(value), `a header secret reached the output: ${value}`);
						}
					},
				),
				{ numRuns: RUNS.http },
			);
			// not vacuous: the rotated secrets really were accepted, and items really were produced
			expect(started).toBeGreaterThan(RUNS.http / 2);
		});
	},
);
