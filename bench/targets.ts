/**
 * Targets of the parts judged against a control (the same ratio between two equal targets measured in
 * the same rounds). Kept apart from the parts themselves: the summary reads them without loading n8n.
 */
import { atLeast, atMost } from './verdict';

/** Bcrumbs Trigger against n8n's Webhook node, in part 3 (real n8n) and part 8 (queue mode) alike. */
export const RATIO_TARGETS = { throughput: atLeast(0.95), p99: atMost(1.05) };
