// SMPP receipts (MESSAGE_UPDATED_SMPP) in a real n8n, against both sandbox profiles at once: the documented
// gateway sends the GET with no custom headers, so the token in the registered URL's path verifies it.
// Every way a sender adds message_id/status (URL API, '&', a naive second '?', a rebuilt query) verifies;
// a GET with a missing or wrong token gets 401 and starts nothing; the token is in no item, and in n8n's
// debug log only in n8n's own line naming a webhook's path; a receipt at the query-form URL of
// registrations made before still verifies.
import { QUERY_JOINS, startSandbox, type Sandbox, type SandboxProfile } from '../../sandbox';
import type { Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

const PROFILES: SandboxProfile[] = ['documented', 'extended'];
const EVENTS = ['INCOMING_MESSAGE', setup.SMPP];

interface Subject {
	sandbox: Sandbox;
	workflow: Workflow;
	url: string;
}

describe('SMPP receipts in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	const subjects = {} as Record<SandboxProfile, Subject>;

	const receiptUrlOf = (profile: SandboxProfile) => {
		const { sandbox, url } = subjects[profile];
		return setup
			.registrationsFor(sandbox, url)
			.find((webhook) => webhook.event.trim() === setup.SMPP)!.url;
	};
	const tokenOf = (profile: SandboxProfile) => receiptUrlOf(profile).split('/').pop() as string;

	beforeAll(async () => {
		const [started, sandboxes] = await setup.step('start n8n (debug log) + sandboxes', () =>
			Promise.all([
				setup.startN8nWithPackage('debug'),
				Promise.all(PROFILES.map((profile) => startSandbox({ profile }))),
			]),
		);
		app = started;
		for (const [index, profile] of PROFILES.entries()) {
			const sandbox = sandboxes[index];
			const credential = await setup.createSandboxCredential(
				app.rest,
				`${profile} bcrumbs`,
				sandbox,
			);
			const { workflow, url } = await setup.createTrigger(app, {
				name: `receipts ${profile}`,
				credential,
				events: EVENTS,
			});
			await setup.step(`activate (${profile})`, () => app.rest.activate(workflow.id));
			subjects[profile] = { sandbox, workflow, url };
		}
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandboxes', () =>
			setup.stopAll(
				app?.n8n,
				PROFILES.map((profile) => subjects[profile]?.sandbox).filter(Boolean),
			),
		);
		setup.printTimings('bcrumbs-receipts');
	});

	it.each(PROFILES)(
		'%s: the receipt is registered once, at its receipt path ending in a token',
		(profile) => {
			const { sandbox, url } = subjects[profile];
			expect(
				setup
					.registrationsFor(sandbox, url)
					.filter((webhook) => webhook.event.trim() === setup.SMPP),
			).toHaveLength(1);
			const id = url.split('/').slice(-2)[0];
			expect(receiptUrlOf(profile)).toBe(
				`${url.slice(0, -'/webhook'.length)}/${id}/receipt/${tokenOf(profile)}`,
			);
			expect(tokenOf(profile)).toMatch(/^[0-9a-f]{64}$/);
		},
	);

	it.each(PROFILES)(
		'%s: receipts joined every way a sender may (URL API, "&", a second "?", a rebuilt query) verify and start one execution each, without the token',
		async (profile) => {
			const { sandbox, workflow } = subjects[profile];
			const before = await setup.executionCount(app.rest, workflow.id);
			const deliveries = [];
			for (const queryJoin of QUERY_JOINS)
				deliveries.push(
					...(await sandbox.emit(setup.SMPP, {
						queryJoin,
						payload: { message_id: `wamid_${queryJoin}`, status: 'DELIVRD' },
					})),
				);
			expect(deliveries.map((delivery) => delivery.status)).toEqual(QUERY_JOINS.map(() => 200));
			const runs = await setup.step(`wait for ${QUERY_JOINS.length} executions (${profile})`, () =>
				setup.newExecutions(app.rest, workflow.id, before, QUERY_JOINS.length),
			);
			const items = runs.map((run) => setup.triggerItems(run)[0]);
			expect(items.map((item) => [item.messageId, item.status, item.valid]).sort()).toEqual(
				QUERY_JOINS.map((join) => [`wamid_${join}`, 'DELIVRD', true]).sort(),
			);
			const received = JSON.stringify(runs);
			expect(received).not.toContain('n8n_token');
			expect(received).not.toContain(tokenOf(profile).slice(0, 8));
		},
	);

	it.each(PROFILES)(
		'%s: a receipt at the query-form URL of registrations made before still verifies',
		async (profile) => {
			const { workflow, url } = subjects[profile];
			const before = await setup.executionCount(app.rest, workflow.id);
			const legacy = `${url}?n8n_token=${tokenOf(profile)}&message_id=wamid_LEGACY&status=DELIVRD`;
			expect((await setup.send(legacy)).status).toBe(200);
			const [run] = await setup.newExecutions(app.rest, workflow.id, before, 1);
			expect(setup.triggerItems(run)[0]).toMatchObject({ messageId: 'wamid_LEGACY', valid: true });
		},
	);

	it.each(PROFILES)(
		'%s: a GET without the header and with a missing or wrong token gets 401 and starts nothing',
		async (profile) => {
			const { workflow, url } = subjects[profile];
			const registered = receiptUrlOf(profile);
			const wrong = registered.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
			const before = await setup.executionCount(app.rest, workflow.id);
			const forged = await Promise.all([
				setup.send(`${url}?message_id=x&status=DELIVRD`),
				setup.send(`${wrong}?message_id=x&status=DELIVRD`),
				setup.send(`${wrong}&message_id=x&status=DELIVRD`),
				setup.send(`${registered.slice(0, -1)}?message_id=x&status=DELIVRD`),
				setup.send(`${url}?n8n_token=${'0'.repeat(64)}&message_id=x&status=DELIVRD`),
			]);
			expect(forged.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
			await setup.expectNoNewExecution(app.rest, workflow.id, before);
		},
	);

	it("the tokens appear in n8n's debug log only where n8n itself logs a webhook's path", () => {
		const log = app.n8n.logs();
		expect(log).toMatch(/debug/i);
		for (const profile of PROFILES) {
			const lines = log.split('\n').filter((line) => line.includes(tokenOf(profile)));
			// n8n's own debug line for every production webhook call; at its default level (info) it is not written
			expect(lines.length).toBeGreaterThan(0);
			for (const line of lines) expect(line).toMatch(/Received webhook "GET" for path "/);
		}
	});
});
