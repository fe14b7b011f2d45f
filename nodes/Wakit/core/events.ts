/** wakit's entities, actions and directions (without zod: the node's description needs them when n8n starts). */
export const WAKIT_ENTITIES = ['messages', 'conversations'] as const;
export const WAKIT_ACTIONS = ['insert', 'update'] as const;
export const WAKIT_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type WakitEntity = (typeof WAKIT_ENTITIES)[number];
export type WakitAction = (typeof WAKIT_ACTIONS)[number];
