/** The bcrumbs `WebhookEvent` enum, with a one-line description each (shared by the action and trigger nodes). */
export const WEBHOOK_EVENTS = [
	{
		value: 'INCOMING_MESSAGE',
		name: 'Incoming Message',
		description: 'A contact sent a message to one of your channels',
	},
	{
		value: 'OUTGOING_MESSAGE',
		name: 'Outgoing Message',
		description: 'An agent or automation sent a message to a contact',
	},
	{
		value: 'MESSAGE_UPDATED',
		name: 'Message Updated',
		description: 'A sent message changed status (sent, delivered, read, failed)',
	},
	{
		value: 'MESSAGE_UPDATED_SMPP',
		name: 'Message Updated (SMPP)',
		description:
			'A status change delivered as an SMPP-style receipt: HTTP GET with message_id and status',
	},
	{ value: 'NEW_CONV', name: 'New Conversation', description: 'A conversation was opened' },
	{ value: 'ENDING_CONV', name: 'Ending Conversation', description: 'A conversation was closed' },
	{ value: 'NEW_CLIENT', name: 'New Client', description: 'A client (contact) was created' },
	{
		value: 'CLIENT_UPDATED',
		name: 'Client Updated',
		description: 'A client (contact) was updated',
	},
	{
		value: 'ANY_EVENT',
		name: 'Any Event',
		description: 'Every event above except the SMPP receipt',
	},
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number]['value'];

export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = WEBHOOK_EVENTS.map(
	(event) => event.value,
);

export const ANY_EVENT = 'ANY_EVENT';
export const SMPP_EVENT = 'MESSAGE_UPDATED_SMPP';

/** ANY_EVENT covers every POST event; the SMPP receipt (a GET) must be selected by name, as in bcrumbs. */
export function isEventSelected(event: string, selectedEvents: readonly string[]): boolean {
	if (selectedEvents.includes(event)) return true;
	return event !== SMPP_EVENT && selectedEvents.includes(ANY_EVENT);
}

/** bcrumbs has returned event names with stray whitespace ("INCOMING_MESSAGE "): compare on the trimmed, upper-cased name. */
export function canonicalEventName(raw: unknown): string {
	return typeof raw === 'string' ? raw.trim().toUpperCase() : '';
}
