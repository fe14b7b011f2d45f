import { z } from 'zod';

import { idLike, optionalIdLike, optionalText } from '../../shared/core/schemaFields';

/*
 * MOBtexting's payloads. WhatsApp, RCS, Viber and VMN come wrapped as {event, payload}; the SMS delivery
 * report, the voice call record, unsubscription and contact records come flat, without an event name.
 * Loose objects keep undocumented fields; ids and numbers are accepted as strings or numbers because the
 * docs show both (`"id": 436` beside `"id": "d105a1ef-..."`, unquoted phone numbers in the voice record).
 */

export {
	MOBTEXTING_EVENTS,
	MOBTEXTING_UNSUBSCRIPTION_EVENTS,
	type MobtextingEventName,
} from './events';

export const mobtextingMessageStatusPayloadSchema = z.looseObject({
	id: idLike,
	channel: optionalText,
	from: optionalIdLike,
	to: optionalIdLike,
	/** sent, delivered, read, failed, deleted (the docs print them as one "a|b|c" value) */
	status: z.string(),
	delivered_at: optionalText,
	read_at: optionalText,
	processed_at: optionalText,
	timestamp: optionalText,
	foreign_id: optionalIdLike,
});

export const mobtextingInboundUserSchema = z.looseObject({
	id: optionalIdLike,
	identity: optionalIdLike,
	username: optionalText,
	first_name: optionalText,
	middle_name: optionalText,
	last_name: optionalText,
	email: optionalText,
	phone: optionalIdLike,
});

export const mobtextingInboundMessagePayloadSchema = z.looseObject({
	id: idLike,
	channels: z.array(z.looseObject({ name: optionalText, to: optionalIdLike })).nullish(),
	recipient: z.looseObject({ from: optionalIdLike, user: mobtextingInboundUserSchema.nullish() }),
	message: z.looseObject({
		/** text, image, ... */
		type: z.string(),
		payload: z
			.looseObject({
				text: optionalText,
				url: optionalText,
				caption: optionalText,
				filename: optionalText,
			})
			.nullish(),
	}),
});

/** WhatsApp, RCS, Viber and VMN events: the payload is then checked by its shape's schema. */
export const mobtextingEnvelopeSchema = z.looseObject({
	event: z.string(),
	payload: z.looseObject({}),
});

export const mobtextingSmsDeliveryReportSchema = z.looseObject({
	id: idLike,
	mobile: idLike,
	/** DELIVRD, UNDELIV, ... (SMPP receipt states) */
	status: z.string(),
	deliv_time: optionalText,
	sent_time: optionalText,
	submit_time: optionalText,
	credits: optionalIdLike,
	units: optionalIdLike,
	cid: optionalIdLike,
	custom: optionalIdLike,
});

export const mobtextingVoiceCallRecordSchema = z.looseObject({
	bridge: optionalIdLike,
	from: idLike,
	to: idLike,
	/** OBD (outbound dialling), ... */
	source: optionalText,
	mid: idLike,
	flow_id: optionalIdLike,
	start_at: optionalText,
	end_at: optionalText,
	duration: optionalIdLike,
	/** ANSWER, ... */
	status: optionalText,
	recording_url: optionalText,
});

export const mobtextingUnsubscriptionSchema = z.looseObject({
	id: idLike,
	receiver: idLike,
	/** sender, category, all */
	type: z.string(),
	value: idLike,
	created_at: optionalText,
	/** "Unsubscriber created successfully" */
	status: z.string(),
});

export const mobtextingContactSchema = z.looseObject({
	id: idLike,
	/** an e-mail address or a phone number */
	identity: idLike,
	first_name: optionalText,
	middle_name: optionalText,
	last_name: optionalText,
	gender: optionalText,
	birth_date: optionalText,
	company: optionalText,
	attributes: z.unknown().optional(),
	created_at: optionalText,
	updated_at: optionalText,
	/** "Subscriber created successfully" / "Subscriber updated successfully" */
	status: z.string(),
});

// The subscription handshake ({validation_key, challenge}) has no schema: it is recognised by hand, before
// any parse, in handshake.ts (handshakeChallenge).

export type MobtextingMessageStatus = z.infer<typeof mobtextingMessageStatusPayloadSchema>;
export type MobtextingInboundMessage = z.infer<typeof mobtextingInboundMessagePayloadSchema>;
export type MobtextingSmsDeliveryReport = z.infer<typeof mobtextingSmsDeliveryReportSchema>;
export type MobtextingVoiceCallRecord = z.infer<typeof mobtextingVoiceCallRecordSchema>;
export type MobtextingUnsubscription = z.infer<typeof mobtextingUnsubscriptionSchema>;
export type MobtextingContact = z.infer<typeof mobtextingContactSchema>;
