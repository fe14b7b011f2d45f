/**
 * First contact: each trigger left at its defaults accepts what its platform's document says it sends,
 * and a refused test delivery is an error the editor shows (n8n-core's real contexts, real HTTP).
 */
import { NodeOperationError } from 'n8n-workflow';

import type { Platform } from '../../nodes/shared/core/normalized';
import { takeRefusalCauses } from '../../support/n8nLog';
import {
	DESCRIPTORS,
	examplesOf,
	HAND_CONFIGURED,
	handConfiguredDriverOf,
} from '../../support/platforms';
import { TriggerHarness } from '../../support/triggerHarness';
import { triggerNodeOf } from '../helpers/triggerNodes';

/**
 * What each platform's document asks for (asDocumented in support/platforms.ts): OneRoute "an
 * unauthenticated POST route", MOBtexting and wakit no authentication, BIK Basic auth with an authorization
 * key. Written out there so a changed default fails here.
 */
const documented = (platform: Platform) =>
	handConfiguredDriverOf(DESCRIPTORS[platform]).asDocumented('bik-portal-key-1290');

const PLATFORMS = HAND_CONFIGURED.map((descriptor) => descriptor.platform);
const harnesses: TriggerHarness[] = [];
afterEach(async () => Promise.all(harnesses.splice(0).map((harness) => harness.close())));

async function atDefaults(platform: Platform, parameters = {}): Promise<TriggerHarness> {
	const nodeType = triggerNodeOf(DESCRIPTORS[platform]);
	const credentials = documented(platform).credential;
	const harness = new TriggerHarness({
		nodeType,
		typeName: `n8n-nodes-bcrumbs.${nodeType.description.name}`,
		// nothing set: n8n fills in every default, as for a node just added from the node creator
		parameters,
		credentials: credentials ? { [DESCRIPTORS[platform].credentialType]: credentials } : {},
	});
	harnesses.push(harness);
	await harness.listen();
	return harness;
}

describe.each(PLATFORMS)('%s trigger at its defaults', (platform) => {
	it("starts with the verification its platform's document describes", () => {
		const verification = triggerNodeOf(DESCRIPTORS[platform]).description.properties.find(
			(property) => property.name === 'verification',
		);
		expect(verification?.default).toBe(documented(platform).verification);
	});

	it.each(examplesOf(platform).map((example) => [example.name, example] as const))(
		'%s, sent exactly as documented, starts one execution with valid items',
		async (_name, example) => {
			const harness = await atDefaults(platform);
			const outcome = await harness.deliver({
				body: example.body,
				headers: documented(platform).headers,
			});
			expect(outcome.status).toBe(200);
			expect(outcome.items?.length).toBeGreaterThan(0);
			expect(outcome.items?.every((item) => item.valid === true)).toBe(true);
			expect(harness.executions).toHaveLength(1);
		},
	);

	it('while listening for a test event, a refused request is an error naming the cause and the fix, with none of its data', async () => {
		const harness = await atDefaults(platform, { verification: 'credentials' });
		const [example] = examplesOf(platform);
		const outcome = await harness.deliver({
			test: true,
			body: example.body,
			headers: { authorization: 'Basic forged-by-someone' },
		});
		expect(outcome.items).toBeUndefined();
		expect(harness.executions).toHaveLength(0);
		expect(outcome.error).toBeInstanceOf(NodeOperationError);
		const error = outcome.error as NodeOperationError;
		expect(error.message).toMatch(/^Request refused: /);
		expect(error.description).toContain(DESCRIPTORS[platform].refusalHint);
		const shown = `${error.message} ${error.description}`;
		expect(shown).not.toContain('forged-by-someone');
		for (const value of Object.values(JSON.parse(JSON.stringify(example.body)) as object))
			if (typeof value === 'string' && value.length > 6) expect(shown).not.toContain(value);
	});

	it('in production, the same refusal is a 401 that starts nothing and throws nothing', async () => {
		const harness = await atDefaults(platform, { verification: 'credentials' });
		const [example] = examplesOf(platform);
		const outcome = await harness.deliver({ body: example.body, headers: {} });
		expect(outcome.status).toBe(401);
		expect(outcome.error).toBeUndefined();
		expect(harness.executions).toHaveLength(0);
		expect(takeRefusalCauses()).toHaveLength(1);
	});
});
