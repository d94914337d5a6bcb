import type {
  CreateMessageRequest,
  CreateMessageResult,
  CreateMessageResultWithTools,
  McpServer,
  SamplingMessage,
  ServerContext,
} from '@modelcontextprotocol/server';
import type { ModelContent, ModelMessage, SamplingChannel, SamplingRequest } from '../contracts/model.js';

/** The first protocol revision without push-style server-to-client requests (sampling becomes `input_required`). */
export const FIRST_REVISION_WITHOUT_PUSH_SAMPLING = '2026-07-28';

/** Whether this call can use the client's sampling, and the channel or the reason it cannot. */
export interface SamplingAvailability {
  channel?: SamplingChannel;
  reason?: string;
}

type SdkBlock = Exclude<SamplingMessage['content'], readonly unknown[]>;

function toSdkBlock(block: ModelContent): SdkBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        toolUseId: block.toolUseId,
        content: [{ type: 'text', text: block.text }],
        ...(block.isError ? { isError: true } : {}),
      };
  }
}

/** Our messages as `sampling/createMessage` messages. */
export function toSamplingMessages(messages: readonly ModelMessage[]): SamplingMessage[] {
  return messages.map((m) => ({ role: m.role, content: m.content.map(toSdkBlock) }));
}

/** A `CreateMessageResult` (single block or array) as our content blocks; image/audio blocks are dropped. */
export function fromSamplingResult(result: CreateMessageResult | CreateMessageResultWithTools): ModelContent[] {
  const blocks: readonly unknown[] = Array.isArray(result.content) ? result.content : [result.content];
  const out: ModelContent[] = [];
  for (const raw of blocks) {
    const block = raw as { type?: string; text?: unknown; id?: unknown; name?: unknown; input?: unknown };
    if (block.type === 'text' && typeof block.text === 'string') out.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string') {
      out.push({
        type: 'tool_use',
        id: block.id,
        name: block.name,
        input: (block.input ?? {}) as Record<string, unknown>,
      });
    }
  }
  return out;
}

function toParams(request: SamplingRequest): CreateMessageRequest['params'] {
  return {
    systemPrompt: request.systemPrompt,
    messages: toSamplingMessages(request.messages),
    maxTokens: request.maxTokens,
    includeContext: 'none',
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.tools?.length
      ? {
          tools: request.tools.map((t) => ({
            name: t.name,
            description: t.description,
            inputSchema: { type: 'object' as const, ...t.inputSchema },
          })),
          toolChoice: { mode: 'auto' as const },
        }
      : {}),
  };
}

/**
 * Builds the sampling channel of one tool call: available when the client advertised `sampling` at initialize and
 * the request is of a revision that still allows server-to-client requests (before 2026-07-28; later revisions turn
 * sampling into `input_required` results, which this server does not use — it falls back instead).
 */
export function toSamplingAvailability(
  ctx: ServerContext,
  server: McpServer,
  protocolVersion: string | undefined,
): SamplingAvailability {
  if (protocolVersion !== undefined && protocolVersion >= FIRST_REVISION_WITHOUT_PUSH_SAMPLING) {
    return { reason: `protocol revision ${protocolVersion} has no push-style sampling` };
  }
  const sampling = server.server.getClientCapabilities()?.sampling;
  if (sampling === undefined) return { reason: 'the calling client did not advertise sampling' };
  return {
    channel: {
      supportsTools: sampling.tools !== undefined,
      async createMessage(request, { signal, timeoutMs }) {
        const result = await ctx.mcpReq.requestSampling(toParams(request), { signal, timeout: timeoutMs });
        return {
          model: result.model,
          ...(result.stopReason !== undefined ? { stopReason: result.stopReason } : {}),
          content: fromSamplingResult(result),
        };
      },
    },
  };
}
