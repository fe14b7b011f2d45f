import {
	deriveEndpointSecret,
	labelCarriesTagOf,
	secretTag,
	taggedLabel,
} from '../../nodes/Bcrumbs/core/secrets';

const URL_A = 'https://n8n.example.com/webhook/abc/webhook';

describe('derived webhook secrets (item 3)', () => {
	it('are the same every time for one credential and URL, and differ for another key, workspace or URL', () => {
		const secret = deriveEndpointSecret('bck_key_one_0123456789', 12, URL_A);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(deriveEndpointSecret('bck_key_one_0123456789', 12, URL_A)).toBe(secret);
		expect(deriveEndpointSecret('bck_key_two_0123456789', 12, URL_A)).not.toBe(secret);
		expect(deriveEndpointSecret('bck_key_one_0123456789', 13, URL_A)).not.toBe(secret);
		expect(deriveEndpointSecret('bck_key_one_0123456789', 12, `${URL_A}-test`)).not.toBe(secret);
	});

	it('reveal nothing of the API key, not even in part', () => {
		const apiKey = 'bck_0123456789abcdef0123456789abcdef';
		const secret = deriveEndpointSecret(apiKey, 12, URL_A);
		const label = taggedLabel('n8n: flow / Bcrumbs Trigger', secret);
		for (let i = 0; i + 6 <= apiKey.length; i++) {
			expect(secret).not.toContain(apiKey.slice(i, i + 6));
			expect(label).not.toContain(apiKey.slice(i, i + 6));
		}
	});

	it('tag labels so a registration can be recognised where headers are not listed', () => {
		const secret = deriveEndpointSecret('bck_key_one_0123456789', 12, URL_A);
		const label = taggedLabel('n8n: flow / Bcrumbs Trigger', secret);
		expect(label).toBe(`n8n: flow / Bcrumbs Trigger [${secretTag(secret)}]`);
		expect(labelCarriesTagOf(label, secret)).toBe(true);
		expect(labelCarriesTagOf(label, 'f'.repeat(64))).toBe(false);
		expect(labelCarriesTagOf('n8n: flow / Bcrumbs Trigger', secret)).toBe(false);
		expect(label).not.toContain(secret.slice(0, 8));
	});
});
