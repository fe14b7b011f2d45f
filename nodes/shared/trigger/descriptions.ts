import type { INodeProperties, INodeTypeDescription, IWebhookDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { PlatformAuthentication } from '../core/platformDescriptor';

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
	"A request that fails verification starts nothing: while you listen for a test event, its cause shows here as the trigger's error; in production it gets 401 and n8n's log names the cause.";

/** Where to paste the URL: these platforms are configured by hand in their own portals. */
export function webhookUrlNotice(instructions: string): INodeProperties {
	return {
		displayName: `Copy this node's Production URL (under Webhook URLs above) and ${instructions}. While you build the workflow, use the Test URL with "Listen for test event". ${REFUSAL_NOTICE}`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	};
}

/** The verification switch; while it is None, one sentence on what protects the workflow and how to add the platform's check. */
export function verificationProperties(
	authentication: Pick<PlatformAuthentication, 'method' | 'defaultVerification' | 'optIn'>,
): INodeProperties[] {
	const verification: INodeProperties = {
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Verify Requests',
				value: 'credentials',
				description: `Check the ${authentication.method} of every request and refuse (401) those that fail`,
			},
			{
				name: 'None',
				value: 'none',
				description: "Accept every request sent to this node's URL, as n8n's Webhook node does",
			},
		],
		default: 'credentials',
	};
	return [
		// the platform's default, as its document describes it
		{ ...verification, default: authentication.defaultVerification },
		{
			displayName: `${URL_ONLY_NOTICE} ${authentication.optIn}`,
			name: 'verificationOffNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { verification: ['none'] } },
		},
	];
}

/** What protects a trigger that checks nothing else: the URL, as with n8n's own Webhook node. */
export const URL_ONLY_NOTICE =
	"Any request to the Production URL starts this workflow: the URL is unguessable, so keep it private, as with n8n's Webhook node.";

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
		// `action`: n8n's node creator lists an Events filter's options under Triggers, by this same name
		options: values.map((value) => ({ name: value, value, action: value })),
		default: [],
		description: `${description} Leave empty for all`,
	};
}

/**
 * Where every trigger reads times sent without a zone ("2025-01-04 15:35:46"): the one rule is
 * zoneForZonelessTimes (core/timestamps.ts). The name stays naiveTimeZone: saved workflows carry it.
 */
export const NAIVE_TIME_ZONE_OPTION: INodeProperties = {
	displayName: 'Time Zone of Zone-Less Times',
	name: 'naiveTimeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Asia/Kolkata',
	description:
		"IANA time zone in which times sent without a zone (like 2025-01-04 15:35:46) are read; empty or unknown: the workflow's time zone",
};

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
		NAIVE_TIME_ZONE_OPTION,
	],
};

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

/** The credential is asked for only while Verification is on. */
export const VERIFICATION_ON = { show: { verification: ['credentials'] } };

/** How a platform's credential is asked for: required, shown only while Verification is on. */
export const ASKED_WHILE_VERIFYING = { required: true, displayOptions: VERIFICATION_ON };

/** Shown on the canvas: what the node checks of a request, whatever state its credential is in. */
export function verificationSubtitle(
	authentication: Pick<PlatformAuthentication, 'checks' | 'defaultVerification'>,
): string {
	const chosen = `($parameter["verification"] ?? "${authentication.defaultVerification}")`;
	return `={{${chosen} === "none" ? "Checks: URL only" : "Checks: ${authentication.checks}"}}`;
}

/**
 * What n8n's AI workflow builder reads to place a node (n8n 2.41's IBuilderHint; older n8n-workflow types
 * lack it, and older n8n ignores it).
 */
export interface BuilderHint {
	searchHint?: string;
	relatedNodes?: Array<{ nodeType: string; relationHint: string }>;
}
export type WithBuilderHint = { builderHint?: BuilderHint };

/** Every trigger's items go into an AI Agent with no mapping (chatInput, sessionId). */
export const AGENT_AFTER_TRIGGER = {
	nodeType: '@n8n/n8n-nodes-langchain.agent',
	relationHint:
		'Place it right after this trigger: incoming-message items carry chatInput and sessionId, which the AI Agent and Simple Memory read by default; other events have chatInput null, so route by normalized.kind first. A contact writes chatInput: do not give such an agent tools that change the account (Bcrumbs Create) without human approval',
};
