// `npm start` re-runs must take seconds: rebuild, re-pack and re-install this package into the
// local n8n only when its sources changed since the last install (or when asked to).
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/proc';

const PACKAGE_NAME = 'n8n-nodes-bcrumbs';
/** What decides the built package: its sources and build configuration. */
const SOURCE_DIRS = ['nodes', 'credentials'];
const SOURCE_FILES = [
	'package.json',
	'package-lock.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
];

function newestMtime(dir: string): number {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

/** A fingerprint of the sources: newest modification time (cheap, good enough for a dev loop). */
export function sourcesFingerprint(): number {
	const files = SOURCE_FILES.map((f) => path.join(repoRoot, f)).filter((f) => fs.existsSync(f));
	return Math.max(
		...SOURCE_DIRS.map((d) => newestMtime(path.join(repoRoot, d))),
		...files.map((f) => fs.statSync(f).mtimeMs),
	);
}

const stampFile = (userFolder: string) => path.join(userFolder, 'installed-package.json');

/** True when the package installed in this user folder was built from the current sources. */
export function installedPackageIsCurrent(userFolder: string): boolean {
	const installed = path.join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		PACKAGE_NAME,
		'package.json',
	);
	if (!fs.existsSync(installed)) return false;
	try {
		return (
			JSON.parse(fs.readFileSync(stampFile(userFolder), 'utf8')).sources === sourcesFingerprint()
		);
	} catch {
		return false;
	}
}

/** Call after n8n started with the freshly installed package. */
export function recordInstalledPackage(userFolder: string, fingerprint: number): void {
	fs.writeFileSync(
		stampFile(userFolder),
		JSON.stringify({ sources: fingerprint, installedAt: new Date().toISOString() }, null, 2) + '\n',
	);
}
