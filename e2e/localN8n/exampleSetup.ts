// Find-or-create (never duplicate) the credential and the example workflow `npm start` offers,
// so every re-run converges on the same objects in `.n8n-local/`.
import { randomUUID } from 'crypto';
import { EMITTABLE_EVENTS } from '../../sandbox/events';
import { chain, noOpNode } from '../harness/nodes';
import { N8nRestClient, type Workflow, type WorkflowJson } from '../harness/rest';

export const EXAMPLE_WORKFLOW = 'bcrumbs example';
const CREDENTIAL_TYPE = 'bcrumbsApi';
const TRIGGER = 'Bcrumbs Trigger';
/** Every event: the POST events and the SMPP receipt, which ANY_EVENT would not cover. */
export const EXAMPLE_EVENTS = [...EMITTABLE_EVENTS];

export interface CredentialData {
	apiKey: string;
	workspaceId: number;
	gatewayUrl: string;
}
export interface CredentialRef {
	id: string;
	name: string;
}

/** Creates the credential, or rewrites its data when one with that name exists (the sandbox port may have changed). */
export async function upsertCredential(
	rest: N8nRestClient,
	name: string,
	data: CredentialData,
): Promise<CredentialRef> {
	const all = await rest.request<Array<{ id: string; name: string; type: string }>>(
		'GET',
		'/rest/credentials',
	);
	const found = all.find((c) => c.name === name && c.type === CREDENTIAL_TYPE);
	if (!found) {
		const created = await rest.createCredential({ name, type: CREDENTIAL_TYPE, data: { ...data } });
		return { id: created.id, name: created.name };
	}
	await rest.request('PATCH', `/rest/credentials/${found.id}`, {
		name,
		type: CREDENTIAL_TYPE,
		data: { ...data },
	});
	return { id: found.id, name: found.name };
}

function exampleWorkflow(credential: CredentialRef, webhookId: string): WorkflowJson {
	return {
		name: EXAMPLE_WORKFLOW,
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId, // kept across runs: it is part of the URL registered in bcrumbs
				parameters: { events: EXAMPLE_EVENTS, options: {} },
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
			// a visible node, so each execution shows the trigger's items in the editor
			noOpNode('Event received', [260, 0]),
		],
		connections: chain(TRIGGER, 'Event received'),
		settings: { executionOrder: 'v1' },
	};
}

/** The trigger's credential id and webhookId in a stored workflow. */
function triggerOf(workflow: Workflow): { credentialId?: string; webhookId?: string } {
	const node = workflow.nodes.find((n) => n.name === TRIGGER) as
		{ credentials?: Record<string, { id?: string }>; webhookId?: string } | undefined;
	return { credentialId: node?.credentials?.[CREDENTIAL_TYPE]?.id, webhookId: node?.webhookId };
}

/**
 * Finds "bcrumbs example" or creates it. When it exists but uses another credential (sandbox vs real
 * gateway), it is deactivated first (its registrations go), then pointed at the new credential.
 * `changed` says the stored workflow differs from what n8n may have activated at startup.
 */
export async function upsertExampleWorkflow(
	rest: N8nRestClient,
	credential: CredentialRef,
): Promise<{ workflow: Workflow; changed: boolean }> {
	const list = await rest.request<{ data: Workflow[] }>('GET', '/rest/workflows');
	const found = list.data.find((w) => w.name === EXAMPLE_WORKFLOW);
	if (!found)
		return {
			workflow: await rest.createWorkflow(exampleWorkflow(credential, randomUUID())),
			changed: true,
		};
	const current = await rest.getWorkflow(found.id);
	const trigger = triggerOf(current);
	if (trigger.credentialId === credential.id && trigger.webhookId)
		return { workflow: current, changed: false };
	if (current.activeVersionId) await rest.deactivate(current.id);
	const fresh = exampleWorkflow(credential, trigger.webhookId ?? randomUUID());
	await rest.updateWorkflow(current.id, { nodes: fresh.nodes, connections: fresh.connections });
	return { workflow: await rest.getWorkflow(current.id), changed: true };
}

/** Publishes the current version; re-publishes when something changed (e.g. the gateway moved). */
export async function ensureActive(
	rest: N8nRestClient,
	workflow: Workflow,
	reactivate: boolean,
): Promise<void> {
	const isActive = !!workflow.activeVersionId;
	if (isActive && !reactivate && workflow.activeVersionId === workflow.versionId) return;
	if (isActive) await rest.deactivate(workflow.id);
	await rest.activate(workflow.id);
}
