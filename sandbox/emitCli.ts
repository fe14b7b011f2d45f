/**
 * `npm run sandbox:emit -- <EVENT|all> [--port 4455] [--workspace 12] [--payload '{"content":"Hi"}']`
 * Asks a running sandbox to deliver an event to its registered webhooks and
 * prints what each receiver answered.
 */
import { EMITTABLE_EVENTS, isEmittableEvent, type EmittableEvent } from './events';
import type { Delivery } from './types';

const USAGE = `Usage: npm run sandbox:emit -- <EVENT|all> [--port 4455] [--workspace 12] [--payload '<json object>']
Events: ${EMITTABLE_EVENTS.join(', ')}`;

class UsageError extends Error {}

interface EmitArgs {
	events: EmittableEvent[];
	port: number;
	workspaceId?: number;
	payload?: Record<string, unknown>;
}

export function parseEmitArgs(argv: string[], env: NodeJS.ProcessEnv = {}): EmitArgs {
	const positional: string[] = [];
	const flags: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg.startsWith('--')) {
			const [name, inline] = arg.slice(2).split('=', 2);
			const value = inline ?? argv[++i];
			if (value === undefined) throw new UsageError(`--${name} needs a value`);
			flags[name] = value;
		} else positional.push(arg);
	}
	const unknownFlag = Object.keys(flags).find((f) => !['port', 'workspace', 'payload'].includes(f));
	if (unknownFlag) throw new UsageError(`Unknown option --${unknownFlag}`);
	if (positional.length !== 1) throw new UsageError('Give exactly one event name (or "all")');

	const name = positional[0].trim().toUpperCase();
	let events: EmittableEvent[];
	if (name === 'ALL') events = [...EMITTABLE_EVENTS];
	else if (isEmittableEvent(name)) events = [name];
	else {
		const hint =
			name === 'ANY_EVENT' ? ' (ANY_EVENT is a subscription wildcard, not an event)' : '';
		throw new UsageError(
			`Unknown event "${positional[0]}"${hint}. Valid events: ${EMITTABLE_EVENTS.join(', ')}, or all`,
		);
	}

	const port = Number(flags.port ?? env.SANDBOX_PORT ?? 4455);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new UsageError(`Invalid port: ${flags.port}`);
	const workspaceId = flags.workspace === undefined ? undefined : Number(flags.workspace);
	if (workspaceId !== undefined && !Number.isInteger(workspaceId))
		throw new UsageError(`Invalid workspace: ${flags.workspace}`);
	let payload: Record<string, unknown> | undefined;
	if (flags.payload !== undefined) {
		try {
			payload = JSON.parse(flags.payload);
		} catch {
			throw new UsageError('--payload must be a JSON object');
		}
		if (!payload || typeof payload !== 'object' || Array.isArray(payload))
			throw new UsageError('--payload must be a JSON object');
	}
	return { events, port, workspaceId, payload };
}

function describeDelivery(d: Delivery): string {
	const outcome = d.status === null ? `FAILED (${d.error})` : `HTTP ${d.status}`;
	const body = d.responseBody ? ` ${d.responseBody.slice(0, 200)}` : '';
	return `  ${d.method} ${d.url} [webhook ${d.webhookId}] -> ${outcome}${body}`;
}

async function main(): Promise<void> {
	const args = parseEmitArgs(process.argv.slice(2), process.env);
	const endpoint = `http://127.0.0.1:${args.port}/sandbox/emit`;
	for (const event of args.events) {
		let response: Response;
		try {
			response = await fetch(endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ event, workspaceId: args.workspaceId, payload: args.payload }),
			});
		} catch {
			throw new Error(
				`No sandbox at 127.0.0.1:${args.port}. Start it with "npm run sandbox" (or pass --port).`,
			);
		}
		const result = (await response.json()) as { deliveries?: Delivery[]; error?: string };
		if (!response.ok) throw new Error(result.error ?? `HTTP ${response.status}`);
		const deliveries = result.deliveries ?? [];
		console.log(`${event}: ${deliveries.length} deliver${deliveries.length === 1 ? 'y' : 'ies'}`);
		deliveries.forEach((d) => console.log(describeDelivery(d)));
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(
			error instanceof UsageError ? `${error.message}\n${USAGE}` : (error as Error).message,
		);
		process.exit(error instanceof UsageError ? 2 : 1);
	});
}
