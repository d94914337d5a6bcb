/**
 * The error class tree. A failure the model should read becomes an `isError` tool result in the tool-kit;
 * everything here is a typed server-side error with a stable string `code`, an optional `cause` and `data`.
 */

/** Options shared by every {@link OrchestratorError}. */
export interface OrchestratorErrorOptions {
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** Structured, JSON-safe detail (no secrets). */
  data?: Record<string, unknown>;
  /** What the caller can change to succeed; shown to the model in tool results. */
  hint?: string;
}

/** Base of every error this server raises on purpose. `code` is stable and machine-readable. */
export class OrchestratorError extends Error {
  readonly code: string;
  readonly data: Record<string, unknown> | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: OrchestratorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.data = options.data;
    this.hint = options.hint;
  }
}

/** Input that is well-formed for the schema but cannot be acted on (empty task, unknown language, ...). */
export class InvalidInputError extends OrchestratorError {
  constructor(message: string, options: OrchestratorErrorOptions = {}) {
    super('invalid_input', message, options);
  }
}

/** The configuration (file, env or argv) is invalid; raised at boot, the CLI exits 1 (2 for argv). */
export class ConfigError extends OrchestratorError {
  constructor(message: string, options: OrchestratorErrorOptions = {}) {
    super('config_invalid', message, options);
  }
}

/** The operation was cancelled by the client, by shutdown, or by its timeout (`data.reason`). */
export class CancelledError extends OrchestratorError {
  constructor(message = 'The operation was cancelled.', options: OrchestratorErrorOptions = {}) {
    super('cancelled', message, options);
  }
}

/** A write or read tried to leave the configured workspace root (path traversal, absolute path, symlink). */
export class WorkspaceEscapeError extends OrchestratorError {
  constructor(path: string, root: string) {
    super('workspace_escape', `Path "${path}" resolves outside the workspace ${root}.`, {
      data: { path, root },
      hint: 'Use a relative path inside the workspace, without ".." segments or links that leave it.',
    });
  }
}

/** A plan failed validation (cycle, unknown dependency, duplicate id). Indicates a planner defect. */
export class PlanValidationError extends OrchestratorError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('plan_invalid', message, { data });
  }
}

/** Type guard for {@link OrchestratorError}. */
export function isOrchestratorError(error: unknown): error is OrchestratorError {
  return error instanceof OrchestratorError;
}
