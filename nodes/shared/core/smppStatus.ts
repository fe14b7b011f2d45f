/**
 * SMPP delivery-receipt states (`stat`) in the normalized status vocabulary, one table for every platform
 * that reports them (bcrumbs' MESSAGE_UPDATED_SMPP receipts, MOBtexting's SMS delivery reports).
 * `whatsappStatuses` is bcrumbs' documented mapping read backwards: the WhatsApp states a stat stands for.
 */
export const SMPP_STATUS_FAMILIES = {
	ACCEPTD: { family: 'sent', whatsappStatuses: ['sent'] },
	ENROUTE: { family: 'pending', whatsappStatuses: ['pending'] },
	DELIVRD: { family: 'delivered', whatsappStatuses: ['delivered', 'read', 'played'] },
	UNDELIV: { family: 'failed', whatsappStatuses: ['failed'] },
	// the other SMPP states no bcrumbs mapping produces, which SMS gateways still send
	REJECTD: { family: 'failed', whatsappStatuses: [] },
	EXPIRED: { family: 'failed', whatsappStatuses: [] },
	DELETED: { family: 'deleted', whatsappStatuses: [] },
	UNKNOWN: { family: 'unknown', whatsappStatuses: [] },
} as const satisfies Record<string, { family: string; whatsappStatuses: readonly string[] }>;

export type SmppStat = keyof typeof SMPP_STATUS_FAMILIES;

export interface SmppStatusFamily {
	family: string;
	whatsappStatuses: readonly string[];
}

/** The family of a stat in any case and with stray spaces; undefined for a value that is no SMPP state. */
export function smppStatusFamily(stat: unknown): SmppStatusFamily | undefined {
	if (typeof stat !== 'string') return undefined;
	const key = stat.trim().toUpperCase();
	return Object.prototype.hasOwnProperty.call(SMPP_STATUS_FAMILIES, key)
		? SMPP_STATUS_FAMILIES[key as SmppStat]
		: undefined;
}
