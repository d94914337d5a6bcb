import { z } from 'zod';
import type { ModelContent, ModelMessage, ModelResponse } from '../../contracts/model.js';
import { ModelError } from '../errors.js';
import { postJson } from './http.js';
import type { ProviderAnswer, ProviderClient, ProviderRequest } from './types.js';

/** The Messages API version header sent with every request. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** Options of {@link createAnthropicProvider}. */
export interface AnthropicOptions {
  /** Endpoint root; `/v1/messages` is appended (`https://api.anthropic.com`). */
  baseUrl: string;
  model: string;
  apiKey?: string;
}

const MessagesResponseSchema = z.object({
  model: z.string().optional(),
  stop_reason: z.string().nullable().optional(),
  content: z.array(
    z.union([
      z.object({ type: z.literal('text'), text: z.string() }),
      z.object({
        type: z.literal('tool_use'),
        id: z.string(),
        name: z.string(),
        input: z.record(z.string(), z.unknown()),
      }),
      z.object({ type: z.string() }).loose(),
    ]),
  ),
  usage: z
    .object({ input_tokens: z.number().int().nonnegative(), output_tokens: z.number().int().nonnegative() })
    .optional(),
});

/** Maps our messages to Messages API content blocks (`tool_result` carries `tool_use_id`). */
export function toAnthropicMessages(messages: readonly ModelMessage[]): Array<Record<string, unknown>> {
  return messages.map((message) => ({
    role: message.role,
    content: message.content.map((block) => {
      switch (block.type) {
        case 'text':
          return { type: 'text', text: block.text };
        case 'tool_use':
          return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
        case 'tool_result':
          return {
            type: 'tool_result',
            tool_use_id: block.toolUseId,
            content: block.text,
            ...(block.isError ? { is_error: true } : {}),
          };
      }
    }),
  }));
}

function toStopReason(reason: string | null | undefined): ModelResponse['stopReason'] {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'end';
  if (reason === 'tool_use') return 'tool_use';
  if (reason === 'max_tokens') return 'max_tokens';
  return 'other';
}

/** Parses a Messages API answer. @throws ModelError `model_failed` for the wrong shape. */
export function parseMessagesResponse(raw: unknown, fallbackModel: string): ProviderAnswer {
  const parsed = MessagesResponseSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError('model_failed', 'The messages answer has an unexpected shape.');
  const content: ModelContent[] = [];
  for (const block of parsed.data.content) {
    if (block.type === 'text' && 'text' in block && typeof block.text === 'string') {
      content.push({ type: 'text', text: block.text });
    } else if (block.type === 'tool_use' && 'id' in block && 'name' in block && 'input' in block) {
      const { id, name, input } = block as { id: string; name: string; input: Record<string, unknown> };
      content.push({ type: 'tool_use', id, name, input });
    }
  }
  const usage = parsed.data.usage;
  return {
    content,
    stopReason: toStopReason(parsed.data.stop_reason),
    model: parsed.data.model ?? fallbackModel,
    ...(usage ? { usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens } } : {}),
  };
}

/** A provider speaking the Anthropic Messages API (`POST {baseUrl}/v1/messages`, `x-api-key`, `anthropic-version`). */
export function createAnthropicProvider(options: AnthropicOptions): ProviderClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/messages`;
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  return {
    name: 'anthropic',
    model: options.model,
    async complete(request: ProviderRequest, { signal, callerSignal }) {
      const tools = request.tools ?? [];
      const raw = await postJson({
        provider: 'anthropic provider',
        url,
        headers,
        body: {
          model: options.model,
          system: request.system,
          messages: toAnthropicMessages(request.messages),
          max_tokens: request.maxTokens,
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(tools.length > 0
            ? { tools: tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })) }
            : {}),
        },
        signal,
        ...(callerSignal ? { callerSignal } : {}),
        ...(options.apiKey ? { secret: options.apiKey } : {}),
      });
      return parseMessagesResponse(raw, options.model);
    },
  };
}
