/**
 * A sandbox bcrumbs gateway: the webhooks GraphQL API at /core/gq plus
 * bcrumbs-style event deliveries, for developing and testing the n8n nodes
 * without a bcrumbs account. Everything stays on loopback.
 */
export { startSandbox } from './server';
export { CONTROL_CLIENT_HEADER } from './controlRoutes';
export { SANDBOX_PROFILES, DEFAULT_PROFILE, isSandboxProfile, profileFeatures } from './profile';
export { SANDBOX_API_KEY } from './auth';
export { EMITTABLE_EVENTS, POST_EVENTS, WEBHOOK_EVENTS, type WebhookEvent } from './events';
export { exampleEvent, EXAMPLE_EVENTS } from './examples';
export { QUERY_JOINS } from './types';
export type {
	ApiKey,
	Delivery,
	EmitOptions,
	FaultMode,
	FaultOptions,
	NewWebhook,
	QueryJoin,
	Sandbox,
	SandboxOptions,
	SandboxProfile,
	StoredWebhook,
} from './types';
