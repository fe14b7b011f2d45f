/**
 * Imported first by run.ts: n8n-core reads N8N_USER_FOLDER when it loads, so the in-process parts of the
 * bench get a scratch folder of their own, removed when the bench ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const scratchDir = mkdtempSync(join(tmpdir(), 'bcrumbs-bench-'));
process.env.N8N_USER_FOLDER = join(scratchDir, 'n8n-core');
// a fixed key, so n8n-core doesn't generate one and announce it
process.env.N8N_ENCRYPTION_KEY ??= 'bench-only-not-a-secret';

export function removeScratch(): void {
	rmSync(scratchDir, { recursive: true, force: true });
}
