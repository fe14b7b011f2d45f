import type { Normalized } from './normalized';

/**
 * The two fields n8n's AI nodes read by default, so a trigger item goes into an AI Agent with Simple
 * Memory with no mapping: the agent's prompt is `{{ $json.chatInput }}`, the memory's session key
 * `{{ $json.sessionId }}`.
 */
export interface AgentInput {
	/**
	 * The text a contact sent, on an incoming message only. Null on everything else (a status update, an
	 * outgoing message, a contact event): the agent then stops with "no prompt" instead of taking a
	 * status line or its own reply for something the contact said.
	 */
	chatInput: string | null;
	/**
	 * "<platform>:<conversation id>", else "<platform>:contact:<contact id or phone>": one memory per
	 * conversation, never shared between platforms. Null when the delivery names neither.
	 */
	sessionId: string | null;
}

export function agentInputOf(normalized: Normalized): AgentInput {
	return {
		chatInput: normalized.kind === 'message.received' ? normalized.text : null,
		sessionId: sessionIdOf(normalized),
	};
}

function sessionIdOf({ platform, conversationId, contact }: Normalized): string | null {
	if (conversationId) return `${platform}:${conversationId}`;
	const who = contact.id ?? contact.phone;
	return who ? `${platform}:contact:${who}` : null;
}
