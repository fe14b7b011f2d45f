// The harness itself, under jest: two n8n instances side by side (distinct ports,
// distinct task-runner brokers), "Execute workflow" through a Code node (which runs
// in the task runner, so it proves the broker port setting works), clean stop.
import * as net from 'net';
import { freePort, isPortFree } from '../harness/freePort';
import { LANE } from '../harness/install';
import { N8nProcess } from '../harness/n8n';
import { groupAlive } from '../harness/proc';
import { N8nRestClient, nodeOutput } from '../harness/rest';

const workflow = {
	name: 'code via task runner',
	nodes: [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			name: 'Code',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: 'return [{ json: { sum: 1 + 2, pid: typeof process } }];' },
		},
	],
	connections: { Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
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
