/** The two CLIs, run as real processes (npm run sandbox / sandbox:emit use the same entry points). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { parseEmitArgs } from '../../sandbox/emitCli';
import { startReceiver, type Receiver } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function runTs(
	script: string,
	args: string[],
	env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
	});
}

function finished(
	child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with everything printed once `marker` shows up on stdout. */
function waitForOutput(child: ChildProcessWithoutNullStreams, marker: RegExp): Promise<string> {
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			if (marker.test(out)) resolve(out);
		});
		child.on('close', (code) =>
			reject(new Error(`exited with ${code} before printing ${marker}: ${out}`)),
		);
	});
}

describe('sandbox CLI + emit CLI', () => {
	let server: ChildProcessWithoutNullStreams;
	let banner: string;
	let port: string;
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		server = runTs('sandbox/cli.ts', [], {
			SANDBOX_PORT: '0',
			SANDBOX_API_KEY: 'bck_cli_test_key',
			SANDBOX_DELETE_MUTATION: 'false',
		});
		banner = await waitForOutput(server, /Stop: Ctrl\+C/);
		port = /127\.0\.0\.1:(\d+)\/core\/gq/.exec(banner)![1];
	});
	afterAll(async () => {
		if (server.exitCode === null) {
			const exit = finished(server);
			server.kill('SIGTERM');
			await exit;
		}
		await receiver.close();
	});

	test('prints the GraphQL URL, key, workspace and how to emit', () => {
		expect(banner).toContain(`GraphQL URL:   http://127.0.0.1:${port}/core/gq`);
		expect(banner).toContain('bck_cli_test_key');
		expect(banner).toContain('Workspace id:  12');
		// the CLI stands in for the real gateway: documented unless SANDBOX_PROFILE says otherwise
		expect(banner).toContain('Profile:       documented');
		expect(banner).toContain(`npm run sandbox:emit -- INCOMING_MESSAGE --port ${port}`);
	});

	test('uses SANDBOX_API_KEY and SANDBOX_DELETE_MUTATION=false', async () => {
		const response = await fetch(`http://127.0.0.1:${port}/core/gq`, {
			method: 'POST',
			headers: { authorization: 'bck_cli_test_key', 'content-type': 'application/json' },
			body: JSON.stringify({ query: '{ __schema { mutationType { fields { name } } } }' }),
		});
		const body = await response.json();
		expect(body.data.__schema.mutationType.fields).toEqual([{ name: 'createWebhook' }]);
	});

	test('sandbox:emit delivers to a registered webhook and prints it', async () => {
		const create = await fetch(`http://127.0.0.1:${port}/core/gq`, {
			method: 'POST',
			headers: { authorization: 'bck_cli_test_key', 'content-type': 'application/json' },
			body: JSON.stringify({
				query: 'mutation($input: WebhookCreateInput!) { createWebhook(input: $input) { id } }',
				variables: {
					input: { workspaceId: 12, label: 'cli', url: `${receiver.url}/cli`, event: 'ANY_EVENT' },
				},
			}),
		});
		const { id } = (await create.json()).data.createWebhook;
		const result = await finished(runTs('sandbox/emitCli.ts', ['NEW_CONV', '--port', port]));
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('NEW_CONV: 1 delivery');
		expect(result.stdout).toContain(`POST ${receiver.url}/cli [webhook ${id}] -> HTTP 200 ok`);
		expect(JSON.parse(receiver.requests[0].body).event).toBe('NEW_CONV');
	});

	test('SIGTERM stops the server cleanly', async () => {
		const exit = finished(server);
		server.kill('SIGTERM');
		expect((await exit).code).toBe(0);
	});
});

test('SANDBOX_PROFILE=extended offers deleteWebhook; an unknown profile exits 1', async () => {
	const extended = runTs('sandbox/cli.ts', [], { SANDBOX_PORT: '0', SANDBOX_PROFILE: 'extended' });
	const banner = await waitForOutput(extended, /Stop: Ctrl\+C/);
	const exit = finished(extended);
	extended.kill('SIGTERM');
	await exit;
	expect(banner).toContain('Profile:       extended');
	expect(banner).toContain('deleteWebhook: enabled');
	const bad = await finished(
		runTs('sandbox/cli.ts', [], { SANDBOX_PORT: '0', SANDBOX_PROFILE: 'real' }),
	);
	expect(bad.code).toBe(1);
	expect(bad.stderr).toContain('SANDBOX_PROFILE must be one of documented, extended, got "real"');
});

describe('emit CLI arguments', () => {
	test('an unknown event exits 2 and lists the valid ones', async () => {
		const result = await finished(runTs('sandbox/emitCli.ts', ['INCOMING_MSG']));
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('Unknown event "INCOMING_MSG"');
		expect(result.stderr).toContain(
			'INCOMING_MESSAGE, OUTGOING_MESSAGE, MESSAGE_UPDATED, MESSAGE_UPDATED_SMPP',
		);
	});

	test('parses event, all, --port, --workspace, --payload', () => {
		expect(parseEmitArgs(['INCOMING_MESSAGE'])).toEqual({
			events: ['INCOMING_MESSAGE'],
			port: 4455,
		});
		expect(parseEmitArgs(['new_conv', '--port', '5000'])).toMatchObject({
			events: ['NEW_CONV'],
			port: 5000,
		});
		expect(parseEmitArgs(['all', '--port=5001']).events).toHaveLength(8);
		expect(parseEmitArgs(['NEW_CLIENT'], { SANDBOX_PORT: '4999' }).port).toBe(4999);
		expect(
			parseEmitArgs(['NEW_CLIENT', '--workspace', '31', '--payload', '{"name":"Ada"}']),
		).toMatchObject({
			workspaceId: 31,
			payload: { name: 'Ada' },
		});
	});

	test.each([
		[['ANY_EVENT'], /wildcard/],
		[[], /exactly one event/],
		[['NEW_CONV', '--port', 'x'], /Invalid port/],
		[['NEW_CONV', '--payload', '[1]'], /JSON object/],
		[['NEW_CONV', '--colour', 'red'], /Unknown option/],
	])('rejects %j', (argv, message) => {
		expect(() => parseEmitArgs(argv)).toThrow(message);
	});
});
