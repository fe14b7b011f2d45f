/** What each sandbox profile offers beyond (or exactly as) bcrumbs' published webhooks API. */
import type { SandboxProfile } from './types';

export const SANDBOX_PROFILES: readonly SandboxProfile[] = ['documented', 'extended'];
export const DEFAULT_PROFILE: SandboxProfile = 'extended';

export interface ProfileFeatures {
	/** The schema has `deleteWebhook` (bcrumbs documents none). */
	deleteMutation: boolean;
	/** Listed webhooks have a `headers` field (the documented list query selects none). */
	listedHeaders: boolean;
	/** SMPP receipts carry the registered headers (documented: "only query-string parameters"). */
	smppHeaders: boolean;
}

const FEATURES: Record<SandboxProfile, ProfileFeatures> = {
	documented: { deleteMutation: false, listedHeaders: false, smppHeaders: false },
	extended: { deleteMutation: true, listedHeaders: true, smppHeaders: true },
};

export function isSandboxProfile(value: unknown): value is SandboxProfile {
	return typeof value === 'string' && (SANDBOX_PROFILES as readonly string[]).includes(value);
}

export function profileFeatures(profile: SandboxProfile): ProfileFeatures {
	if (!isSandboxProfile(profile))
		throw new Error(
			`Unknown sandbox profile "${String(profile)}" (valid: ${SANDBOX_PROFILES.join(', ')})`,
		);
	return { ...FEATURES[profile] };
}
