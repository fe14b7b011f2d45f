/** How each platform authenticates a request, as header values (no n8n imports: cheap to load). */
import { createHmac } from 'node:crypto';

export const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** OneRoute's x-oneroute-signature: hex HMAC-SHA512 of the raw body */
export const sign = (key: string, raw: string | Buffer) =>
	createHmac('sha512', key).update(raw).digest('hex');
