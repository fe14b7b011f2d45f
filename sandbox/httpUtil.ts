/** Small helpers for the raw node:http server. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	sendRaw(res, status, JSON.stringify(body));
}

/** For bodies that must be sent byte for byte (e.g. the malformed-JSON fault). */
export function sendRaw(
	res: ServerResponse,
	status: number,
	text: string,
	contentType = 'application/json',
): void {
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** Parses a JSON request body; an empty body is `{}`. Throws a readable error otherwise. */
export function parseJsonObject(text: string): Record<string, unknown> {
	if (!text.trim()) return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error('Request body must be JSON');
	}
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new Error('Request body must be a JSON object');
	return value as Record<string, unknown>;
}

/** A delay that ends early when `signal` aborts (so closing the server never waits on it). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done);
	});
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
	return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether a request's Host header names this machine: localhost, 127.x.x.x or [::1], with or without a
 * port. A page that rebinds its own domain to 127.0.0.1 still sends that domain as Host, so it is refused.
 */
export function isLoopbackHostHeader(value: string | undefined): boolean {
	if (value === undefined) return false;
	const match = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::\d{1,5})?$/.exec(value.trim().toLowerCase());
	if (!match) return false;
	const host = match[1] ?? match[2];
	if (host === 'localhost' || host === '::1') return true;
	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Whether a request's Content-Type is JSON (`application/json`, parameters such as charset allowed). */
export function isJsonContentType(value: string | undefined): boolean {
	return value?.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/** URL host part: IPv6 literals need brackets. */
export function urlHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}
