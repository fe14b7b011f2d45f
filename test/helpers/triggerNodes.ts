/**
 * A descriptor's trigger node, found through package.json's n8n.nodes, the list n8n loads: a new platform's
 * node is picked up from there, with no table of node classes to extend.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';

import type { PlatformDescriptor } from '../../nodes/shared/core/platformDescriptor';

const ROOT = join(__dirname, '..', '..');
const BUILT_NODES: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).n8n
	.nodes;

/** A new instance of the trigger the descriptor describes (its class is named after node.name: wakitTrigger, WakitTrigger). */
export function triggerNodeOf(descriptor: PlatformDescriptor): INodeType {
	const className = descriptor.node.name.charAt(0).toUpperCase() + descriptor.node.name.slice(1);
	const built = BUILT_NODES.find((file) => file.endsWith(`/${className}.node.js`));
	if (built === undefined)
		throw new Error(
			`package.json's n8n.nodes lists no ${className}.node.js (${descriptor.platform})`,
		);
	const source = join(ROOT, built.replace(/^dist\//, '').replace(/\.js$/, ''));
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named by package.json, not known here
	const NodeClass = (require(source) as Record<string, new () => INodeType>)[className];
	return new NodeClass();
}
