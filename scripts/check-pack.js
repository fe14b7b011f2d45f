#!/usr/bin/env node
// What `npm pack` would ship: only the built nodes and credentials (JavaScript, codex .node.json files,
// icons), README.md, LICENSE.md, CHANGELOG.md and package.json, within a size budget.
// Run it after `npm run build`. `node scripts/check-pack.js [packageDir]` checks another folder.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

// Now: 106 kB packed, 377 kB unpacked (112 files from a clean build; 0.1.0 was 57 kB / 204 kB, the
// performance work 82 kB / 302 kB). The budget leaves about 18 % more.
const BUDGET = { packedBytes: 125_000, unpackedBytes: 450_000 };

// By pattern, not by today's paths, so moving node folders or bundling each node into one file needs
// no change here. Type declarations and source maps are not shipped: n8n loads JavaScript only, and
// maps would point at sources the tarball does not contain.
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE\.md$/,
	/^CHANGELOG\.md$/,
	/^dist\/(?:.+\/)?[^/]+\.js$/,
	/^dist\/(?:.+\/)?[^/]+\.node\.json$/,
	/^dist\/nodes\/[^/]+\/__schema__\/v\d+\.\d+\.\d+\/[^/]+\/[^/]+\.json$/,
	/^dist\/(?:.+\/)?[^/]+\.(?:svg|png)$/,
];
const REQUIRED = ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'];

function packDryRun(packageDir) {
	// --ignore-scripts: the check looks at what is built, it does not build
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: packageDir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [result] = JSON.parse(output);
	return {
		files: result.files.map((file) => file.path),
		packedBytes: result.size,
		unpackedBytes: result.unpackedSize,
	};
}

/** Returns the problems with a packed file list and its sizes; empty when the tarball is right. */
function findProblems(pack, manifest, budget = BUDGET) {
	const problems = [];
	const packed = new Set(pack.files);
	for (const file of pack.files) {
		if (!ALLOWED.some((pattern) => pattern.test(file)))
			problems.push(`not allowed in the tarball: ${file}`);
	}
	const n8n = manifest.n8n || {};
	for (const file of [...REQUIRED, ...(n8n.nodes || []), ...(n8n.credentials || [])]) {
		if (!packed.has(file)) problems.push(`missing from the tarball: ${file}`);
	}
	if (pack.packedBytes > budget.packedBytes) {
		problems.push(
			`packed size ${kB(pack.packedBytes)} is over the budget of ${kB(budget.packedBytes)}`,
		);
	}
	if (pack.unpackedBytes > budget.unpackedBytes) {
		problems.push(
			`unpacked size ${kB(pack.unpackedBytes)} is over the budget of ${kB(budget.unpackedBytes)}`,
		);
	}
	return problems;
}

function kB(bytes) {
	return `${(bytes / 1000).toFixed(1)} kB`;
}

function main() {
	const packageDir = path.resolve(process.argv[2] || path.join(__dirname, '..'));
	if (!fs.existsSync(path.join(packageDir, 'dist'))) {
		console.error(`No dist/ in ${packageDir}: run npm run build first.`);
		process.exit(1);
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const pack = packDryRun(packageDir);
	console.log(
		`${manifest.name}@${manifest.version}: ${pack.files.length} files, ` +
			`packed ${kB(pack.packedBytes)} (budget ${kB(BUDGET.packedBytes)}), ` +
			`unpacked ${kB(pack.unpackedBytes)} (budget ${kB(BUDGET.unpackedBytes)})`,
	);
	const problems = findProblems(pack, manifest);
	if (problems.length > 0) {
		console.error(`The tarball is not what users need:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(
		'Tarball holds only dist/ (nodes, credentials, icons, codex files, output schemas), README.md, LICENSE.md, CHANGELOG.md and package.json.',
	);
}

if (require.main === module) main();

module.exports = { ALLOWED, BUDGET, findProblems, packDryRun };
