import { z } from 'zod';
import type { ModelContent, ModelMessage, ModelResponse } from '../../contracts/model.js';
import { ModelError } from '../errors.js';
import { postJson } from './http.js';
import type { ProviderAnswer, ProviderClient, ProviderRequest } from './types.js';

/** Options of {@link createOpenAiCompatibleProvider}. */
export interface OpenAiCompatibleOptions {
  /** Endpoint root; `/chat/completions` is appended (`https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`). */
  baseUrl: string;
  model: string;
  /** The key read from the environment by the composition root; absent for local servers that need none. */
  apiKey?: string;
  /** `authorization` sends `Bearer <key>`; `api-key` sends the key as Azure OpenAI expects. */
  apiKeyHeader: 'authorization' | 'api-key';
}

const ChatResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullable().optional(),
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                function: z.object({ name: z.string(), arguments: z.string().optional() }),
              }),
            )
            .nullable()
            .optional(),
        }),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() })
    .nullable()
    .optional(),
});

type ChatMessage = Record<string, unknown>;

const textOf = (content: readonly ModelContent[]): string =>
  content
    .filter((c): c is Extract<ModelContent, { type: 'text' }> => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

/** Maps our messages to Chat Completions messages: tool results become `role: "tool"` messages. */
export function toChatMessages(system: string, messages: readonly ModelMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    const text = textOf(message.content);
    if (message.role === 'user') {
      for (const block of message.content) {
        if (block.type === 'tool_result')
          out.push({ role: 'tool', tool_call_id: block.toolUseId, content: block.text });
      }
      if (text) out.push({ role: 'user', content: text });
      continue;
    }
    const calls = message.content.flatMap((block) =>
      block.type === 'tool_use'
        ? [{ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } }]
        : [],
    );
    out.push({ role: 'assistant', content: text || null, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
  }
  return out;
}

function parseArguments(raw: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw ?? '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: the tool gets the raw text and rejects it with a message the model can read
  }
  return { invalid_arguments: raw ?? '' };
}

function toStopReason(finish: string | null | undefined, hasCalls: boolean): ModelResponse['stopReason'] {
  if (hasCalls || finish === 'tool_calls') return 'tool_use';
  if (finish === 'stop') return 'end';
  if (finish === 'length') return 'max_tokens';
  return 'other';
}

/** Parses a Chat Completions answer. @throws ModelError `model_failed` for the wrong shape. */
export function parseChatResponse(raw: unknown, fallbackModel: string): ProviderAnswer {
  const parsed = ChatResponseSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError('model_failed', 'The chat completions answer has an unexpected shape.');
  const choice = parsed.data.choices[0];
  const calls = choice?.message.tool_calls ?? [];
  const content: ModelContent[] = [];
  if (choice?.message.content) content.push({ type: 'text', text: choice.message.content });
  for (const call of calls) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments),
    });
  }
  const usage = parsed.data.usage;
  return {
    content,
    stopReason: toStopReason(choice?.finish_reason, calls.length > 0),
    model: parsed.data.model ?? fallbackModel,
    ...(usage ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } } : {}),
  };
}

function toBody(model: string, request: ProviderRequest): Record<string, unknown> {
  const tools = request.tools ?? [];
  return {
    model,
    messages: toChatMessages(request.system, request.messages),
    max_tokens: request.maxTokens,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(tools.length > 0
      ? {
          tools: tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.inputSchema },
          })),
          tool_choice: 'auto',
        }
      : {}),
  };
}

/**
 * A provider speaking the OpenAI Chat Completions API (`POST {baseUrl}/chat/completions`): OpenAI, Azure OpenAI
 * (v1 endpoint with `api-key`), Ollama, LM Studio, vLLM, OpenRouter. Tools are sent as `function` tools.
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): ProviderClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = {};
  if (options.apiKey) {
    if (options.apiKeyHeader === 'api-key') headers['api-key'] = options.apiKey;
    else headers.authorization = `Bearer ${options.apiKey}`;
  }
  return {
    name: 'openai-compatible',
    model: options.model,
    async complete(request, { signal, callerSignal }) {
      const raw = await postJson({
        provider: 'openai-compatible provider',
        url,
        headers,
        body: toBody(options.model, request),
        signal,
        ...(callerSignal ? { callerSignal } : {}),
        ...(options.apiKey ? { secret: options.apiKey } : {}),
      });
      return parseChatResponse(raw, options.model);
    },
  };
}
