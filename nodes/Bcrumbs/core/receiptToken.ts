import { createHmac } from 'node:crypto';

import { setField } from '../../shared/core/copyFields';

/**
 * SMPP receipts (MESSAGE_UPDATED_SMPP) arrive as a GET with "only query-string parameters": a gateway may
 * send none of the headers registered with the webhook. So their registration carries a token in its URL,
 * derived from the endpoint's secret: recomputable wherever the secret is (no extra state), stable across
 * activations (the registration is found by its URL), and a different value from the header secret, so a
 * URL that shows up in a proxy's access log does not give away what authenticates the POST deliveries.
 */
export const RECEIPT_TOKEN_PARAM = 'n8n_token';

/** The one event bcrumbs sends as a GET receipt */
export const RECEIPT_EVENT = 'MESSAGE_UPDATED_SMPP';

const TOKEN_CONTEXT = 'n8n-nodes-bcrumbs receipt url token v1';

export function receiptToken(secret: string): string {
	return createHmac('sha256', secret).update(TOKEN_CONTEXT).digest('hex');
}

/** The URL the SMPP receipt is registered with: n8n's webhook URL plus the token (n8n routes by path alone). */
export function receiptUrl(webhookUrl: string, secret: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${RECEIPT_TOKEN_PARAM}=${receiptToken(secret)}`;
}

export interface ReceiptQuery {
	/** The token values the request carried (normally one) */
	tokens: string[];
	/** The query without the token, with parameters a sender glued onto it restored */
	query: Record<string, unknown>;
}

// a '?' that starts another parameter ("?message_id=..."), as opposed to one inside a value
const GLUED_PARAMETER = /\?(?=[A-Za-z_][\w.-]*=)/;
const GLUED_PARAMETERS = new RegExp(GLUED_PARAMETER.source, 'g');

/**
 * Reads a receipt's query. A sender appends message_id/status to the registered URL, which already has a
 * query: with '&' (…?n8n_token=T&message_id=1&status=DELIVRD) or, naively, with a second '?'
 * (…?n8n_token=T?message_id=1&status=DELIVRD), which query parsers read as n8n_token = "T?message_id=1".
 * Both give the same token and the same parameters. Null-prototype and `__proto__` keys are kept as data.
 */
export function readReceiptQuery(query: Record<string, unknown>): ReceiptQuery {
	const tokens: string[] = [];
	const cleaned: Record<string, unknown> =
		Object.getPrototypeOf(query) === null ? Object.create(null) : {};
	const glued: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(query)) {
		if (name !== RECEIPT_TOKEN_PARAM) {
			setField(cleaned, name, value);
			continue;
		}
		for (const raw of Array.isArray(value) ? value : [value]) {
			if (typeof raw !== 'string') continue;
			const cut = GLUED_PARAMETER.exec(raw);
			tokens.push(cut ? raw.slice(0, cut.index) : raw);
			// each further parameter may have been glued on with '?' too
			if (cut)
				glued.push(...new URLSearchParams(raw.slice(cut.index + 1).replace(GLUED_PARAMETERS, '&')));
		}
	}
	for (const [name, value] of glued) {
		// a parameter the parser already saw wins; the glued-on ones only fill in what is missing
		if (name !== RECEIPT_TOKEN_PARAM && !Object.prototype.hasOwnProperty.call(cleaned, name))
			setField(cleaned, name, value);
	}
	return { tokens, query: cleaned };
}

/** Masks the token in any text that may quote a registered URL (a log line, an error, a listed webhook). */
export function redactReceiptTokens(text: string): string {
	return text.replace(new RegExp(`([?&]${RECEIPT_TOKEN_PARAM}=)[^&?#\\s"']*`, 'g'), '$1[redacted]');
}
