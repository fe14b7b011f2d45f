/**
 * A proxy in front of the gateway answering with an HTML error page that echoes the authorization header,
 * through the real transport: n8n-core's httpRequestWithAuthentication, graphql-request, NodeApiError.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Bcrumbs } from '../../nodes/Bcrumbs/Bcrumbs.node';
import { executeNode } from '../../support/n8nHarness';
import { ECHOED_KEY, htmlPageEchoing, keyFragmentsIn } from './support/errorPages';
import { shown, thrownBy, type ThrownError } from './support/thrown';

interface PageAnswer {
	status: number;
	offset: number;
}

let answer: PageAnswer = { status: 502, offset: 0 };
let server: Server;
let gatewayUrl: string;

beforeAll(async () => {
	// the key reaches the page only because the request carried it: a real echo, not a copy of the test's constant
	server = createServer((request, response) => {
		response.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' });
		response.end(htmlPageEchoing(String(request.headers.authorization ?? ''), answer.offset));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/core/gq`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

function listingFailure(page: PageAnswer): Promise<ThrownError> {
	answer = page;
	return thrownBy(() =>
		executeNode({
			nodeType: new Bcrumbs(),
			typeName: 'n8n-nodes-bcrumbs.bcrumbs',
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true },
			credentials: { bcrumbsApi: { apiKey: ECHOED_KEY, workspaceId: 12, gatewayUrl } },
		}),
	);
}

describe('an HTML error page echoing the API key, through the real transport', () => {
	it.each([0, 10, 20, 30, 40, 150, 170, 190, 200])(
		'HTTP 502 with the key at offset %i: a short message, no piece of the key',
		async (offset) => {
			const error = await listingFailure({ status: 502, offset });
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/^bcrumbs webhooks failed with HTTP 502: 502 Bad Gateway/);
			expect(error.message.length).toBeLessThan(300);
			expect(keyFragmentsIn(shown(error), ECHOED_KEY)).toEqual([]);
		},
	);

	it.each([0, 150, 190])(
		'HTTP 200 with an HTML page (key at offset %i): says it is not GraphQL, capped, no piece of the key',
		async (offset) => {
			const error = await listingFailure({ status: 200, offset });
			expect(error.message).toMatch(
				/^bcrumbs webhooks failed: the gateway answered with something other than GraphQL JSON: 502 Bad Gateway/,
			);
			expect(error.message.length).toBeLessThan(300);
			expect(keyFragmentsIn(shown(error), ECHOED_KEY)).toEqual([]);
		},
	);
});
