import type { ModelContent, SamplingChannel, SamplingRequest, SamplingResult } from '../../../src/contracts/model.js';
import { ModelConfigSchema, type ModelConfig } from '../../../src/core/config-model.js';

/** One scripted sampling answer: text, content blocks, an error to throw, or a function of the request. */
export type ScriptedReply = string | ModelContent[] | Error | ((request: SamplingRequest) => string | ModelContent[]);

/** A hand-written {@link SamplingChannel} that answers from a script and records every request. */
export interface ScriptedChannel extends SamplingChannel {
  requests: SamplingRequest[];
  /** Replies not consumed yet. */
  remaining(): number;
}

/** Builds a scripted channel; when the script runs out it answers `exhausted` (plain text, which no JSON reader accepts). */
export function scriptedChannel(replies: ScriptedReply[], options: { supportsTools?: boolean } = {}): ScriptedChannel {
  const queue = [...replies];
  const requests: SamplingRequest[] = [];
  return {
    supportsTools: options.supportsTools ?? true,
    requests,
    remaining: () => queue.length,
    createMessage(request): Promise<SamplingResult> {
      requests.push(structuredClone(request));
      const reply = queue.shift() ?? 'exhausted';
      if (reply instanceof Error) return Promise.reject(reply);
      const value = typeof reply === 'function' ? reply(request) : reply;
      const content: ModelContent[] = typeof value === 'string' ? [{ type: 'text', text: value }] : value;
      const stopReason = content.some((c) => c.type === 'tool_use') ? 'toolUse' : 'endTurn';
      return Promise.resolve({ model: 'scripted-model', stopReason, content });
    },
  };
}

/** A parsed `model` config section with overrides. */
export function modelConfig(raw: Record<string, unknown> = {}): ModelConfig {
  return ModelConfigSchema.parse(raw);
}

/** The last user text of a sampling request. */
export function lastUserText(request: SamplingRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return (last?.content ?? [])
    .map((c) => (c.type === 'text' ? c.text : c.type === 'tool_result' ? c.text : ''))
    .join('\n');
}
