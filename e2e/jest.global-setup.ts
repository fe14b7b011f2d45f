// Runs once before the e2e workers: a cold n8n install streams its progress here.
import { ensureN8n } from './harness/install';

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	const r = await ensureN8n({ log: (l) => process.stdout.write(`  ${l}\n`) });
	process.stdout.write(`\n[e2e] n8n ${r.version} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
