import {
	parseOptionsOf,
	type DeliveryParser,
	type DeliverySelection,
	type IncomingDelivery,
} from '../../shared/core/platformDescriptor';
import { buildItem, describeIssues } from '../../shared/core/items';
import { buildNormalizedView } from '../../shared/core/normalized';
import { maskCredentialsInBody, withoutCredentials } from './credentials';
import { oneRouteKind, oneRouteViewFields } from './normalizedView';
import * as parsing from '../../shared/core/platformParse';
import { ONEROUTE_EVENTS, oneRouteNewMessageSchema } from './schemas';

export type { ParseResult } from '../../shared/core/platformParse';

export interface OneRouteParseOptions {
	includeRawBody: boolean;
	/** IANA zone for times sent without one (DeliverySelection.timeZone); UTC when missing */
	timeZone?: string;
}

/** The trigger's parser (PlatformDescriptor.parser): OneRoute has no filters, only raw body and zone. */
export class OneRouteDeliveryParser implements DeliveryParser {
	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): parsing.ParseResult {
		return parseOneRouteDelivery(delivery.body, parseOptionsOf(selection));
	}
}

/** One item per `newMessage` delivery (and per element, should a delivery ever batch them). */
export function parseOneRouteDelivery(
	body: unknown,
	options: OneRouteParseOptions,
): parsing.ParseResult {
	const includeRawBody = options?.includeRawBody === true;
	const timeZone = options?.timeZone ?? 'UTC';
	return parsing.parseElements(
		'oneroute',
		body,
		includeRawBody,
		(element) => parseOneRouteElement(element, includeRawBody, timeZone),
		maskCredentialsInBody,
	);
}

function parseOneRouteElement(
	element: Record<string, unknown>,
	includeRawBody: boolean,
	timeZone: string,
): parsing.ElementOutcome {
	// the raw body shown to workflows never carries the channel's credentials (masked only when an item shows it)
	const flag = parsing.elementFlag('oneroute', element, includeRawBody, maskCredentialsInBody);
	const event = parsing.eventNameOf(element.event);
	if (event === null) return flag('unknown', ['the body has no event name']);
	if (!(ONEROUTE_EVENTS as readonly string[]).includes(event))
		return flag(event, [`unknown OneRoute event ${parsing.quoted(event)}`]);
	const parsed = oneRouteNewMessageSchema.safeParse(element);
	if (!parsed.success) {
		// still a message: its direction is readable as long as the sender is
		return flag(event, describeIssues(parsed.error.issues), {
			kind: oneRouteKind(element.message) ?? 'unknown',
		});
	}
	const delivery = parsed.data;
	// undocumented fields are kept, credential-like ones never; `event` is the trimmed name
	const fields = withoutCredentials(delivery);
	const normalizedFields = buildNormalizedView(
		'oneroute',
		element,
		oneRouteViewFields(delivery, timeZone),
	);
	return parsing.oneItem(
		buildItem(fields, normalizedFields, {
			rawBody: includeRawBody ? maskCredentialsInBody(element) : undefined,
			includeRawBody,
		}),
	);
}
