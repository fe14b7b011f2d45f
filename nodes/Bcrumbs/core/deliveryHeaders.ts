/** The header bcrumbs echoes on every delivery, carrying the secret this node registered. */
export const VERIFICATION_HEADER = 'x-bcrumbs-n8n-secret';

/** The event a registration was made for, echoed by bcrumbs on each of its deliveries. */
export const REGISTERED_EVENT_HEADER = 'x-bcrumbs-n8n-event';
