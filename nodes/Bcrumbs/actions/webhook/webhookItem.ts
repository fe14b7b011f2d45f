import type { IDataObject } from 'n8n-workflow';

import { redactReceiptTokens } from '../../core/receiptToken';
import { canonicalEventName } from '../../core/webhookEvents';
import type { WebhookRecord } from '../../transport/documents';

/** One item per webhook with the API's fields; event names trimmed (bcrumbs has sent "INCOMING_MESSAGE "). */
export function toWebhookItem(webhook: WebhookRecord): IDataObject {
	const item: IDataObject = {
		id: webhook.id,
		workspaceId: webhook.workspaceId,
		label: webhook.label,
		// a Bcrumbs Trigger's SMPP receipt URL carries its token: masked like header values
		url: redactReceiptTokens(webhook.url),
		event: canonicalEventName(webhook.event),
		createdAt: webhook.createdAt,
	};
	// names only: header values are usually secrets, and this node's output can reach an AI agent
	if (webhook.headers !== undefined)
		item.headerNames = webhook.headers ? Object.keys(webhook.headers).sort() : [];
	return item;
}
