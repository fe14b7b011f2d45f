// End-to-end proof that the harness drives a real n8n: a throwaway package with a
// self-registering webhook trigger is packed, installed, activated, triggered,
// deactivated, restarted. Run: npx ts-node --transpile-only e2e/harness.smoke.ts
import * as assert from 'assert';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isPortFree } from './harness/freePort';
import { ensureN8n } from './harness/install';
import { N8nProcess } from './harness/n8n';
import { npmPack } from './harness/pack';
import { groupAlive } from './harness/proc';
import { N8nRestClient, nodeOutput } from './harness/rest';
import { HttpSink, reply } from './harness/sink';
import {
	SMOKE_CREDENTIAL_TYPE,
	SMOKE_NODE_TYPE,
	SMOKE_PACKAGE,
	SMOKE_WEBHOOK_PATH,
	writeSmokePackage,
} from './harness/smokePackage';

const verbose = process.argv.includes('--verbose');
const timings: Array<[string, number]> = [];
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	const out = await fn();
	const ms = Date.now() - t0;
	timings.push([name, ms]);
	console.log(`ok  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
	return out;
}

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

async function main() {
	const log = verbose ? (l: string) => console.log('   ' + l) : undefined;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-smoke-'));
	const sink = await HttpSink.start();
	const registrations = fakeService(sink);
	let n8n: N8nProcess | undefined;
	try {
		const install = await step('ensureN8n (warm after first run)', () =>
			ensureN8n({ log: (l) => console.log('   ' + l) }),
		);
		console.log(`    n8n ${install.version}`);

		const tarball = await step('write + npm pack throwaway package', () =>
			npmPack(writeSmokePackage(path.join(tmp, 'pkg')), path.join(tmp, 'packs'), log),
		);

		n8n = await step('start n8n with the package (install tarball + boot)', () =>
			N8nProcess.start({ packageTarballs: [tarball], logLevel: 'debug', log }),
		);
		console.log(`    ${n8n.baseUrl}  user folder: ${n8n.userFolder}`);
		assert.ok(
			!fs.existsSync(path.join(n8n.userFolder, '.n8n/nodes/node_modules/n8n-workflow')),
			'peer n8n-workflow must not be installed',
		);
		assert.match(n8n.logs(), new RegExp(`Loaded all credentials and nodes from ${SMOKE_PACKAGE}`));

		let rest = new N8nRestClient(n8n.baseUrl);
		await step('owner setup', () => rest.setupOwner());
		const types = await step('node types (GET /types/nodes.json)', () => rest.nodeTypes());
		assert.ok(
			types.some((t) => t.name === SMOKE_NODE_TYPE),
			`${SMOKE_NODE_TYPE} not listed`,
		);
		console.log(`    ${types.length} node type entries, ${SMOKE_NODE_TYPE} listed`);

		await step('create credential + test it (POST /rest/credentials/test)', async () => {
			const cred = await rest.createCredential({
				name: 'smoke cred',
				type: SMOKE_CREDENTIAL_TYPE,
				data: { url: sink.url, token: 'good-token' },
			});
			const ok = await rest.testCredential({
				...cred,
				data: { url: sink.url, token: 'good-token' },
			});
			assert.strictEqual(ok.status, 'OK', JSON.stringify(ok));
			const bad = await rest.testCredential({ ...cred, data: { url: sink.url, token: 'wrong' } });
			assert.strictEqual(bad.status, 'Error', JSON.stringify(bad));
			console.log(`    good token -> ${JSON.stringify(ok)}; wrong token -> ${JSON.stringify(bad)}`);
		});

		const webhookId = randomUUID(); // the editor assigns one to every webhook node
		const wf = await step('create workflow', () =>
			rest.createWorkflow({
				name: 'harness smoke',
				nodes: [
					{
						name: 'Smoke Trigger',
						type: SMOKE_NODE_TYPE,
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: { serviceUrl: sink.url },
					},
					{
						name: 'Deliver',
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						position: [220, 0],
						parameters: {
							method: 'POST',
							url: `${sink.url}/delivered`,
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify($json) }}',
							options: {},
						},
					},
				],
				connections: { 'Smoke Trigger': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			}),
		);

		await step('activate (checkExists + create run)', () => rest.activate(wf.id));
		const created = await sink.waitFor('/lifecycle/create', 1, 5000);
		const prodUrl = n8n.productionWebhookUrl(`${webhookId}/${SMOKE_WEBHOOK_PATH}`);
		assert.strictEqual((created.body as { url: string }).url, prodUrl);
		console.log(`    create() got ${prodUrl}`);

		const delivered = await step(
			'delivery: POST production webhook -> execution -> sink',
			async () => {
				const res = await fetch(prodUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ hello: 'world' }),
				});
				assert.strictEqual(res.status, 200);
				assert.deepStrictEqual(await res.json(), { received: true });
				return sink.waitFor('/delivered', 1);
			},
		);
		assert.deepStrictEqual((delivered.body as { body: unknown }).body, { hello: 'world' });

		const execs = await step('listExecutions + getExecution', async () => {
			const list = await rest.waitForExecutions(wf.id, 1);
			return { list, full: await rest.getExecution(list[0].id) };
		});
		assert.strictEqual(execs.list[0].mode, 'webhook');
		assert.strictEqual(execs.full.status, 'success');
		assert.deepStrictEqual((nodeOutput(execs.full, 'Smoke Trigger')[0] as { body: unknown }).body, {
			hello: 'world',
		});

		await step('deactivate (delete runs)', async () => {
			await rest.deactivate(wf.id);
			await sink.waitFor('/lifecycle/delete', 1, 5000);
		});
		assert.strictEqual(registrations.size, 0);

		// "Listen for test event": registers the test webhook (create() with /webhook-test/ URL).
		await step('listen for test event + test delivery', async () => {
			await rest.listenForTestEvent(wf.id, 'Smoke Trigger');
			const c = await sink.waitFor('/lifecycle/create', 2, 5000);
			assert.strictEqual(
				(c.body as { url: string }).url,
				n8n!.testWebhookUrl(`${webhookId}/${SMOKE_WEBHOOK_PATH}`),
			);
			const res = await fetch((c.body as { url: string }).url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"test":1}',
			});
			assert.strictEqual(res.status, 200);
			await sink.waitFor('/delivered', 2);
			await sink.waitFor('/lifecycle/delete', 2, 5000); // a test webhook is removed after one call
		});
		const manualExec = (await rest.listExecutions(wf.id))[0];
		console.log(
			`    test event execution ${manualExec.id}: mode ${manualExec.mode}, status ${manualExec.status}`,
		);

		await step('listen again + stop listening (DELETE /rest/test-webhook/:id)', async () => {
			await rest.listenForTestEvent(wf.id, 'Smoke Trigger');
			await sink.waitFor('/lifecycle/create', 3, 5000);
			await rest.stopListening(wf.id);
			await sink.waitFor('/lifecycle/delete', 3, 5000);
		});

		const manualWf = await rest.createWorkflow({
			name: 'harness manual',
			nodes: [
				{
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					name: 'Deliver',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: { method: 'POST', url: `${sink.url}/manual`, options: {} },
				},
			],
			connections: { Start: { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
		});
		const manual = await step('runManually (Execute workflow) + wait', () =>
			rest.runManually(manualWf.id),
		);
		assert.strictEqual(manual.status, 'success');
		assert.strictEqual(sink.received('/manual').length, 1);
		console.log(
			`    manual execution ${manual.id}: Deliver output ${JSON.stringify(nodeOutput(manual, 'Deliver'))}`,
		);

		// Restart on the same user folder and port, then re-activate.
		const oldPid = n8n.pid;
		n8n = await step('restart n8n (stop + start, same user folder)', () => n8n!.restart());
		assert.ok(!groupAlive(oldPid), 'old process group still alive');
		rest = new N8nRestClient(n8n.baseUrl);
		await step('login after restart', () => rest.login());
		await step('re-activate (create runs again)', async () => {
			await rest.activate(wf.id);
			await sink.waitFor('/lifecycle/create', 4, 5000);
		});
		await step('delivery after re-activation', async () => {
			const res = await fetch(prodUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"n":2}',
			});
			assert.strictEqual(res.status, 200);
			await sink.waitFor('/delivered', 3);
		});

		// Restart while active: n8n re-adds the webhook at startup; checkExists sees the saved static data.
		const checksBefore = sink.received('/lifecycle/checkExists').length;
		n8n = await step('restart while active', () => n8n!.restart());
		const startupCheck = await sink.waitFor('/lifecycle/checkExists', checksBefore + 1, 5000);
		console.log(
			`    startup checkExists static data: ${JSON.stringify((startupCheck.body as { staticData: unknown }).staticData)}`,
		);
		assert.strictEqual(
			sink.received('/lifecycle/create').length,
			4,
			'no new create() expected: registration still exists',
		);
		await step('delivery after restart while active', async () => {
			const res = await fetch(prodUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"n":3}',
			});
			assert.strictEqual(res.status, 200);
			await sink.waitFor('/delivered', 4);
		});

		const last = n8n;
		await step('stop (whole process group)', () => last.stop({ removeUserFolder: true }));
		assert.ok(!groupAlive(last.pid), 'n8n process group still alive after stop');
		assert.ok(await isPortFree(last.port), 'n8n port still bound');
		assert.ok(await isPortFree(last.brokerPort), 'broker port still bound');
		n8n = undefined;

		console.log('\nlifecycle calls seen by the fake service:');
		for (const r of sink.requests.filter((x) => x.path.startsWith('/lifecycle/'))) {
			console.log(`    ${r.path.replace('/lifecycle/', '').padEnd(12)} ${JSON.stringify(r.body)}`);
		}
		console.log('\nSMOKE PASSED');
	} catch (e) {
		if (n8n) console.error('--- n8n log tail ---\n' + n8n.logs().slice(-6000));
		throw e;
	} finally {
		if (n8n) await n8n.stop();
		await sink.close();
		fs.rmSync(tmp, { recursive: true, force: true });
		console.log('\ntimings:');
		for (const [name, ms] of timings)
			console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
