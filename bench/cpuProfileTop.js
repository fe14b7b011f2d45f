// Prints the functions with the most self time in a V8 .cpuprofile (node --cpu-prof):
//   node bench/cpuProfileTop.js FILE [count] [under]
// With `under` (a function name), only samples taken inside that function count: the work being
// profiled without the process's start (module loading, compiling). GC runs outside any stack and is left out then.
'use strict';
const { readFileSync } = require('node:fs');

const [file, countText = '25', under] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parentOf.set(child, node.id);
const inside = (id) => {
	for (let at = id; at !== undefined; at = parentOf.get(at))
		if (nodeById.get(at).callFrame.functionName === under) return true;
	return false;
};
const selfUs = new Map();
let totalUs = 0;
profile.samples.forEach((id, index) => {
	if (under && !inside(id)) return;
	const delta = profile.timeDeltas[index] ?? 0;
	const frame = nodeById.get(id).callFrame;
	const where = frame.url
		? ` ${frame.url.replace(/^.*node_modules[\\/]/, '').replace(/^.*[\\/](nodes|bench)[\\/]/, '$1/')}:${frame.lineNumber + 1}`
		: '';
	const name = `${frame.functionName || '(anonymous)'}${where}`;
	selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
	totalUs += delta;
});
for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(countText))) {
	process.stdout.write(`${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
}
