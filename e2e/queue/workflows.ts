// The queue-mode suite's workflows: a trigger whose every item is posted to a sink by an
// HTTP Request node (run on a worker), so the sink sees each execution from outside n8n.
import { randomUUID } from 'crypto';
import { chain, postJsonNode } from '../harness/nodes';
import type { WorkflowJson } from '../harness/rest';

export const BCRUMBS_EVENTS = ['INCOMING_MESSAGE', 'NEW_CONV'] as const;

export function reportingWorkflow(o: {
	name: string;
	/** The trigger node; typeVersion 1, position and a fresh webhookId unless it sets them. */
	trigger: WorkflowJson['nodes'][number];
	sinkUrl: string;
}): WorkflowJson & { webhookId: string } {
	const trigger = { typeVersion: 1, position: [0, 0], webhookId: randomUUID(), ...o.trigger };
	return {
		webhookId: String(trigger.webhookId),
		name: o.name,
		nodes: [trigger, postJsonNode('Report', o.sinkUrl, '={{ JSON.stringify({ item: $json }) }}')],
		connections: chain(o.trigger.name, 'Report'),
	};
}
