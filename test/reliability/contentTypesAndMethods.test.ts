/**
 * Authentic requests with the wrong content type, an empty or unparsable body, or an unexpected method,
 * through n8n-core's webhook context over real HTTP. Each must be answered (send() rejects when not), with
 * either an execution whose items are all flagged, or a clear 4xx and no execution. Never a 5xx, never
 * silence. The harness parses only application/json (express.json, 100 KB limit), so other types reach
 * the node with no body and no raw bytes.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Platform } from '../../nodes/shared/core/normalized';
import {
	send,
	startTrigger,
	useLiveTrigger,
	type LiveTrigger,
	type RawResponse,
} from './support/liveTriggers';
import { HUGE_STRING } from './support/mutations';
import { takeRefusalCauses } from '../../support/n8nLog';
import { ALL_DESCRIPTORS, exampleNamed, sampleExample } from '../../support/platforms';

/** The examples these requests carry where not the platform's sample example. */
const EXAMPLES: Partial<Record<Platform, string>> = {
	bcrumbs: 'NEW_CONV',
	bik: 'status-update-sent-crm',
	mobtexting: 'whatsapp-message-status',
	wakit: 'conversation-insert',
};
const bodyOf = (platform: Platform): unknown => {
	const name = EXAMPLES[platform];
	return (name === undefined ? sampleExample(platform) : exampleNamed(platform, name)).body;
};

interface Variant {
	name: string;
	contentType?: string;
	body: (json: string) => string | undefined;
	method?: string;
}

const VARIANTS: Variant[] = [
	{ name: 'text/plain carrying JSON', contentType: 'text/plain', body: (json) => json },
	{
		name: 'a form body',
		contentType: 'application/x-www-form-urlencoded',
		body: () => 'event=NEW_CONV&workspaceId=12',
	},
	{
		name: 'multipart form data',
		contentType: 'multipart/form-data; boundary=x',
		body: () => '--x\r\nContent-Disposition: form-data; name="event"\r\n\r\nNEW_CONV\r\n--x--\r\n',
	},
	{ name: 'XML', contentType: 'application/xml', body: () => '<event>NEW_CONV</event>' },
	{ name: 'no content type', body: (json) => json },
	{ name: 'an empty JSON body', contentType: 'application/json', body: () => '' },
	{ name: 'no body at all', contentType: 'application/json', body: () => undefined },
	{ name: 'invalid JSON', contentType: 'application/json', body: (json) => json.slice(0, -3) },
	{ name: 'a top-level JSON string', contentType: 'application/json', body: () => '"hello"' },
	{ name: 'JSON null', contentType: 'application/json', body: () => 'null' },
	{ name: 'an empty JSON array', contentType: 'application/json', body: () => '[]' },
	{
		name: 'a JSON body over 100 KB',
		contentType: 'application/json',
		body: () => JSON.stringify({ event: 'NEW_CONV', filler: HUGE_STRING }),
	},
	{
		name: 'PUT with the JSON body',
		method: 'PUT',
		contentType: 'application/json',
		body: (json) => json,
	},
	{ name: 'DELETE without a body', method: 'DELETE', body: () => undefined },
	{ name: 'HEAD', method: 'HEAD', body: () => undefined },
];

/** Answered, and either an execution of sound items, flagged unless `mayBeValid`, or a 4xx and nothing started. */
function expectExecutionOrClearRefusal(
	response: RawResponse,
	trigger: LiveTrigger,
	mayBeValid = false,
): void {
	const executions = trigger.harness.executions;
	if (response.status === 200 && executions.length > 0) {
		expect(executions).toHaveLength(1);
		for (const item of executions[0] as IDataObject[]) {
			if (!mayBeValid || item.valid !== true)
				expect(item).toMatchObject({
					valid: false,
					problems: expect.arrayContaining([expect.any(String)]),
				});
		}
		return;
	}
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.status).toBeLessThan(500);
	expect(executions).toEqual([]);
	// a 401 logs its cause, once an hour per cause on this shared node; other answers log no refusal
	const causes = takeRefusalCauses();
	if (response.status === 401) expect(causes.length).toBeLessThanOrEqual(1);
	else expect(causes).toEqual([]);
}

describe.each(ALL_DESCRIPTORS.map((descriptor) => descriptor.platform))(
	'%s trigger with odd content types and methods',
	(platform) => {
		let trigger: LiveTrigger;
		useLiveTrigger(platform, (started) => (trigger = started));
		beforeEach(() => {
			trigger.harness.executions.length = 0;
		});

		it('control: JSON with a charset parameter is read normally', async () => {
			const raw = JSON.stringify(bodyOf(platform));
			const response = await send(trigger.url, {
				body: raw,
				headers: { 'content-type': 'application/json; charset=utf-8', ...trigger.auth(raw) },
			});
			expect(response.status).toBe(200);
			expect(trigger.harness.executions).toEqual([[expect.objectContaining({ valid: true })]]);
		});

		it.each(VARIANTS)(
			'$name: answered, with flagged items or a clear 4xx',
			async ({ contentType, body, method }) => {
				const raw = body(JSON.stringify(bodyOf(platform)));
				const headers = {
					...(contentType ? { 'content-type': contentType } : {}),
					...trigger.auth(raw ?? ''),
				};
				const response = await send(trigger.url, { method: method ?? 'POST', body: raw, headers });
				// a PUT of a proper delivery is still that delivery: the harness, like the node, reads it (n8n itself would 404 the method)
				expectExecutionOrClearRefusal(response, trigger, method === 'PUT');
			},
		);

		it('a GET: answered without starting anything unless it is the bcrumbs SMPP route', async () => {
			const response = await send(trigger.url, { method: 'GET', headers: trigger.auth('') });
			if (platform === 'bcrumbs') expectExecutionOrClearRefusal(response, trigger);
			else {
				// POST-only nodes have no GET webhook: n8n answers 404; the harness finds no webhook description and answers 500
				expect(response.status).toBeGreaterThanOrEqual(400);
				expect(trigger.harness.executions).toEqual([]);
			}
		});
	},
);

describe('bcrumbs SMPP route (GET) with missing or odd parameters', () => {
	let trigger: LiveTrigger;
	useLiveTrigger('bcrumbs', (started) => (trigger = started));
	beforeEach(() => {
		trigger.harness.executions.length = 0;
	});

	it.each([
		['no parameters', ''],
		['only message_id', '?message_id=wamid_ABC123'],
		['only status', '?status=DELIVRD'],
		['blank values', '?message_id=%20&status='],
		['a repeated message_id', '?message_id=a&message_id=b&status=DELIVRD'],
		['bracket syntax', '?message_id[x]=a&status[y]=DELIVRD'],
	])('%s: one execution with one flagged item carrying the query', async (_name, query) => {
		const response = await send(trigger.url, { method: 'GET', query, headers: trigger.auth('') });
		expect(response.status).toBe(200);
		expect(trigger.harness.executions).toEqual([
			[
				expect.objectContaining({
					event: 'MESSAGE_UPDATED_SMPP',
					valid: false,
					rawBody: expect.any(Object),
				}),
			],
		]);
		expect((trigger.harness.executions[0][0].problems as string[]).length).toBeGreaterThan(0);
	});

	it('control: a complete receipt is valid', async () => {
		await send(trigger.url, {
			method: 'GET',
			query: '?message_id=wamid_ABC123&status=delivrd',
			headers: trigger.auth(''),
		});
		expect(trigger.harness.executions).toEqual([
			[expect.objectContaining({ valid: true, statusFamily: 'delivered' })],
		]);
	});
});

describe('MOBtexting: an authentic batch holding a handshake-shaped element (bug demonstration)', () => {
	it('starts an execution or refuses; it does not answer 200 with nothing started and nothing skipped', async () => {
		const trigger = await startTrigger('mobtexting');
		try {
			const raw = JSON.stringify([{ validation_key: 'vk-0001', challenge: 'challenge-8812' }]);
			const response = await send(trigger.url, {
				body: raw,
				headers: { 'content-type': 'application/json', ...trigger.auth(raw) },
			});
			expect(response.json).not.toEqual({ received: true, started: false, skipped: 0 });
			expectExecutionOrClearRefusal(response, trigger);
		} finally {
			await trigger.close();
		}
	});
});
