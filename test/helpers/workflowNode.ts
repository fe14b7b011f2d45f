import type { INode } from 'n8n-workflow';

/** A node as a workflow holds it, with no parameters: version 1, at the canvas origin. */
export function workflowNode(id: string, name: string, type: string): INode {
	return { id, name, type, typeVersion: 1, position: [0, 0], parameters: {} };
}
