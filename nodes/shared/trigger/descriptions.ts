import type { INodeProperties, INodeTypeDescription, IWebhookDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** One POST webhook answered at once: platforms retry slow answers. responseData '' makes n8n send our acknowledgement. */
export const POST_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	path: 'webhook',
	responseData: '',
};

/** Refusals start no execution: say where to look. */
export const REFUSAL_NOTICE =
	"A request that fails verification gets 401 and starts nothing; n8n's log then shows a warning (once per cause) naming what was missing.";

/** Where to paste the URL: these platforms are configured by hand in their own portals. */
export function webhookUrlNotice(instructions: string): INodeProperties {
	return {
		displayName: `Copy this node's Production URL (under Webhook URLs above) and ${instructions}. While you build the workflow, use the Test URL with "Listen for test event". ${REFUSAL_NOTICE}`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	};
}

/** The verification switch, with a plain warning when it is off. */
export function verificationProperties(method: string): INodeProperties[] {
	return [
		{
			displayName: 'Verification',
			name: 'verification',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Verify Requests',
					value: 'credentials',
					description: `Check the ${method} of every request and refuse (401) those that fail`,
				},
				{ name: 'None', value: 'none', description: 'Accept every request sent to this URL' },
			],
			default: 'credentials',
		},
		{
			displayName:
				'Verification is off: anyone who knows this URL can start the workflow with any data. Turn it on once the secret is set in the platform.',
			name: 'verificationOffNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { verification: ['none'] } },
		},
	];
}

/** A multi-select filter whose empty selection means "all". */
export function filterProperty(
	displayName: string,
	name: string,
	values: readonly string[],
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options: values.map((value) => ({ name: value, value })),
		default: [],
		description: `${description} Leave empty for all`,
	};
}

export const OPTIONS_PROPERTY: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Raw Payload',
			name: 'includeRawBody',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the delivery exactly as received, under rawBody (flagged items always carry it)',
		},
	],
};

/** For platforms that send times without a zone ("2021-04-09 16:27:51"): where those times are read. */
export const NAIVE_TIME_ZONE_OPTION: INodeProperties = {
	displayName: 'Time Zone of Naive Timestamps',
	name: 'naiveTimeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Asia/Kolkata',
	description:
		"IANA time zone in which times sent without a zone (like 2021-04-09 16:27:51) are read for normalized.timestamp. Empty: the workflow's time zone (Workflow Settings). The original strings are kept as sent.",
};

/** The Options collection with extra options of the platform's own. */
export function optionsProperty(...extra: INodeProperties[]): INodeProperties {
	return {
		...OPTIONS_PROPERTY,
		options: [...(OPTIONS_PROPERTY.options as INodeProperties[]), ...extra],
	};
}

/** The description fields every hand-configured platform trigger shares: a trigger with one POST webhook. */
export const VERIFIED_TRIGGER_BASE: Pick<
	INodeTypeDescription,
	'group' | 'version' | 'inputs' | 'outputs' | 'webhooks'
> = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	webhooks: [POST_WEBHOOK],
};

/** Shown on the canvas, so an unverified trigger is visible at a glance. */
export const VERIFICATION_SUBTITLE =
	'={{$parameter["verification"] === "none" ? "Not verified" : "Verified"}}';
