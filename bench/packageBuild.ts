/**
 * The built package the cold-load and real-n8n parts measure: dist/ is rebuilt when it is missing or
 * older than a source file, and the tarball is packed into the bench's own scratch folder (not
 * .cache/packs, which e2e runs may be writing at the same time).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { npmPack } from '../e2e/harness/pack';
import { cleanEnv, npmCommand, repoRoot, run } from '../e2e/harness/proc';

function newestMtime(dir: string, matches: (name: string) => boolean): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, matches));
		else if (matches(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
	}
	return newest;
}

/** Every built node file (dist/nodes, *.node.js), relative to the repo. */
export function builtNodeFiles(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (entry.name.endsWith('.node.js')) found.push(join(dir, entry.name));
		}
	};
	walk(join('dist', 'nodes'));
	return found.sort();
}

/** Runs `npm run build` when dist is missing or stale; returns why it built, or undefined. */
export async function ensureBuilt(log: (line: string) => void): Promise<string | undefined> {
	let reason: string | undefined;
	try {
		const built = newestMtime(join(repoRoot, 'dist'), (name) => name.endsWith('.js'));
		const sources = Math.max(
			...['nodes', 'credentials'].map((dir) =>
				newestMtime(join(repoRoot, dir), (name) => /\.(ts|json|svg)$/.test(name)),
			),
		);
		if (built === 0) reason = 'dist is empty';
		else if (sources > built) reason = 'dist is older than the sources';
	} catch {
		reason = 'dist is missing';
	}
	if (!reason) return undefined;
	log(`  building (${reason}): npm run build`);
	const { cmd, prefixArgs } = npmCommand();
	const result = await run(cmd, [...prefixArgs, 'run', 'build'], {
		cwd: repoRoot,
		env: cleanEnv(),
		timeoutMs: 5 * 60_000,
	});
	if (result.code !== 0) throw new Error(`npm run build failed:\n${result.output.slice(-2000)}`);
	return reason;
}

export async function packInto(dir: string): Promise<string> {
	return await npmPack(repoRoot, dir);
}
