/** The words of the normalized view: which platforms there are, and the kinds of event they share. */
export const PLATFORMS = ['bcrumbs', 'oneroute', 'bik', 'mobtexting', 'wakit'] as const;

export const NORMALIZED_KINDS = [
	'message.received',
	'message.sent',
	'message.status',
	'conversation.opened',
	'conversation.closed',
	'contact.created',
	'contact.updated',
	'contact.unsubscribed',
	'call.completed',
	'unknown',
] as const;

export type NormalizedKind = (typeof NORMALIZED_KINDS)[number];
export type Platform = (typeof PLATFORMS)[number];
