// n8n's own nodes as the suites put them into workflows (the JSON the editor would save), and the
// connections of a straight line of nodes.
import type { WorkflowJson } from './rest';

type NodeJson = WorkflowJson['nodes'][number];
type Position = [number, number];

/** "When clicking 'Execute workflow'": where a manual run starts. */
export const manualTriggerNode = (name = 'Start'): NodeJson => ({
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as Position,
	parameters: {},
});

/** "No Operation": a visible node after a trigger, so each execution shows the trigger's items. */
export const noOpNode = (name: string, position: Position = [240, 0]): NodeJson => ({
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position,
	parameters: {},
});

/** An HTTP Request node that POSTs `jsonBody` (an n8n expression) to `url`, once per item. */
export const postJsonNode = (name: string, url: string, jsonBody: string): NodeJson => ({
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [240, 0] as Position,
	parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody },
});

/** The connections of nodes in a line: each one's main output into the next one's input. */
export function chain(...names: string[]): WorkflowJson['connections'] {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < names.length; i++)
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}
