import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import type { ArtifactChecker } from '../contracts/artifact.js';
import type { CodeFixer, CodeFixRequest, CodeFixResult } from '../contracts/code-fix.js';
import type { ModelAccess, ModelAssist, ModelGateway, ModelMessage } from '../contracts/model.js';
import { InvalidInputError } from '../core/errors.js';
import { throwIfAborted } from '../core/signals.js';
import type { CandidateVerdict, CandidateVerifier, FixPolicy } from './fix-verify.js';
import { completeJson } from './json-output.js';

/** Model rounds per request (each proposes up to {@link MAX_CANDIDATES_PER_ROUND} candidates). */
export const MODEL_FIX_ROUNDS = 2;
export const MAX_CANDIDATES_PER_ROUND = 3;

/** What the model-assisted fixer is built from. */
export interface ModelCodeFixerDeps {
  gateway: ModelGateway;
  /** The deterministic fixer: tried first, and the verifier of every candidate. */
  base: CodeFixer;
  checker: ArtifactChecker;
  policy: FixPolicy;
  maxOutputTokens: number;
}

const CandidatesSchema = z.object({
  candidates: z
    .array(z.object({ code: z.string().min(1), explanation: z.string().max(500).optional() }))
    .min(1)
    .max(MAX_CANDIDATES_PER_ROUND),
});

const SYSTEM_PROMPT = [
  'You fix one source file so that its compiler, parser and linter report no error, changing as little as possible.',
  'Never silence errors: no @ts-ignore, @ts-expect-error, @ts-nocheck, eslint-disable comments, casts to any or `as unknown as`.',
  `Answer with ONLY a JSON object {"candidates":[{"code":"<the whole corrected file>","explanation":"<one sentence>"}]} with 1-${MAX_CANDIDATES_PER_ROUND} candidates, best first.`,
].join('\n');

/** The invalid-input error of an unsupported language (it names the supported ones in `data.supported`). */
export function isUnsupportedLanguage(error: unknown): boolean {
  return error instanceof InvalidInputError && Array.isArray(error.data?.supported);
}

export const diffOf = (name: string, a: string, b: string): string =>
  a === b ? '' : createTwoFilesPatch(`a/${name}`, `b/${name}`, a, b, undefined, undefined, { context: 3 });

function describeFailure(index: number, verdict: CandidateVerdict): string {
  const errors = verdict.errors
    .slice(0, 5)
    .map((d) => `  - ${d.code ?? d.source}${d.line ? ` line ${d.line}` : ''}: ${d.message.split('\n')[0] ?? ''}`);
  return [`Candidate ${index} was rejected: ${verdict.reasons.join('; ')}.`, ...errors].join('\n');
}

export function toFixPrompt(request: CodeFixRequest, language: string, base: CodeFixResult | undefined): string {
  const diagnostics = (base?.diagnostics_before ?? [])
    .filter((d) => d.severity === 'error')
    .slice(0, 20)
    .map(
      (d) =>
        `- ${d.code ?? d.source}${d.line ? ` at ${d.line}:${d.column ?? 1}` : ''}: ${d.message.split('\n')[0] ?? ''}`,
    );
  return [
    `Language: ${language}${request.file_name ? `; file: ${request.file_name}` : ''}`,
    `Reported error:\n${request.error_message?.trim() || '(none given: fix every error)'}`,
    diagnostics.length > 0 ? `The checker's errors on this code:\n${diagnostics.join('\n')}` : '',
    base ? `The deterministic fixer could not verify a fix: ${base.message}` : 'No local engine checks this language.',
    '<file>',
    request.code,
    '</file>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

export interface FixAttempt {
  candidates: number;
  /** The model that answered (as its server named it). */
  model?: string;
  verified?: { index: number; code: string; explanation: string | undefined; verdict: CandidateVerdict };
  best?: { code: string; errors: number };
}

async function propose(
  deps: ModelCodeFixerDeps,
  messages: ModelMessage[],
  signal: AbortSignal | undefined,
): Promise<{ model: string; candidates: Array<{ code: string; explanation?: string | undefined }> }> {
  const answer = await completeJson(
    deps.gateway,
    { caller: 'fixer', system: SYSTEM_PROMPT, messages, maxTokens: deps.maxOutputTokens, temperature: 0 },
    CandidatesSchema,
    signal ? { signal } : {},
  );
  return { model: answer.responses.at(-1)?.model ?? 'unknown', candidates: answer.value.candidates };
}

/** Asks for candidates for up to {@link MODEL_FIX_ROUNDS} rounds, verifying each; stops at the first verified one. */
export async function searchCandidates(
  deps: ModelCodeFixerDeps,
  request: CodeFixRequest,
  prompt: string,
  verifier: CandidateVerifier | undefined,
  signal: AbortSignal | undefined,
): Promise<FixAttempt> {
  const attempt: FixAttempt = { candidates: 0 };
  const messages: ModelMessage[] = [{ role: 'user', content: [{ type: 'text', text: prompt }] }];
  for (let round = 1; round <= MODEL_FIX_ROUNDS; round += 1) {
    const proposal = await propose(deps, messages, signal);
    attempt.model = proposal.model;
    const candidates = proposal.candidates.filter((c) => c.code !== request.code);
    const feedback: string[] = [];
    for (const candidate of candidates) {
      throwIfAborted(signal);
      attempt.candidates += 1;
      if (verifier === undefined) {
        attempt.best ??= { code: candidate.code, errors: 0 };
        continue;
      }
      const verdict = await verifier.verify(candidate.code, signal ? { signal } : {});
      if (verdict.verified) {
        attempt.verified = {
          index: attempt.candidates,
          code: candidate.code,
          explanation: candidate.explanation,
          verdict,
        };
        return attempt;
      }
      if (attempt.best === undefined || verdict.errors.length < attempt.best.errors) {
        attempt.best = { code: candidate.code, errors: verdict.errors.length };
      }
      feedback.push(describeFailure(attempt.candidates, verdict));
    }
    if (verifier === undefined || round === MODEL_FIX_ROUNDS) break;
    messages.push(
      { role: 'assistant', content: [{ type: 'text', text: JSON.stringify({ candidates }) }] },
      {
        role: 'user',
        content: [{ type: 'text', text: `${feedback.join('\n') || 'No new candidate.'}\nPropose better candidates.` }],
      },
    );
  }
  return attempt;
}

export function toFixAssist(
  access: ModelAccess,
  attempt: FixAttempt,
  note: string,
  request: CodeFixRequest,
  fileName: string,
): ModelAssist {
  return {
    via: access.mode === 'sampling' ? 'sampling' : 'provider',
    model: attempt.model ?? access.model ?? 'client-selected',
    candidates: attempt.candidates,
    verified_candidate: attempt.verified?.index ?? null,
    ...(attempt.verified === undefined && attempt.best
      ? { unverified_candidate: { ...attempt.best, diff: diffOf(fileName, request.code, attempt.best.code) } }
      : {}),
    note,
  };
}

/** The result for a language without a local engine: nothing verified, the original code, the model's offer aside. */
export function unsupportedResult(request: CodeFixRequest, error: InvalidInputError): CodeFixResult {
  const language = (request.language ?? request.file_name?.split('.').pop() ?? 'unknown').trim().toLowerCase();
  return {
    language,
    file_name: request.file_name ?? `input.${language}`,
    verified: false,
    changed: false,
    fixed_code: request.code,
    diff: '',
    fixes_applied: [],
    diagnostics_before: [],
    diagnostics_after: [],
    target: null,
    rounds: 0,
    message: `${error.message} No local engine can verify a fix; a model candidate, if any, is in model_assist.unverified_candidate (not verified).`,
  };
}
