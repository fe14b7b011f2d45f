/**
 * Issue #22, item 3: a gateway that echoes what it received, through the real transport (n8n-core's
 * httpRequestWithAuthentication, graphql-request, NodeApiError, the router's Continue On Fail item).
 * A key saved with white space around it reaches the gateway trimmed (HTTP drops it), so that is the form
 * that comes back; Create's header values come back as sent, whatever their length.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { Bcrumbs } from '../../nodes/Bcrumbs/Bcrumbs.node';
import { executeNode } from '../../support/n8nHarness';
import { htmlPageEchoing, keyFragmentsIn } from './support/errorPages';
import { shown, thrownBy, type ThrownError } from './support/thrown';

/** Saved with a trailing space and tab; "+", "/" and '"' change under URL and JSON encoding. */
const SAVED_KEY = 'bck_Zq7XkP9v+W2mR4tY8/nB3jL6hF"1dS5gC0a \t';
const TRIMMED_KEY = SAVED_KEY.trim();

type Echo = 'graphql' | 'page';

let echo: Echo = 'graphql';
let received: { authorization?: string; input?: IDataObject } = {};
let server: Server;
let gatewayUrl: string;

async function bodyOf(request: IncomingMessage): Promise<string> {
	let body = '';
	for await (const chunk of request) body += String(chunk);
	return body;
}

beforeAll(async () => {
	// every echo is of what the request really carried, never a copy of the test's constants
	server = createServer(async (request, response) => {
		const authorization = String(request.headers.authorization ?? '');
		const input = (JSON.parse(await bodyOf(request)) as { variables?: { input?: IDataObject } })
			.variables?.input;
		received = { authorization, input };
		if (echo === 'page') {
			response.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
			response.end(htmlPageEchoing(authorization, 30));
			return;
		}
		const message = [
			`invalid API key ${authorization}`,
			`(url-encoded ${encodeURIComponent(authorization)}, as JSON ${JSON.stringify(authorization)})`,
			`Variable "$input" got invalid value ${JSON.stringify(input?.headers ?? {})}`,
		].join(' ');
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ errors: [{ message }], data: null }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/core/gq`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	echo = 'graphql';
	received = {};
});

function run(parameters: IDataObject, continueOnFail = false) {
	return executeNode({
		nodeType: new Bcrumbs(),
		typeName: 'n8n-nodes-bcrumbs.bcrumbs',
		parameters: { resource: 'webhook', ...parameters } as never,
		credentials: { bcrumbsApi: { apiKey: SAVED_KEY, workspaceId: 12, gatewayUrl } },
		continueOnFail,
	});
}

const listing = { operation: 'getAll', returnAll: true };

const failureOf = (parameters: IDataObject) => thrownBy(() => run(parameters));

/**
 * Everything the error carries that n8n may show or log, but the node itself: n8n attaches the node's own
 * parameters to every error, and Create's header values are among them, as the user typed them.
 */
const shownWithoutNode = (error: ThrownError) => shown(error, { withoutNode: true });

describe('a gateway echoing the API key saved with white space around it', () => {
	it('receives the key trimmed: the form to redact is not the one saved', async () => {
		await failureOf(listing);
		expect(received.authorization).toBe(TRIMMED_KEY);
	});

	it.each<Echo>(['graphql', 'page'])(
		'%s echo: the thrown error (message, description, stack) holds no 8-character piece of the key',
		async (kind) => {
			echo = kind;
			const error = await failureOf(listing);
			expect(error.message).toContain('[redacted]');
			expect(shownWithoutNode(error)).not.toContain(TRIMMED_KEY);
			expect(keyFragmentsIn(shownWithoutNode(error), TRIMMED_KEY, 8)).toEqual([]);
		},
	);

	it('the Continue On Fail item holds no 8-character piece of the key either', async () => {
		const [items] = await run(listing, true);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toContain('[redacted]');
		expect(keyFragmentsIn(JSON.stringify(items), TRIMMED_KEY, 8)).toEqual([]);
	});
});

describe("a gateway echoing Create's header values", () => {
	const create = {
		operation: 'create',
		label: 'CRM hook',
		url: 'https://crm.example.com/in',
		event: 'NEW_CONV',
		additionalFields: {
			headers: {
				header: [
					{ name: 'x-short', value: 'abc' },
					{ name: 'x-one', value: 'q' },
					{ name: 'x-five', value: '12345' },
				],
			},
		},
	};

	it('a 3-character value is in neither the thrown error nor its description', async () => {
		const error = await failureOf(create);
		expect(received.input?.headers).toEqual({ 'x-short': 'abc', 'x-one': 'q', 'x-five': '12345' });
		expect(error.message).toContain(
			'{"x-short":"[redacted]","x-one":"[redacted]","x-five":"[redacted]"}',
		);
		expect(shownWithoutNode(error)).not.toContain('abc');
		expect(shownWithoutNode(error)).not.toContain('12345');
		expect(error.description).not.toContain('abc');
	});

	it('nor in the Continue On Fail item', async () => {
		const [items] = await run(create, true);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toContain('"x-short":"[redacted]"');
		expect(JSON.stringify(items)).not.toContain('abc');
		expect(JSON.stringify(items)).not.toContain('"q"');
	});
});
