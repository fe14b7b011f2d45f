/**
 * `npm run sandbox`: a local bcrumbs gateway for building workflows without a
 * bcrumbs account.
 *   SANDBOX_PORT (default 4455, 0 = random), SANDBOX_API_KEY (default the
 *   sandbox key), SANDBOX_DELETE_MUTATION=false to drop deleteWebhook.
 */
import { DEFAULT_WORKSPACE_ID, SANDBOX_API_KEY } from './auth';
import { startSandbox } from './server';

export const DEFAULT_SANDBOX_PORT = 4455;

function portFromEnv(value: string | undefined): number {
	if (value === undefined || value === '') return DEFAULT_SANDBOX_PORT;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT must be a port number, got "${value}"`);
	return port;
}

async function main(): Promise<void> {
	const port = portFromEnv(process.env.SANDBOX_PORT);
	const apiKey = process.env.SANDBOX_API_KEY || SANDBOX_API_KEY;
	const deleteMutation = process.env.SANDBOX_DELETE_MUTATION?.toLowerCase() !== 'false';
	const sandbox = await startSandbox({
		port,
		apiKeys: [{ key: apiKey, workspaceId: DEFAULT_WORKSPACE_ID }],
		deleteMutation,
	});
	const actualPort = new URL(sandbox.baseUrl).port;

	console.log(
		[
			'bcrumbs sandbox gateway is running',
			`  GraphQL URL:   ${sandbox.url}`,
			`  API key:       ${apiKey}   (send it raw in the "authorization" header)`,
			`  Workspace id:  ${DEFAULT_WORKSPACE_ID}`,
			`  deleteWebhook: ${deleteMutation ? 'enabled' : 'disabled (SANDBOX_DELETE_MUTATION=false)'}`,
			'',
			'Emit an event to the registered webhooks:',
			`  npm run sandbox:emit -- INCOMING_MESSAGE --port ${actualPort}`,
			`  curl -s -X POST ${sandbox.baseUrl}/sandbox/emit -H 'content-type: application/json' -d '{"event":"INCOMING_MESSAGE"}'`,
			`Inspect: GET ${sandbox.baseUrl}/sandbox/webhooks   Stop: Ctrl+C`,
		].join('\n'),
	);

	const stop = (signal: string) => {
		console.log(`\n${signal} received, stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(`Could not start the sandbox: ${(error as Error).message}`);
	process.exit(1);
});
