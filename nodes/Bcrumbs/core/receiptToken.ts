import { createHmac } from 'node:crypto';

import { setField } from '../../shared/core/copyFields';

/**
 * SMPP receipts (MESSAGE_UPDATED_SMPP) arrive as a GET with "only query-string parameters": a gateway may
 * send none of the headers registered with the webhook. So their registration carries a token in its URL,
 * derived from the endpoint's secret: recomputable wherever the secret is (no extra state), stable across
 * activations (the registration is found by its URL), and a different value from the header secret, so a
 * URL that shows up in a proxy's access log does not give away what authenticates the POST deliveries.
 * The token is a path segment: a sender that rebuilds the query to add message_id and status keeps it.
 * Registrations made before carry it in the query (`?n8n_token=`), which is still accepted.
 */
export const RECEIPT_TOKEN_PARAM = 'n8n_token';

/** The one event bcrumbs sends as a GET receipt */
export const RECEIPT_EVENT = 'MESSAGE_UPDATED_SMPP';

/** The receipt webhook's path on the node; n8n hands the segment to the node as the `token` parameter */
export const RECEIPT_PATH = 'receipt/:token';

const TOKEN_CONTEXT = 'n8n-nodes-bcrumbs receipt url token v1';

export function receiptToken(secret: string): string {
	return createHmac('sha256', secret).update(TOKEN_CONTEXT).digest('hex');
}

/**
 * Where the receipt webhook of the node at `<base>/<webhookId>/webhook` listens: n8n stores a node's dynamic
 * path under its webhook id as `<webhookId>/receipt/:token` and matches it after the id in the URL, so the
 * id appears twice. Undefined for a URL of another shape (the query form is used then).
 */
export function receiptPathPrefix(webhookUrl: string): string | undefined {
	const match = /^(https?:\/\/.+)\/([^/?#]+)\/webhook$/.exec(webhookUrl);
	return match ? `${match[1]}/${match[2]}/${match[2]}/receipt/` : undefined;
}

/** The URL the SMPP receipt is registered with: the token as the last path segment. */
export function receiptUrl(webhookUrl: string, secret: string): string {
	const prefix = receiptPathPrefix(webhookUrl);
	return prefix ? `${prefix}${receiptToken(secret)}` : queryReceiptUrl(webhookUrl, secret);
}

/** The form registered before: n8n's webhook URL plus the token in the query. */
export function queryReceiptUrl(webhookUrl: string, secret: string): string {
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
// a '&' or '?' that starts a parameter glued onto the path segment
const GLUED_TO_PATH = /[&?](?=[A-Za-z_][\w.-]*=)/;

/** An SMPP receipt is the one delivery bcrumbs sends as a GET. */
export const isReceipt = (delivery: { method: string }) => delivery.method.toUpperCase() === 'GET';

/**
 * Reads a receipt's token and query. In the path form, a sender that appends message_id/status with '&'
 * to a URL without a query glues them onto the path segment (…/receipt/T&message_id=1&status=DELIVRD). In
 * the query form it appends with '&' (…?n8n_token=T&message_id=1&status=DELIVRD) or, naively, with a second
 * '?' (…?n8n_token=T?message_id=1&status=DELIVRD), which query parsers read as n8n_token = "T?message_id=1".
 * Every form gives the same token and the same parameters. Null-prototype and `__proto__` keys are kept as data.
 */
export function readReceiptQuery(
	query: Record<string, unknown>,
	pathToken?: unknown,
): ReceiptQuery {
	const tokens: string[] = [];
	const cleaned: Record<string, unknown> =
		Object.getPrototypeOf(query) === null ? Object.create(null) : {};
	const glued: Array<[string, string]> = [];
	const readToken = (raw: string, gluedBy: RegExp) => {
		const cut = gluedBy.exec(raw);
		tokens.push(cut ? raw.slice(0, cut.index) : raw);
		// each further parameter may have been glued on with '?' too
		if (cut)
			glued.push(...new URLSearchParams(raw.slice(cut.index + 1).replace(GLUED_PARAMETERS, '&')));
	};
	if (typeof pathToken === 'string' && pathToken !== '') readToken(pathToken, GLUED_TO_PATH);
	for (const [name, value] of Object.entries(query)) {
		if (name !== RECEIPT_TOKEN_PARAM) {
			setField(cleaned, name, value);
			continue;
		}
		for (const raw of Array.isArray(value) ? value : [value])
			if (typeof raw === 'string') readToken(raw, GLUED_PARAMETER);
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
	return text
		.replace(new RegExp(`([?&]${RECEIPT_TOKEN_PARAM}=)[^&?#\\s"']*`, 'g'), '$1[redacted]')
		.replace(/(\/receipt\/)[0-9a-fA-F]{8,}/g, '$1[redacted]');
}
