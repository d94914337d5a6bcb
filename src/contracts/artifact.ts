import { z } from 'zod';
import type { AgentKind } from './plan.js';

/** Languages an artifact can be written in; the checker picks its checks from this. */
export const ARTIFACT_LANGUAGES = [
  'typescript',
  'tsx',
  'javascript',
  'json',
  'yaml',
  'markdown',
  'dockerfile',
  'text',
] as const;
export type ArtifactLanguage = (typeof ARTIFACT_LANGUAGES)[number];

/**
 * What an artifact is, so the checker can apply structural checks beyond syntax
 * (`openapi`: OpenAPI 3.1 structure; `github-workflow`: jobs/steps shape; `kubernetes`: apiVersion/kind/metadata).
 */
export const ARTIFACT_KINDS = [
  'openapi',
  'source',
  'component',
  'test',
  'test-plan',
  'dockerfile',
  'github-workflow',
  'gitlab-ci',
  'compose',
  'kubernetes',
  'config',
  'doc',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** A file an agent produced. `path` is POSIX, relative to the workspace root, without `..` segments. */
export interface Artifact {
  path: string;
  language: ArtifactLanguage;
  kind: ArtifactKind;
  content: string;
}

/**
 * The checks the artifact checker can run, in the order they are reported; also the `source` of every
 * {@link Diagnostic} (the code fixer reports `typescript`, `eslint` and `json` findings with the same names).
 */
export const CHECK_NAMES = [
  'typescript',
  'eslint',
  'json',
  'yaml',
  'openapi',
  'dockerfile',
  'workflow',
  'compose',
  'kubernetes',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** One finding of a checker. `line` and `column` are 1-based. `source` names the tool that found it. */
export const DiagnosticSchema = z.object({
  source: z.enum(CHECK_NAMES),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  code: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/**
 * The verdict for one artifact: `passed` when no check reported an error, `failed` otherwise.
 * `checks` names what actually ran (e.g. `["typescript", "eslint"]`); an artifact no checker applies to
 * has `checks: []` and `status: "unchecked"` — never `passed`.
 */
export const CheckVerdictSchema = z.object({
  status: z.enum(['passed', 'failed', 'unchecked']),
  checks: z.array(z.string()),
  diagnostics: z.array(DiagnosticSchema),
});
export type CheckVerdict = z.infer<typeof CheckVerdictSchema>;

/**
 * Checks artifacts with real tools: the TypeScript compiler (all TS/TSX artifacts as one program, so imports
 * between artifacts resolve), ESLint, YAML/JSON parsers, and structural rules per {@link ArtifactKind}.
 */
export interface ArtifactChecker {
  /** The check names this checker can run, for `list_capabilities`. */
  readonly checks: readonly string[];
  /**
   * @returns one verdict per input artifact, keyed by `path`.
   * @throws CancelledError when `signal` aborts.
   */
  check(artifacts: readonly Artifact[], options?: { signal?: AbortSignal }): Promise<Map<string, CheckVerdict>>;
}

/** Where a written artifact ended up. `sizeBytes` is the UTF-8 byte length written. */
export interface WrittenArtifact {
  path: string;
  absolutePath: string;
  sizeBytes: number;
}

/** Options of {@link ArtifactWriter.write}. */
export interface ArtifactWriteOptions {
  signal?: AbortSignal;
  /** The agent kind that produced the artifact (`frontend`, `backend`, `devops`, `quality`). */
  agent?: AgentKind;
}

/** Writes artifacts under one root; refuses any path that would leave it. */
export interface ArtifactWriter {
  /** Absolute path of the root every artifact is written under. */
  readonly root: string;
  /**
   * @param options.agent - the agent whose artifact this is; a writer that goes through downstream servers uses
   *   only servers that agent may use (absent: the orchestrator's own allow-list applies).
   * @throws WorkspaceEscapeError when `artifact.path` is absolute, has `..` segments, or resolves outside `root`.
   */
  write(artifact: Artifact, options?: ArtifactWriteOptions): Promise<WrittenArtifact>;
}
