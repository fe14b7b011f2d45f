// A small client for n8n 2.8.4's internal REST API (the one the editor uses),
// with cookie auth. Why not the public API (/api/v1)? It needs an API key first,
// and only the internal API can "Execute workflow" / "Listen for test event"
// the way the editor does. Endpoints and bodies were read from n8n 2.8.4's dist
// (see README.md in this folder).
import { randomUUID } from 'crypto';
import { createRequire } from 'module';
import * as path from 'path';
import { installDir } from './install';
import { sleep } from './proc';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string; // 8-64 chars, >= 1 digit, >= 1 uppercase letter
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Harness-Passw0rd',
};

/** Minimal shapes; n8n returns more fields. */
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	[k: string]: unknown;
}
export interface Workflow extends WorkflowJson {
	id: string;
	versionId: string;
	activeVersionId: string | null;
	active: boolean;
}
export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string; // 'webhook' | 'manual' | 'trigger' | ...
	status: string; // 'new' | 'running' | 'success' | 'error' | 'canceled' | 'waiting' | 'crashed'
	startedAt: string;
	stoppedAt?: string | null;
	finished?: boolean;
}
export interface Execution extends ExecutionSummary {
	/** Unflattened IRunExecutionData: data.resultData.runData[nodeName][run].data.main[output][item].json */
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> }; error?: unknown }>
			>;
			error?: { message?: string };
			lastNodeExecuted?: string;
		};
	};
	workflowData: WorkflowJson;
}

/** GET /rest/workflows/:id/publication-status (n8n 2.35+, publication service on). */
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

const FINISHED = new Set(['success', 'error', 'canceled', 'crashed']);

export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly method: string,
		readonly urlPath: string,
		readonly body: unknown,
	) {
		const msg = (body as { message?: string })?.message ?? JSON.stringify(body).slice(0, 500);
		super(`${method} ${urlPath} -> ${status}: ${msg}`);
	}
}

/** Executions come back "flatted" (cyclic-safe JSON); parse with n8n's own `flatted`. */
function unflatten(data: unknown): unknown {
	if (typeof data !== 'string') return data;
	const req = createRequire(path.join(installDir, 'node_modules', 'n8n', 'package.json'));
	return (req('flatted') as { parse: (s: string) => unknown }).parse(data);
}

export class N8nRestClient {
	/** Sent as `browser-id` on every call: n8n binds the auth cookie (JWT) to it. */
	readonly browserId = randomUUID();
	private cookies = new Map<string, string>();

	constructor(readonly baseUrl: string) {}

	/** Raw call; unwraps n8n's `{ data: ... }` envelope. Throws RestError on non-2xx. */
	async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = {
			'browser-id': this.browserId,
			accept: 'application/json',
		};
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookies.size)
			headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const res = await fetch(this.baseUrl + urlPath, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		// n8n re-issues the cookie when it nears expiry: always keep the newest.
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			if (i > 0) this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
		}
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* not JSON (e.g. static files) */
		}
		if (!res.ok) throw new RestError(res.status, method, urlPath, parsed);
		if (
			parsed &&
			typeof parsed === 'object' &&
			'data' in parsed &&
			Object.keys(parsed).length === 1
		) {
			return (parsed as { data: T }).data;
		}
		return parsed as T;
	}

	// ---- auth -------------------------------------------------------------

	/** First start only: creates the owner and logs in (cookie `n8n-auth`). */
	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<unknown> {
		return this.request('POST', '/rest/owner/setup', owner);
	}

	/** Later starts (same user folder): log in again. */
	async login(owner: Pick<Owner, 'email' | 'password'> = DEFAULT_OWNER): Promise<unknown> {
		return this.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	/** setupOwner on a fresh instance, login if the owner already exists. */
	async ensureOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		try {
			await this.setupOwner(owner);
		} catch (e) {
			if (!(e instanceof RestError) || e.status !== 400) throw e; // 400 "Instance owner already setup"
			await this.login(owner);
		}
	}

	// ---- credentials ----------------------------------------------------------

	async createCredential(c: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<{ id: string; name: string; type: string }> {
		return this.request('POST', '/rest/credentials', c);
	}

	/** The credential dialog's Save on an existing credential (e.g. a rotated API key). */
	async updateCredential(
		id: string,
		c: { name: string; type: string; data: Record<string, unknown> },
	): Promise<{ id: string; name: string; type: string }> {
		return this.request('PATCH', `/rest/credentials/${id}`, c);
	}

	/**
	 * The editor's "Test" button: POST /rest/credentials/test with
	 * `{ credentials: { id, name, type, data } }`. The credential must already be
	 * saved (its `id` is looked up); `data` overrides the stored values (redacted
	 * values are replaced by the stored ones). Returns `{ status: 'OK' | 'Error', message }`.
	 */
	async testCredential(c: {
		id: string;
		name: string;
		type: string;
		data?: Record<string, unknown>;
	}): Promise<{ status: 'OK' | 'Error'; message: string }> {
		return this.request('POST', '/rest/credentials/test', { credentials: { data: {}, ...c } });
	}

	// ---- workflows ------------------------------------------------------------

	async createWorkflow(json: WorkflowJson): Promise<Workflow> {
		return this.request('POST', '/rest/workflows', json);
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return this.request('GET', `/rest/workflows/${id}`);
	}

	/** Save changes (a new versionId only when nodes/connections changed). */
	async updateWorkflow(id: string, patch: Partial<WorkflowJson>): Promise<Workflow> {
		return this.request('PATCH', `/rest/workflows/${id}`, patch);
	}

	/**
	 * "Publish": activates the current version. With n8n's publication service (on by default since
	 * 2.41) the trigger's create() runs after this call answers: we wait for the outbox's verdict. A
	 * failed one throws with the trigger's error, as the synchronous path's 400 does, and unpublishes,
	 * so the workflow is left as the editor shows it (not published).
	 */
	async activate(id: string): Promise<Workflow> {
		const { versionId } = await this.getWorkflow(id);
		const workflow = await this.request<Workflow>('POST', `/rest/workflows/${id}/activate`, {
			versionId,
		});
		const verdict = await this.publicationVerdict(id);
		if (verdict && verdict.status !== 'published') {
			await this.deactivate(id);
			const reasons = verdict.triggers.map((t) => t.errorMessage).filter(Boolean);
			throw new Error(`Workflow ${id} not published (${verdict.status}): ${reasons.join('; ')}`);
		}
		return workflow;
	}

	/** "Unpublish": delete() of webhook nodes runs now, or (publication service) before the verdict. */
	async deactivate(id: string): Promise<Workflow> {
		const workflow = await this.request<Workflow>('POST', `/rest/workflows/${id}/deactivate`, {});
		await this.publicationVerdict(id);
		return workflow;
	}

	async deleteWorkflow(id: string): Promise<unknown> {
		await this.request('POST', `/rest/workflows/${id}/archive`, {}).catch(() => undefined);
		await this.publicationVerdict(id); // n8n answers 409 while the outbox still unpublishes
		return this.request('DELETE', `/rest/workflows/${id}`);
	}

	/**
	 * The publication service's verdict once nothing is pending, or undefined where n8n publishes
	 * synchronously (the service off, or an n8n without it: 404).
	 */
	async publicationVerdict(
		id: string,
		timeoutMs = 120_000,
	): Promise<PublicationStatus | undefined> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let verdict: PublicationStatus;
			try {
				verdict = await this.request('GET', `/rest/workflows/${id}/publication-status`);
			} catch (error) {
				if (error instanceof RestError && error.status === 404) return undefined;
				throw error;
			}
			if (verdict.status !== 'in_progress' && !verdict.pendingVersionId) return verdict;
			if (Date.now() > deadline)
				throw new Error(
					`Workflow ${id}: publication still ${verdict.status} after ${timeoutMs} ms`,
				);
			await sleep(100);
		}
	}

	// ---- manual runs ("Execute workflow" / "Listen for test event") -----------

	/**
	 * What the editor sends for "Execute workflow" from a trigger:
	 * POST /rest/workflows/:id/run `{ workflowData, triggerToStartFrom: { name } }`.
	 * Answers `{ executionId }`, or `{ waitingForWebhook: true }` when the trigger is a
	 * webhook (that is "Listen for test event"). The editor gets results via the push
	 * websocket; we poll GET /rest/executions/:id instead.
	 */
	async startRun(
		id: string,
		triggerNode?: string,
		extra: Record<string, unknown> = {},
	): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
		const wf = await this.getWorkflow(id);
		const trigger =
			triggerNode ??
			wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name ??
			wf.nodes.find((n) => /trigger/i.test(n.type))?.name;
		if (!trigger) throw new Error(`No trigger node found in workflow ${id}; pass triggerNode`);
		return this.request('POST', `/rest/workflows/${id}/run`, {
			workflowData: wf,
			triggerToStartFrom: { name: trigger },
			...extra,
		});
	}

	/** "Execute workflow" and wait for the finished execution (with run data). */
	async runManually(
		id: string,
		o: { triggerNode?: string; timeoutMs?: number } = {},
	): Promise<Execution> {
		const r = await this.startRun(id, o.triggerNode);
		if (!r.executionId)
			throw new Error(
				`Run did not start an execution: ${JSON.stringify(r)} (webhook trigger? use listenForTestEvent)`,
			);
		return this.waitForExecution(r.executionId, o.timeoutMs);
	}

	/**
	 * "Listen for test event" on a webhook-based trigger: registers the test webhook
	 * (`/webhook-test/...`; for nodes with webhookMethods this runs checkExists/create
	 * with the test URL). n8n drops it after one call or after 2 minutes.
	 */
	async listenForTestEvent(id: string, triggerNode: string): Promise<void> {
		const r = await this.startRun(id, triggerNode);
		if (!r.waitingForWebhook)
			throw new Error(`Expected waitingForWebhook, got ${JSON.stringify(r)}`);
	}

	/** The editor's "Stop listening": DELETE /rest/test-webhook/:workflowId (runs delete()). true if one was registered. */
	/** n8n 2.8 answers `true`, 2.41 nothing: callers check the effect (the registrations gone). */
	async stopListening(id: string): Promise<void> {
		await this.request('DELETE', `/rest/test-webhook/${id}`);
	}

	// ---- executions -----------------------------------------------------------

	/**
	 * Newest first. GET /rest/executions?filter={"workflowId":...} (no run data), in pages of at most 100
	 * (2.41's cap); 2.41 pages with the `cursor` it answers and refuses `lastId`.
	 */
	async listExecutions(workflowId?: string, limit = 50): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let cursor: string | null | undefined;
		while (all.length < limit) {
			const want = Math.min(100, limit - all.length);
			const q = new URLSearchParams({ limit: String(want) });
			if (workflowId) q.set('filter', JSON.stringify({ workflowId }));
			if (cursor) q.set('cursor', cursor);
			else if (all.length) q.set('lastId', all[all.length - 1].id);
			const page = await this.request<{ results: ExecutionSummary[]; nextCursor?: string | null }>(
				'GET',
				`/rest/executions?${q}`,
			);
			all.push(...page.results);
			if (page.results.length < want || page.nextCursor === null) break;
			cursor = page.nextCursor;
		}
		return all;
	}

	/** GET /rest/executions/:id always includes the run data (as a flatted string): returned parsed. */
	async getExecution(id: string): Promise<Execution> {
		const e = await this.request<Execution & { data: unknown }>('GET', `/rest/executions/${id}`);
		return { ...e, data: unflatten(e.data) as Execution['data'] };
	}

	async waitForExecution(id: string, timeoutMs = 30_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const e = await this.getExecution(id);
			if (FINISHED.has(e.status)) return e;
			if (Date.now() > deadline)
				throw new Error(`Execution ${id} still ${e.status} after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/** Wait until a workflow has at least `count` finished executions; newest first. */
	async waitForExecutions(
		workflowId: string,
		count = 1,
		timeoutMs = 30_000,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = (await this.listExecutions(workflowId)).filter((e) => FINISHED.has(e.status));
			if (list.length >= count) return list;
			if (Date.now() > deadline)
				throw new Error(
					`Only ${list.length}/${count} finished executions of ${workflowId} after ${timeoutMs} ms`,
				);
			await sleep(200);
		}
	}

	// ---- node / credential types ----------------------------------------------

	/** What the editor loads: GET /types/nodes.json (needs the auth cookie). One entry per node type version. */
	async nodeTypes(): Promise<
		Array<{ name: string; displayName: string; version: number | number[]; [k: string]: unknown }>
	> {
		return this.request('GET', '/types/nodes.json');
	}

	/** GET /types/credentials.json. */
	async credentialTypes(): Promise<
		Array<{ name: string; displayName: string; [k: string]: unknown }>
	> {
		return this.request('GET', '/types/credentials.json');
	}
}

/** Items (json only) a node emitted in an execution: run `run`, output `output`. */
export function nodeOutput(e: Execution, nodeName: string, run = 0, output = 0): unknown[] {
	const r = e.data.resultData.runData[nodeName]?.[run];
	return (r?.data?.main?.[output] ?? []).map((i) => i.json);
}
