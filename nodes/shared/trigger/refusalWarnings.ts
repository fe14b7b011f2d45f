import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * A refused delivery (401) is invisible in n8n: no execution starts. So the first refusal of each cause
 * on each node is logged as a warning naming what was missing and what to change; repeats of the same
 * cause stay quiet for an hour, so a platform retrying every few seconds (or a scanner) cannot flood the log.
 */
export const REFUSAL_WARNING_INTERVAL_MS = 60 * 60 * 1000;
// a bound on what is remembered, so endless distinct causes cannot grow memory
const REMEMBERED_CAUSES = 1000;

/** What to change when a request is refused, unless the platform says better */
export const DEFAULT_REFUSAL_HINT =
	'If the sender cannot send this secret, set Verification to None (anyone who knows the URL can then start the workflow); otherwise make it send the secret stored in the credential.';

export class RefusalWarnings {
	private readonly lastWarned = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	/** True when this cause on this node should be logged now (and remembers that it was). */
	shouldWarn(nodeKey: string, cause: string): boolean {
		const key = `${nodeKey}\u0000${cause}`;
		const time = this.now();
		const last = this.lastWarned.get(key);
		if (last !== undefined && time - last < REFUSAL_WARNING_INTERVAL_MS) return false;
		this.lastWarned.delete(key);
		this.lastWarned.set(key, time);
		if (this.lastWarned.size > REMEMBERED_CAUSES)
			this.lastWarned.delete(this.lastWarned.keys().next().value as string);
		return true;
	}
}

const warnings = new RefusalWarnings();

/** The warning's text. `reason` comes from the verify functions, which never quote a secret. */
export function refusalMessage(
	nodeName: string,
	workflowName: string,
	reason: string,
	hint: string | undefined,
): string {
	return (
		`Node "${nodeName}" in workflow "${workflowName}" refused a delivery with 401 (no execution started): ${reason}. ` +
		`${hint ?? DEFAULT_REFUSAL_HINT} Repeats of this cause are not logged again for an hour.`
	);
}

/** Logs the refusal through n8n's logger, once per cause and node per interval. */
export function warnRefusal(
	context: IWebhookFunctions,
	reason: string,
	hint?: string,
	limiter: RefusalWarnings = warnings,
): void {
	const node = context.getNode();
	const workflow = context.getWorkflow();
	if (!limiter.shouldWarn(`${workflow.id ?? ''}\u0000${node.id ?? node.name}`, reason)) return;
	context.logger.warn(
		refusalMessage(node.name, workflow.name ?? String(workflow.id ?? ''), reason, hint),
		{
			workflowId: workflow.id,
			nodeName: node.name,
			nodeType: node.type,
		},
	);
}
