// An OpenAI-compatible chat model on loopback, for n8n's OpenAI Chat Model node (its credential's Base
// URL points here). No real model is reachable here: a script decides each answer, and every request is
// recorded, so a test can read what n8n sent the model (the tools and their schemas, the tool outputs).
import { HttpSink, type SinkRequest } from './sink';

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

/** What the model answers to one request: call tools, or reply with text (the agent's final answer). */
export type ModelTurn = { toolCalls: ToolCall[] } | { text: string };

/** Decides the answer to a chat completion request from its messages (and the tools offered). */
export type ModelScript = (request: ChatRequest) => ModelTurn;

export interface ChatRequest {
	model: string;
	messages: Array<{
		role: string;
		content?: unknown;
		tool_calls?: unknown[];
		tool_call_id?: string;
	}>;
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: Record<string, unknown> };
	}>;
	stream?: boolean;
}

let callSequence = 0;

function completion(request: ChatRequest, turn: ModelTurn): unknown {
	const message =
		'text' in turn
			? { role: 'assistant', content: turn.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: turn.toolCalls.map((call) => ({
						id: `call_${++callSequence}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.arguments) },
					})),
				};
	return {
		id: `chatcmpl-stub-${callSequence}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [{ index: 0, message, finish_reason: 'text' in turn ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

export class OpenAiStub {
	private constructor(
		private readonly sink: HttpSink,
		readonly baseUrl: string,
	) {}

	static async start(script: ModelScript): Promise<OpenAiStub> {
		const sink = await HttpSink.start();
		sink.on('POST', '/v1/chat/completions', (request) => {
			const chat = request.body as ChatRequest;
			if (chat.stream) throw new Error('the stub answers non-streaming requests only');
			return completion(chat, script(chat));
		});
		sink.on('GET', '/v1/models', () => ({
			object: 'list',
			data: [{ id: 'stub-model', object: 'model', owned_by: 'stub' }],
		}));
		return new OpenAiStub(sink, `${sink.url}/v1`);
	}

	/** Every chat completion request n8n sent, in order */
	get chats(): ChatRequest[] {
		return this.sink
			.received('/v1/chat/completions')
			.map((request: SinkRequest) => request.body as ChatRequest);
	}

	async close(): Promise<void> {
		await this.sink.close();
	}
}
