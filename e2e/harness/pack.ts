// `npm pack` a package folder into a tarball: the artefact n8n users install.
// Note: with `ignore-scripts=true` (this repo's .npmrc) npm pack does NOT run
// `prepack`, so build first (`npm run build`) when packing this repo.
import * as fs from 'fs';
import { cleanEnv, Log, npmCommand, run } from './proc';
import * as path from 'path';

/** Packs `dir` into `destDir`; returns the tarball's absolute path. */
export async function npmPack(dir: string, destDir: string, log?: Log): Promise<string> {
	fs.mkdirSync(destDir, { recursive: true });
	const { cmd, prefixArgs } = npmCommand();
	const r = await run(
		cmd,
		[...prefixArgs, 'pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{
			cwd: dir,
			env: cleanEnv(),
			log,
			prefix: '[npm pack] ',
			timeoutMs: 120_000,
		},
	);
	if (r.code !== 0) throw new Error(`npm pack failed in ${dir}:\n${r.output.slice(-2000)}`);
	// --json prints an array; npm warnings may precede it on the merged stream.
	const json = r.output.slice(r.output.indexOf('['));
	const [{ filename }] = JSON.parse(json.slice(0, json.lastIndexOf(']') + 1)) as Array<{
		filename: string;
	}>;
	return path.join(destDir, filename.replace(/^@/, '').replace(/\//, '-'));
}
