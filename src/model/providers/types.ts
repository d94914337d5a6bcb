import type { ModelContent, ModelMessage, ModelResponse, ModelToolSpec } from '../../contracts/model.js';

/** One provider attempt's input (the gateway adds deadline, retries, budget and the ledger). */
export interface ProviderRequest {
  system: string;
  messages: readonly ModelMessage[];
  tools?: readonly ModelToolSpec[];
  maxTokens: number;
  temperature?: number;
}

/** One provider attempt's answer. `usage` is absent when the server reported none. */
export interface ProviderAnswer {
  content: ModelContent[];
  stopReason: ModelResponse['stopReason'];
  model: string;
  usage?: { inputTokens: number; outputTokens: number };
}

/** A configured provider: one HTTP attempt per `complete` call. */
export interface ProviderClient {
  /** `openai-compatible` or `anthropic`. */
  readonly name: string;
  /** The configured model name. */
  readonly model: string;
  /**
   * @throws ModelError (see `postJson`) or `model_failed` for an answer of the wrong shape.
   * @throws CancelledError when `callerSignal` aborted.
   */
  complete(
    request: ProviderRequest,
    options: { signal: AbortSignal; callerSignal?: AbortSignal },
  ): Promise<ProviderAnswer>;
}
