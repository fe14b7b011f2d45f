import { textOrNull, type NormalizedKind } from '../../shared/core/normalized';
import { toIsoTimestamp } from '../../shared/core/timestamps';
import type { NormalizedFields } from '../../shared/core/platformParse';
import type { BikCustomerDetails, BikEventInfo, BikEventName } from './schemas';

/** BIK's documented category → owner table, read the other way round. */
export const BIK_CATEGORY_BY_OWNER = {
	AGENT: 'CRM',
	CAMPAIGN: 'Broadcast',
	BOT: 'Automation',
	DEV_API: 'Dev API',
} as const;

export type BikCategory = (typeof BIK_CATEGORY_BY_OWNER)[keyof typeof BIK_CATEGORY_BY_OWNER];
export const BIK_CATEGORIES: readonly BikCategory[] = Object.values(BIK_CATEGORY_BY_OWNER);

/** The category of an owner; null for "" (customer-originated messages), null or an owner the docs don't list. */
export function bikCategory(owner: unknown): BikCategory | null {
	const key = textOrNull(owner)?.toUpperCase();
	if (!key || !Object.prototype.hasOwnProperty.call(BIK_CATEGORY_BY_OWNER, key)) return null;
	return BIK_CATEGORY_BY_OWNER[key as keyof typeof BIK_CATEGORY_BY_OWNER];
}

function fullName(customer: BikCustomerDetails | null | undefined): string | null {
	const parts = [textOrNull(customer?.firstName), textOrNull(customer?.lastName)].filter(
		(part) => part !== null,
	);
	return parts.length > 0 ? parts.join(' ') : null;
}

/** BIK documents media only as null: accept a URL string or an object with url/link/caption. */
function bikMedia(info: BikEventInfo): NormalizedFields['media'] {
	const media = info.media;
	const mediaObject =
		typeof media === 'object' && media !== null && !Array.isArray(media)
			? (media as Record<string, unknown>)
			: null;
	const url =
		typeof media === 'string'
			? textOrNull(media)
			: (textOrNull(mediaObject?.url) ?? textOrNull(mediaObject?.link));
	const type =
		textOrNull(info.mediaType)?.toLowerCase() ??
		textOrNull(mediaObject?.type)?.toLowerCase() ??
		null;
	if (url === null && type === null && mediaObject === null) return null;
	return { type: type ?? 'file', url, caption: textOrNull(mediaObject?.caption) };
}

export function bikKind(event: BikEventName): NormalizedKind {
	return event === 'incoming-message' ? 'message.received' : 'message.status';
}

export function bikViewFields(
	event: BikEventName,
	info: BikEventInfo,
	customer: BikCustomerDetails | null | undefined,
	/** where a createdAt without a zone is read */
	timeZone = 'UTC',
): NormalizedFields {
	return {
		event,
		kind: bikKind(event),
		channel: textOrNull(info.channelId)?.toLowerCase() ?? null,
		messageId: textOrNull(info.messageId),
		// BIK has no conversation id
		conversationId: null,
		contact: { phone: textOrNull(info.assetValue), name: fullName(customer) },
		text: textOrNull(info.message),
		media: bikMedia(info),
		// incoming messages carry status "": no delivery state
		status: textOrNull(info.status)?.toLowerCase() ?? null,
		timestamp: toIsoTimestamp(info.createdAt, timeZone) ?? null,
	};
}
