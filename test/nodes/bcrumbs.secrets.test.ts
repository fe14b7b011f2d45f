import {
	deriveEndpointSecret,
	labelCarriesTagOf,
	secretTag,
	taggedLabel,
} from '../../nodes/Bcrumbs/core/secrets';

const URL_A = 'https://n8n.example.com/webhook/abc/webhook';
const INSTANCE = 'a3f1c9e2b7d04e5f8a6b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5';
const derive = (apiKey: string, workspaceId: number, url: string, instanceId = INSTANCE) =>
	deriveEndpointSecret({ apiKey, workspaceId, instanceId }, url);

describe('derived webhook secrets (item 3)', () => {
	it('are the same every time for one credential and URL, and differ for another key, workspace or URL', () => {
		const secret = derive('bck_key_one_0123456789', 12, URL_A);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(derive('bck_key_one_0123456789', 12, URL_A)).toBe(secret);
		expect(derive('bck_key_two_0123456789', 12, URL_A)).not.toBe(secret);
		expect(derive('bck_key_one_0123456789', 13, URL_A)).not.toBe(secret);
		expect(derive('bck_key_one_0123456789', 12, `${URL_A}-test`)).not.toBe(secret);
	});

	it('cannot be computed from the API key alone: another n8n instance derives another secret', () => {
		const secret = derive('bck_key_one_0123456789', 12, URL_A);
		expect(derive('bck_key_one_0123456789', 12, URL_A, 'f'.repeat(64))).not.toBe(secret);
		expect(derive('bck_key_one_0123456789', 12, URL_A, '')).not.toBe(secret);
	});

	it('reveal nothing of the API key, not even in part', () => {
		const apiKey = 'bck_0123456789abcdef0123456789abcdef';
		const secret = derive(apiKey, 12, URL_A);
		const label = taggedLabel('n8n: flow / Bcrumbs Trigger', secret);
		for (let i = 0; i + 6 <= apiKey.length; i++) {
			expect(secret).not.toContain(apiKey.slice(i, i + 6));
			expect(label).not.toContain(apiKey.slice(i, i + 6));
		}
	});

	it('tag labels so a registration can be recognised where headers are not listed', () => {
		const secret = derive('bck_key_one_0123456789', 12, URL_A);
		const label = taggedLabel('n8n: flow / Bcrumbs Trigger', secret);
		expect(label).toBe(`n8n: flow / Bcrumbs Trigger [${secretTag(secret)}]`);
		expect(labelCarriesTagOf(label, secret)).toBe(true);
		expect(labelCarriesTagOf(label, 'f'.repeat(64))).toBe(false);
		expect(labelCarriesTagOf('n8n: flow / Bcrumbs Trigger', secret)).toBe(false);
		expect(label).not.toContain(secret.slice(0, 8));
	});
});
