// Builds and packs this repo: the tarball is what n8n users install, so the e2e suite
// and `npm start` load exactly that, never the source tree.
// .npmrc has ignore-scripts=true, so `npm pack` skips prepack: we build first ourselves.
import * as fs from 'fs';
import * as path from 'path';
import { cacheDir } from './harness/install';
import { npmPack } from './harness/pack';
import { cleanEnv, Log, npmCommand, repoRoot, run } from './harness/proc';

/** jest's globalSetup packs once and hands the path to the test workers through this variable. */
export const TARBALL_ENV = 'BCRUMBS_E2E_TARBALL';
export const packsDir = path.join(cacheDir, 'packs');

/** `npm run build`, then `npm pack` into `.cache/packs/`; returns the tarball's absolute path. */
export async function buildAndPack(log?: Log): Promise<string> {
	const { cmd, prefixArgs } = npmCommand();
	const build = await run(cmd, [...prefixArgs, 'run', 'build'], {
		cwd: repoRoot,
		env: cleanEnv(),
		log,
		prefix: '[build] ',
		timeoutMs: 5 * 60_000,
	});
	if (build.code !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-3000)}`);
	return npmPack(repoRoot, packsDir); // its --json file list is too long to show
}

/** The tarball globalSetup made, or (when a test file runs without it) a fresh build and pack. */
export async function packedTarball(log?: Log): Promise<string> {
	const fromSetup = process.env[TARBALL_ENV];
	if (fromSetup && fs.existsSync(fromSetup)) return fromSetup;
	const tarball = await buildAndPack(log);
	process.env[TARBALL_ENV] = tarball;
	return tarball;
}
