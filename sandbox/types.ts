/** Public types of the sandbox (re-exported by index.ts). */
import type { WebhookEvent } from './events';

export interface ApiKey {
	key: string;
	workspaceId: number;
}

/**
 * documented: exactly bcrumbs' published API (no deleteWebhook, listed webhooks without `headers`,
 * SMPP receipts as a bare GET). extended: also offers deleteWebhook and `headers` on listed webhooks,
 * and sends registered headers with SMPP receipts.
 */
export type SandboxProfile = 'documented' | 'extended';

export interface SandboxOptions {
	/** Default 'extended' (see README). The other options below override what the profile implies. */
	profile?: SandboxProfile;
	/** 0 (default) = random free port. */
	port?: number;
	/** Default '127.0.0.1'. Only loopback hosts are accepted: the control endpoints have no auth. */
	host?: string;
	/** Default [{ key: SANDBOX_API_KEY, workspaceId: 12 }]. */
	apiKeys?: ApiKey[];
	/** Default from the profile (extended: true): offers `deleteWebhook`; false: the schema has no delete mutation at all. */
	deleteMutation?: boolean;
	/** Default true: list results return "INCOMING_MESSAGE " with a trailing space, like the doc's example. */
	padEventNames?: boolean;
}

/** wrongShape: valid JSON whose data has the right root field but not the documented shape. */
export type FaultMode = 'none' | 'forbidden' | 'http500' | 'slow' | 'malformed' | 'wrongShape';

export interface FaultOptions {
	/** For 'slow': how long to wait before answering normally (default 5000). */
	delayMs?: number;
	/** Fault only the next N (matching) GraphQL requests, then back to 'none'. */
	remaining?: number;
	/** Fault only requests whose root fields include one of these (e.g. ['createWebhook']). */
	operations?: string[];
	/** Let the first N matching requests through before faulting (a failure in the middle of a sequence). */
	after?: number;
}

export interface StoredWebhook {
	workspaceId: number;
	id: string;
	label: string;
	url: string;
	event: WebhookEvent;
	headers: Record<string, string> | null;
	createdAt: string;
}

export interface NewWebhook {
	workspaceId: number;
	label: string;
	url: string;
	event: WebhookEvent;
	headers?: Record<string, string> | null;
	/** Seeding only: a fixed id (24 lowercase hex) instead of a generated one. */
	id?: string;
	/** Seeding only: a fixed ISO timestamp instead of now. */
	createdAt?: string;
}

export interface Delivery {
	webhookId: string;
	/** The URL actually called (for GET deliveries, with the query string). */
	url: string;
	method: 'POST' | 'GET';
	/** HTTP status of the receiver, or null when the request failed. */
	status: number | null;
	responseBody: string;
	error?: string;
	/** The JSON body sent (POST deliveries only). */
	body?: unknown;
}

/**
 * How a sender adds message_id/status to the registered receipt URL: 'standard' through a URL API (keeps
 * its query), 'naive' with a second '?', 'ampersand' with '&' whether or not the URL has a query,
 * 'replace' rebuilds the query from its own parameters (the registered query is lost).
 */
export const QUERY_JOINS = ['standard', 'naive', 'ampersand', 'replace'] as const;
export type QueryJoin = (typeof QUERY_JOINS)[number];

export interface EmitOptions {
	/** MESSAGE_UPDATED_SMPP only; default 'standard'. */
	queryJoin?: QueryJoin;
	/** Default 12. */
	workspaceId?: number;
	/** Overrides/extends the example payload (shallow merge). */
	payload?: Record<string, unknown>;
}

export interface Sandbox {
	/** The profile the sandbox was started with. */
	profile: SandboxProfile;
	/** http://127.0.0.1:PORT/core/gq */
	url: string;
	/** http://127.0.0.1:PORT */
	baseUrl: string;
	close(): Promise<void>;
	setFault(mode: FaultMode, options?: FaultOptions): void;
	/** Rebuilds the schema; introspection reflects it. */
	setDeleteMutation(enabled: boolean): void;
	/** Clears webhooks, faults, counters and deliveries; restores the startup deleteMutation setting. */
	reset(): void;
	/** All stored webhooks, any workspace (copies). */
	webhooks(): StoredWebhook[];
	/** Seeds state directly (e.g. a stale registration whose secret is unknown). */
	addWebhook(input: NewWebhook): StoredWebhook;
	/** GraphQL requests received, by root field name ('webhooks', 'createWebhook', '__schema', ...), or all. */
	callCount(operation?: string): number;
	/** Delivers `event` like bcrumbs would. Receiver failures are recorded, never thrown. */
	emit(event: WebhookEvent | 'MESSAGE_UPDATED_SMPP', options?: EmitOptions): Promise<Delivery[]>;
	/** Log of all deliveries made (copies). */
	deliveries(): Delivery[];
}
