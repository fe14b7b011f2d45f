/** BIK's webhook events (without zod: the node's description needs them when n8n starts). */
export const BIK_EVENTS = ['incoming-message', 'message-status-update'] as const;
export type BikEventName = (typeof BIK_EVENTS)[number];
