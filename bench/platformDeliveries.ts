/**
 * Every documented example (sandbox examples for bcrumbs, test/fixtures for the other platforms) as the
 * bytes and headers a platform would send, correctly signed, and each trigger's receive step as a plain
 * function: verify + parse + normalize, the same calls and options the node's webhook() makes.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/trigger/lifecycle';
import { parseBcrumbsDelivery } from '../nodes/Bcrumbs/core/parse';
import { parseBikDelivery, verifyBikBasicAuth } from '../nodes/Bik/core/parse';
import { handshakeResponse, isMobtextingHandshake, parseMobtextingDelivery, verifyMobtextingSecret } from '../nodes/Mobtexting/core/parse';
import { parseOneRouteDelivery, verifyOneRouteSignature, ONEROUTE_SIGNATURE_HEADER } from '../nodes/OneRoute/core/parse';
import { parseWakitDelivery, verifyWakitToken } from '../nodes/Wakit/core/parse';
import { verifySharedSecretHeader, type Verdict } from '../nodes/shared/core/verify';
import { EXAMPLE_EVENTS } from '../sandbox';

export type Platform = 'bcrumbs' | 'oneroute' | 'bik' | 'mobtexting' | 'wakit';

/** One request as it arrives: n8n hands the node the parsed body, the headers, the query and the raw bytes. */
export interface WireDelivery {
	platform: Platform;
	/** The event or fixture name */
	name: string;
	method: 'POST' | 'GET';
	headers: Record<string, string>;
	/** The body as sent ('' for GET) */
	bodyText: string;
	/** The query string as sent ('' for POST) */
	queryText: string;
}

/** Made-up secrets: the bench signs its own deliveries. */
export const SECRETS = {
	bcrumbs: 'a'.repeat(64),
	oneroute: 'oneroute-signing-secret',
	bik: { user: 'bik-user', password: 'bik-password' },
	mobtexting: 'mobtexting-secret',
	wakit: 'wakit-token',
};

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');

function headersFor(platform: Platform, bodyText: string): Record<string, string> {
	const json = { 'content-type': 'application/json' };
	switch (platform) {
		case 'bcrumbs':
			return { ...json, [VERIFICATION_HEADER]: SECRETS.bcrumbs };
		case 'oneroute':
			return { ...json, [ONEROUTE_SIGNATURE_HEADER]: createHmac('sha512', SECRETS.oneroute).update(bodyText).digest('hex') };
		case 'bik':
			return { ...json, authorization: `Basic ${Buffer.from(`${SECRETS.bik.user}:${SECRETS.bik.password}`).toString('base64')}` };
		case 'mobtexting':
			return { ...json, authorization: `Bearer ${SECRETS.mobtexting}` };
		case 'wakit':
			return { ...json, authorization: `Bearer ${SECRETS.wakit}` };
	}
}

export function allDeliveries(): WireDelivery[] {
	const deliveries: WireDelivery[] = [];
	for (const [event, payload] of Object.entries(EXAMPLE_EVENTS)) {
		const isGet = event === 'MESSAGE_UPDATED_SMPP'; // bcrumbs sends this receipt as GET ?message_id=&status=
		const bodyText = isGet ? '' : JSON.stringify(payload);
		const queryText = isGet ? new URLSearchParams(payload as Record<string, string>).toString() : '';
		const headers = headersFor('bcrumbs', bodyText);
		if (isGet) delete headers['content-type'];
		deliveries.push({ platform: 'bcrumbs', name: event, method: isGet ? 'GET' : 'POST', headers, bodyText, queryText });
	}
	for (const platform of ['oneroute', 'bik', 'mobtexting', 'wakit'] as const) {
		for (const file of readdirSync(join(FIXTURES, platform)).filter((name) => name.endsWith('.json')).sort()) {
			// compact, as senders serialize: the signature covers exactly these bytes
			const bodyText = JSON.stringify(JSON.parse(readFileSync(join(FIXTURES, platform, file), 'utf8')));
			deliveries.push({ platform, name: file.replace(/\.json$/, ''), method: 'POST', headers: headersFor(platform, bodyText), bodyText, queryText: '' });
		}
	}
	return deliveries;
}

/** What a trigger's receive step sees after n8n decoded the request. */
export interface DecodedDelivery {
	method: string;
	headers: Record<string, string>;
	query: Record<string, unknown>;
	body: unknown;
	rawBody: Buffer;
}

export function decode(delivery: WireDelivery): DecodedDelivery {
	return {
		method: delivery.method,
		headers: delivery.headers,
		query: Object.fromEntries(new URLSearchParams(delivery.queryText)),
		body: delivery.bodyText ? JSON.parse(delivery.bodyText) : {},
		rawBody: Buffer.from(delivery.bodyText),
	};
}

export interface ReceiveResult {
	items: Array<{ valid: boolean }>;
	skipped?: number;
}

function verified(verdict: Verdict): void {
	// a refusal here is a bench bug (bad signature), not a figure to report
	if (!verdict.ok) throw new Error(`bench delivery refused: ${verdict.reason}`);
}

/** verify + parse + normalize for one platform, with the options the node passes by default. */
export function receiveStep(platform: Platform): (delivery: DecodedDelivery) => ReceiveResult {
	switch (platform) {
		case 'bcrumbs':
			return (d) => {
				verified(verifySharedSecretHeader(d.headers[VERIFICATION_HEADER], SECRETS.bcrumbs));
				return parseBcrumbsDelivery(d, { selectedEvents: ['ANY_EVENT', 'MESSAGE_UPDATED_SMPP'], includeRawBody: false });
			};
		case 'oneroute':
			return (d) => {
				verified(verifyOneRouteSignature(d.headers, SECRETS.oneroute, d.rawBody, d.body));
				return parseOneRouteDelivery(d.body, { includeRawBody: false });
			};
		case 'bik':
			return (d) => {
				verified(verifyBikBasicAuth(d.headers, SECRETS.bik.user, SECRETS.bik.password));
				return parseBikDelivery(d.body, { includeRawBody: false, events: [], categories: [] });
			};
		case 'mobtexting':
			return (d) => {
				if (isMobtextingHandshake(d.query, d.body)) return { items: [], handshake: handshakeResponse(d.body) } as ReceiveResult;
				verified(verifyMobtextingSecret(d.headers, SECRETS.mobtexting));
				return parseMobtextingDelivery(d.body, { includeRawBody: false, events: [] });
			};
		case 'wakit':
			return (d) => {
				verified(verifyWakitToken(d.headers, SECRETS.wakit));
				return parseWakitDelivery(d.body, { includeRawBody: false, entities: [], actions: [], directions: [] });
			};
	}
}
