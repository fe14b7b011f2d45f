/**
 * `npm run sandbox`: a local bcrumbs gateway for building workflows without a
 * bcrumbs account.
 *   SANDBOX_PORT (default 4455, 0 = random), SANDBOX_API_KEY (default the
 *   sandbox key), SANDBOX_PROFILE (documented, the default here: the API as
 *   bcrumbs publishes it; or extended), SANDBOX_DELETE_MUTATION=true|false
 *   to override the profile's deleteWebhook.
 */
import { DEFAULT_WORKSPACE_ID, SANDBOX_API_KEY } from './auth';
import { CONTROL_CLIENT_HEADER } from './controlRoutes';
import { isSandboxProfile, profileFeatures, SANDBOX_PROFILES } from './profile';
import { startSandbox } from './server';
import type { SandboxProfile } from './types';

export const DEFAULT_SANDBOX_PORT = 4455;

function portFromEnv(value: string | undefined): number {
	if (value === undefined || value === '') return DEFAULT_SANDBOX_PORT;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`SANDBOX_PORT must be a port number, got "${value}"`);
	return port;
}

/** The CLI stands in for the real gateway, so it offers only what bcrumbs documents unless asked otherwise. */
export const CLI_DEFAULT_PROFILE: SandboxProfile = 'documented';

function profileFromEnv(value: string | undefined): SandboxProfile {
	if (value === undefined || value === '') return CLI_DEFAULT_PROFILE;
	if (!isSandboxProfile(value))
		throw new Error(
			`SANDBOX_PROFILE must be one of ${SANDBOX_PROFILES.join(', ')}, got "${value}"`,
		);
	return value;
}

function deleteMutationFromEnv(value: string | undefined): boolean | undefined {
	if (value === undefined || value === '') return undefined;
	return value.toLowerCase() !== 'false';
}

async function main(): Promise<void> {
	const port = portFromEnv(process.env.SANDBOX_PORT);
	const apiKey = process.env.SANDBOX_API_KEY || SANDBOX_API_KEY;
	const profile = profileFromEnv(process.env.SANDBOX_PROFILE);
	const deleteMutation =
		deleteMutationFromEnv(process.env.SANDBOX_DELETE_MUTATION) ??
		profileFeatures(profile).deleteMutation;
	const sandbox = await startSandbox({
		port,
		profile,
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
			`  Profile:       ${profile} (SANDBOX_PROFILE=documented|extended)`,
			`  deleteWebhook: ${deleteMutation ? 'enabled' : 'disabled'}`,
			'',
			'Emit an event to the registered webhooks:',
			`  npm run sandbox:emit -- INCOMING_MESSAGE --port ${actualPort}`,
			`  curl -s -X POST ${sandbox.baseUrl}/sandbox/emit -H 'content-type: application/json' -d '{"event":"INCOMING_MESSAGE"}'`,
			`Inspect: curl -s ${sandbox.baseUrl}/sandbox/webhooks -H '${CONTROL_CLIENT_HEADER}: 1'   Stop: Ctrl+C`,
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
