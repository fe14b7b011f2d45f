// The harness itself, under jest: two n8n instances side by side (distinct ports,
// distinct task-runner brokers), "Execute workflow" through a Code node (which runs
// in the task runner, so it proves the broker port setting works), clean stop; then a
// throwaway package with a self-registering webhook trigger (harness/smokePackage.ts)
// packed, installed, activated, triggered, deactivated, listened to and restarted.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { freePort, isPortFree } from '../harness/freePort';
import { LANE } from '../harness/install';
import { N8nProcess } from '../harness/n8n';
import { chain, manualTriggerNode } from '../harness/nodes';
import { npmPack } from '../harness/pack';
import { groupAlive } from '../harness/proc';
import { N8nRestClient, nodeOutput } from '../harness/rest';
import { HttpSink, reply } from '../harness/sink';
import {
	SMOKE_CREDENTIAL_TYPE,
	SMOKE_NODE_TYPE,
	SMOKE_PACKAGE,
	SMOKE_WEBHOOK_PATH,
	writeSmokePackage,
} from '../harness/smokePackage';

const workflow = {
	name: 'code via task runner',
	nodes: [
		manualTriggerNode(),
		{
			name: 'Code',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: 'return [{ json: { sum: 1 + 2, pid: typeof process } }];' },
		},
	],
	connections: chain('Start', 'Code'),
};

describe('n8n harness', () => {
	const instances: N8nProcess[] = [];
	afterAll(async () => {
		await Promise.all(instances.map((i) => i.stop({ removeUserFolder: true })));
	});

	it('runs two isolated instances and executes a Code node in each', async () => {
		instances.push(...(await Promise.all([N8nProcess.start(), N8nProcess.start()])));
		const [a, b] = instances;
		expect(a.port).not.toBe(b.port);
		expect(a.brokerPort).not.toBe(b.brokerPort);

		for (const n8n of instances) {
			const rest = new N8nRestClient(n8n.baseUrl);
			await rest.setupOwner();
			const wf = await rest.createWorkflow(workflow);
			const exec = await rest.runManually(wf.id);
			expect(exec.status).toBe('success');
			expect(exec.mode).toBe('manual');
			expect(nodeOutput(exec, 'Code')).toEqual([{ sum: 3, pid: 'undefined' }]);
			expect((await rest.listExecutions(wf.id)).map((e) => e.id)).toContain(exec.id);
		}
	});

	it('stop() leaves nothing running and frees the ports', async () => {
		for (const n8n of instances) {
			await n8n.stop();
			expect(n8n.running).toBe(false);
			expect(groupAlive(n8n.pid)).toBe(false);
			expect(await isPortFree(n8n.port)).toBe(true);
			expect(await isPortFree(n8n.brokerPort)).toBe(true);
			expect(n8n.logs()).toMatch(/Editor is now accessible/);
		}
	});

	it('retries a start whose task-broker port was taken meanwhile, on fresh ports', async () => {
		const busyPort = await freePort();
		const squatter = net.createServer();
		await new Promise<void>((resolve) => squatter.listen(busyPort, '127.0.0.1', resolve));
		const lines: string[] = [];
		try {
			const n8n = await N8nProcess.start({ brokerPort: busyPort, log: (l) => lines.push(l) });
			instances.push(n8n);
			expect(n8n.brokerPort).not.toBe(busyPort);
			expect(lines.join('\n')).toMatch(new RegExp(`${busyPort}.*retrying with fresh ports`, 'i'));
			// the lane's n8n on the lane's node, not whatever runs the tests
			expect(n8n.install.version).toBe(LANE.n8nVersion);
			const health = await fetch(`${n8n.baseUrl}/healthz/readiness`);
			expect(health.status).toBe(200);
			await n8n.stop();
		} finally {
			squatter.close();
		}
	});
});

/** A fake remote service that keeps webhook registrations, like a real API would. */
function fakeService(sink: HttpSink) {
	const registrations = new Map<string, string>();
	let counter = 0;
	sink.on('POST', '/lifecycle/create', (r) => {
		const id = `reg-${++counter}`;
		registrations.set(id, (r.body as { url: string }).url);
		return { id };
	});
	sink.on('POST', '/lifecycle/checkExists', (r) => {
		const id = (r.body as { staticData?: { registrationId?: string } }).staticData?.registrationId;
		return { exists: !!id && registrations.has(id) };
	});
	sink.on('GET', '/credential-test', (r) =>
		r.headers['x-token'] === 'good-token' ? { ok: true } : reply(401, { error: 'bad token' }),
	);
	sink.on('POST', '/lifecycle/delete', (r) => {
		registrations.delete((r.body as { id: string }).id);
		return { deleted: true };
	});
	return registrations;
}

/** The smoke trigger feeding an HTTP Request node that posts each item back to the sink. */
function smokeWorkflow(sinkUrl: string, webhookId: string) {
	return {
		name: 'harness smoke',
		nodes: [
			{
				name: 'Smoke Trigger',
				type: SMOKE_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { serviceUrl: sinkUrl },
			},
			{
				name: 'Deliver',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: `${sinkUrl}/delivered`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'Smoke Trigger': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const postJson = (url: string, body: unknown) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

// The steps build on each other: each test takes the n8n, workflow and sink state the one before left.
describe('a package through the webhook lifecycle, driven by the harness', () => {
	const webhookId = randomUUID(); // the editor assigns one to every webhook node
	let tmp: string;
	let sink: HttpSink;
	let registrations: Map<string, string>;
	let n8n: N8nProcess;
	let rest: N8nRestClient;
	let workflowId: string;
	let productionUrl: string;

	beforeAll(async () => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-smoke-'));
		sink = await HttpSink.start();
		registrations = fakeService(sink);
		const tarball = await npmPack(
			writeSmokePackage(path.join(tmp, 'pkg')),
			path.join(tmp, 'packs'),
		);
		n8n = await N8nProcess.start({ packageTarballs: [tarball], logLevel: 'debug' });
		rest = new N8nRestClient(n8n.baseUrl);
		await rest.setupOwner();
		productionUrl = n8n.productionWebhookUrl(`${webhookId}/${SMOKE_WEBHOOK_PATH}`);
	});
	afterAll(async () => {
		await n8n?.stop({ removeUserFolder: true });
		await sink?.close();
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('installs the package as n8n does: its peer n8n-workflow not again, its node type listed', async () => {
		expect(fs.existsSync(path.join(n8n.userFolder, '.n8n/nodes/node_modules/n8n-workflow'))).toBe(
			false,
		);
		expect(n8n.logs()).toMatch(
			new RegExp(`Loaded all credentials and nodes from ${SMOKE_PACKAGE}`),
		);
		expect((await rest.nodeTypes()).map((type) => type.name)).toContain(SMOKE_NODE_TYPE);
	});

	it("tests a credential through the service's test request: OK with the good token, Error with a wrong one", async () => {
		const data = { url: sink.url, token: 'good-token' };
		const credential = await rest.createCredential({
			name: 'smoke cred',
			type: SMOKE_CREDENTIAL_TYPE,
			data,
		});
		expect(await rest.testCredential({ ...credential, data })).toMatchObject({ status: 'OK' });
		expect(
			await rest.testCredential({ ...credential, data: { ...data, token: 'wrong' } }),
		).toMatchObject({ status: 'Error' });
	});

	it('activation registers the production URL; a delivery runs the workflow as a webhook execution', async () => {
		workflowId = (await rest.createWorkflow(smokeWorkflow(sink.url, webhookId))).id;
		await rest.activate(workflowId);
		const created = await sink.waitFor('/lifecycle/create', 1, 5000);
		expect((created.body as { url: string }).url).toBe(productionUrl);

		const response = await postJson(productionUrl, { hello: 'world' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ received: true });
		const delivered = await sink.waitFor('/delivered', 1);
		expect((delivered.body as { body: unknown }).body).toEqual({ hello: 'world' });

		const [listed] = await rest.waitForExecutions(workflowId, 1);
		expect(listed.mode).toBe('webhook');
		const execution = await rest.getExecution(listed.id);
		expect(execution.status).toBe('success');
		expect((nodeOutput(execution, 'Smoke Trigger')[0] as { body: unknown }).body).toEqual({
			hello: 'world',
		});
	});

	it('deactivation deletes the registration', async () => {
		await rest.deactivate(workflowId);
		await sink.waitFor('/lifecycle/delete', 1, 5000);
		expect(registrations.size).toBe(0);
	});

	it('"Listen for test event" registers the /webhook-test/ URL and removes it after one call', async () => {
		await rest.listenForTestEvent(workflowId, 'Smoke Trigger');
		const created = await sink.waitFor('/lifecycle/create', 2, 5000);
		const testUrl = (created.body as { url: string }).url;
		expect(testUrl).toBe(n8n.testWebhookUrl(`${webhookId}/${SMOKE_WEBHOOK_PATH}`));
		expect((await postJson(testUrl, { test: 1 })).status).toBe(200);
		await sink.waitFor('/delivered', 2);
		await sink.waitFor('/lifecycle/delete', 2, 5000);
	});

	it('"Stop listening" (DELETE /rest/test-webhook/:id) removes a test webhook not called', async () => {
		await rest.listenForTestEvent(workflowId, 'Smoke Trigger');
		await sink.waitFor('/lifecycle/create', 3, 5000);
		await rest.stopListening(workflowId);
		await sink.waitFor('/lifecycle/delete', 3, 5000);
	});

	it('a restart (same user folder and port) ends the old process group; re-activation registers again', async () => {
		const oldPid = n8n.pid;
		n8n = await n8n.restart();
		expect(groupAlive(oldPid)).toBe(false);
		rest = new N8nRestClient(n8n.baseUrl);
		await rest.login();
		await rest.activate(workflowId);
		await sink.waitFor('/lifecycle/create', 4, 5000);
		expect((await postJson(productionUrl, { n: 2 })).status).toBe(200);
		await sink.waitFor('/delivered', 3);
	});

	// n8n 2.41's publication service activates published workflows at startup without calling the
	// webhook checks, and after readiness (a delivery can meet 404 for a moment); without it n8n calls
	// checkExists first. Either way: no second registration, and deliveries arrive.
	it('a restart while active creates no second registration and deliveries still arrive', async () => {
		n8n = await n8n.restart();
		const deadline = Date.now() + 30_000;
		let status = 404;
		while (status === 404 && Date.now() < deadline) {
			status = (await postJson(productionUrl, { n: 3 })).status;
			if (status === 404) await new Promise((r) => setTimeout(r, 250));
		}
		expect(status).toBe(200);
		await sink.waitFor('/delivered', 4);
		expect(sink.received('/lifecycle/create')).toHaveLength(4);
	});
});
