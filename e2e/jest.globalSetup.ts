// Runs once before the e2e workers: a cold n8n install streams its progress here, then this
// package is built and packed once for every test file (workers inherit the env variable).
import * as fs from 'fs';
import * as path from 'path';
import { ensureN8n } from './harness/install';
import { buildAndPack, TARBALL_ENV } from './packageUnderTest';

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	const r = await ensureN8n({ log: (l) => process.stdout.write(`  ${l}\n`) });
	process.stdout.write(
		`\n[e2e] n8n ${r.version} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
	);
	const t1 = Date.now();
	// BCRUMBS_E2E_TARBALL=<file.tgz> tests that tarball (e.g. a published version) instead of a fresh build
	const given = process.env[TARBALL_ENV];
	process.env[TARBALL_ENV] =
		given && fs.existsSync(given) ? path.resolve(given) : await buildAndPack();
	process.stdout.write(
		`[e2e] using ${path.basename(process.env[TARBALL_ENV])} (${((Date.now() - t1) / 1000).toFixed(1)} s)\n`,
	);
}
