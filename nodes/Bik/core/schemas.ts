import { z } from 'zod';

import { optionalText } from '../../shared/core/schemaFields';
import type { BikEventName } from './events';

/*
 * BIK delivers an array of events. Loose objects keep fields the docs don't list; enum-like values
 * (status, owner, channelId) are plain strings so values the docs don't list are kept, not rejected.
 */

export { BIK_EVENTS, type BikEventName } from './events';

export const bikEventInfoSchema = z.looseObject({
	messageId: optionalText,
	createdAt: optionalText,
	channelId: optionalText,
	/** "" on incoming messages; sent, delivered, read, failed on status updates */
	status: optionalText,
	type: optionalText,
	message: optionalText,
	mediaType: optionalText,
	/** documented only as null: a URL string or an object is accepted */
	media: z.unknown().optional(),
	isDeleted: z.boolean().nullish(),
	failureReason: optionalText,
	/** AGENT, CAMPAIGN, BOT, DEV_API, or "" */
	owner: optionalText,
	/** "", "57" or null in the docs */
	ownerId: z.union([z.string(), z.number()]).nullish(),
	/** the customer's phone number */
	assetValue: optionalText,
});

/** A status update must say which state it reports. */
const bikStatusEventInfoSchema = bikEventInfoSchema.extend({
	status: z.string().refine((status) => status.trim() !== '', 'a status update needs a status'),
});

/** Matches the name with stray whitespace tolerated, leaving the field as received. */
const eventNamed = (name: BikEventName) =>
	z.string().refine((value) => value.trim() === name, `expected the event name "${name}"`);

/** Documented as "EventInfo Object[]" but every example sends one object: both are accepted. */
const eventInfoOneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)]);

export const bikCustomerDetailsSchema = z.looseObject({
	firstName: optionalText,
	lastName: optionalText,
});

export const bikIncomingMessageSchema = z.looseObject({
	id: z.union([z.string(), z.number()]),
	eventName: eventNamed('incoming-message'),
	eventInfo: eventInfoOneOrMany(bikEventInfoSchema),
	customerDetails: bikCustomerDetailsSchema.nullish(),
});

export const bikStatusUpdateSchema = z.looseObject({
	id: z.union([z.string(), z.number()]),
	eventName: eventNamed('message-status-update'),
	eventInfo: eventInfoOneOrMany(bikStatusEventInfoSchema),
	customerDetails: bikCustomerDetailsSchema.nullish(),
});

export type BikEventInfo = z.infer<typeof bikEventInfoSchema>;
export type BikCustomerDetails = z.infer<typeof bikCustomerDetailsSchema>;
export type BikIncomingMessage = z.infer<typeof bikIncomingMessageSchema>;
export type BikStatusUpdate = z.infer<typeof bikStatusUpdateSchema>;
export type BikEvent = BikIncomingMessage | BikStatusUpdate;
