/** In-memory webhook registrations, shaped like bcrumbs' (Mongo-backed) ones. */
import { randomBytes } from 'node:crypto';
import type { WebhookEvent } from './events';
import type { NewWebhook, StoredWebhook } from './types';

export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/**
 * Ids look like Mongo ObjectIds (24 lowercase hex: seconds, random, counter),
 * because consumers may validate or store them as such.
 */
function makeObjectIdFactory(): () => string {
	const processPart = randomBytes(5).toString('hex');
	let counter = randomBytes(3).readUIntBE(0, 3);
	return () => {
		counter = (counter + 1) % 0x1000000;
		const seconds = Math.floor(Date.now() / 1000)
			.toString(16)
			.padStart(8, '0');
		return seconds + processPart + counter.toString(16).padStart(6, '0');
	};
}

export interface WebhookFilter {
	workspaceId: number;
	label?: string | null;
	event?: WebhookEvent | null;
}

export class WebhookStore {
	private readonly items: StoredWebhook[] = [];
	private readonly nextId = makeObjectIdFactory();

	add(input: NewWebhook): StoredWebhook {
		const id = input.id ?? this.uniqueId();
		if (!OBJECT_ID_PATTERN.test(id))
			throw new Error(`Webhook id must be 24 lowercase hex chars: ${id}`);
		if (this.items.some((w) => w.id === id)) throw new Error(`Duplicate webhook id: ${id}`);
		const stored: StoredWebhook = {
			workspaceId: input.workspaceId,
			id,
			label: input.label,
			url: input.url,
			event: input.event,
			headers: input.headers ? { ...input.headers } : null,
			createdAt: input.createdAt ?? new Date().toISOString(),
		};
		this.items.push(stored);
		return copy(stored);
	}

	/** `label` is a case-insensitive substring (not a regex: users type plain text). */
	list(filter: WebhookFilter): StoredWebhook[] {
		const label = filter.label?.toLowerCase();
		return this.items
			.filter((w) => w.workspaceId === filter.workspaceId)
			.filter((w) => !label || w.label.toLowerCase().includes(label))
			.filter((w) => !filter.event || w.event === filter.event)
			.map(copy);
	}

	/** Removes and returns the webhook, or undefined if it is not in that workspace. */
	remove(workspaceId: number, id: string): StoredWebhook | undefined {
		const index = this.items.findIndex((w) => w.id === id && w.workspaceId === workspaceId);
		if (index < 0) return undefined;
		return this.items.splice(index, 1)[0];
	}

	all(): StoredWebhook[] {
		return this.items.map(copy);
	}

	clear(): void {
		this.items.length = 0;
	}

	private uniqueId(): string {
		let id = this.nextId();
		while (this.items.some((w) => w.id === id)) id = this.nextId();
		return id;
	}
}

function copy(webhook: StoredWebhook): StoredWebhook {
	return { ...webhook, headers: webhook.headers ? { ...webhook.headers } : null };
}
