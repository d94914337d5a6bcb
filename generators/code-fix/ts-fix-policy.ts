import type * as TS from 'typescript';

/** A TypeScript code fix reduced to edits of the one in-memory file. */
export interface FixCandidate {
  fixName: string;
  description: string;
  fixId?: string;
  /** Edits against the text the fix was computed for; spans never overlap. */
  changes: readonly TS.TextChange[];
  /** Rank tier from {@link fixTier}; lower is preferred. */
  tier: number;
}

/**
 * Fixes never used, whatever they would achieve: they silence the checker instead of fixing the code.
 * `disableJsDiagnostics` (and the `fixDisableJsDiagnostics` alias) adds `// @ts-ignore` / `// @ts-nocheck`;
 * `addConvertToUnknownForNonOverlappingTypes` inserts the double cast `as unknown as T`.
 */
export const FORBIDDEN_FIX_NAMES: ReadonlySet<string> = new Set([
  'disableJsDiagnostics',
  'fixDisableJsDiagnostics',
  'addConvertToUnknownForNonOverlappingTypes',
]);

/** Text no accepted fix may introduce: checker suppressions and casts to `any` (or through `unknown`). */
export const FORBIDDEN_TEXT = /@ts-(?:ignore|expect-error|nocheck)\b|\bas\s+any\b|<any>|\bas\s+unknown\s+as\b/;

/** An annotation to `any`: allowed (TypeScript's own "declare property" fix writes it) but ranked last. */
const ANY_ANNOTATION = /:\s*any\b|\bany\[\]/;

/**
 * The ranking rule, lowest tier first; within a tier TypeScript's own order is kept (it lists the best
 * candidate first). Derived from how specific each fix is to the reported mistake:
 * - 0 `spelling`: the identifier was misspelt and the checker knows the intended one.
 * - 1 `import`: a missing import of a name the program declares.
 * - 2 fixes that complete the code as written: declare a missing member/property/attribute, add a missing
 *   `await`/`async`/`const`/`new`/call parentheses/`this.`, correct a return type.
 * - 3 any other fix TypeScript offers.
 * - 4 generic fixes that change code more than the error asks: infer types from usage, stub a missing
 *   function, remove unreachable code or unused labels, add an index signature; and any fix whose text
 *   annotates something as `any`.
 */
const FIX_TIERS: Readonly<Record<string, number>> = {
  spelling: 0,
  import: 1,
  fixMissingMember: 2,
  fixMissingProperties: 2,
  fixMissingAttributes: 2,
  addMissingAwait: 2,
  addMissingAwaitToInitializer: 2,
  addMissingAsync: 2,
  fixAwaitInSyncFunction: 2,
  addMissingConst: 2,
  addMissingNewOperator: 2,
  fixMissingCallParentheses: 2,
  forgottenThisPropertyAccess: 2,
  fixReturnTypeInAsyncFunction: 2,
  addMissingInvocationForDecorator: 2,
  classSuperMustPrecedeThisAccess: 2,
  constructorForDerivedNeedSuperCall: 2,
  inferFromUsage: 4,
  fixMissingFunctionDeclaration: 4,
  fixUnreachableCode: 4,
  fixUnusedLabel: 4,
  unusedIdentifier: 4,
  addMissingIndexSignature: 4,
};
const DEFAULT_TIER = 3;
const LOWEST_TIER = 4;

/** The tier of a fix under the ranking rule of {@link FIX_TIERS}. */
export function fixTier(fixName: string, description: string, changes: readonly TS.TextChange[]): number {
  const byName = /index signature/i.test(description) ? LOWEST_TIER : (FIX_TIERS[fixName] ?? DEFAULT_TIER);
  return changes.some((c) => ANY_ANNOTATION.test(c.newText)) ? Math.max(byName, LOWEST_TIER) : byName;
}

/** How many forbidden constructs ({@link FORBIDDEN_TEXT}) a text holds. */
export function countForbidden(text: string): number {
  return text.match(new RegExp(FORBIDDEN_TEXT.source, 'g'))?.length ?? 0;
}

/**
 * Reduces a TypeScript fix to a candidate, or `undefined` when it must not be used: a forbidden fix name,
 * a command to run (e.g. installing `@types`), an edit of any other file or a new file, overlapping edits,
 * or text that introduces a forbidden construct.
 */
export function toCandidate(
  fix: {
    fixName: string;
    description: string;
    fixId?: unknown;
    changes: readonly TS.FileTextChanges[];
    commands?: readonly unknown[];
  },
  filePath: string,
): FixCandidate | undefined {
  if (FORBIDDEN_FIX_NAMES.has(fix.fixName) || (typeof fix.fixId === 'string' && FORBIDDEN_FIX_NAMES.has(fix.fixId)))
    return undefined;
  if (fix.commands !== undefined && fix.commands.length > 0) return undefined;
  if (fix.changes.length === 0 || fix.changes.some((c) => c.fileName !== filePath || c.isNewFile === true))
    return undefined;
  const changes = fix.changes.flatMap((c) => c.textChanges);
  if (changes.length === 0 || changes.some((c) => countForbidden(c.newText) > 0) || hasOverlap(changes))
    return undefined;
  const candidate: FixCandidate = {
    fixName: fix.fixName,
    description: fix.description,
    changes,
    tier: fixTier(fix.fixName, fix.description, changes),
  };
  if (typeof fix.fixId === 'string') candidate.fixId = fix.fixId;
  return candidate;
}

function hasOverlap(changes: readonly TS.TextChange[]): boolean {
  const sorted = [...changes].sort((a, b) => a.span.start - b.span.start);
  return sorted.some((c, i) => {
    const next = sorted[i + 1];
    return next !== undefined && c.span.start + c.span.length > next.span.start;
  });
}

/** Orders candidates by tier, keeping TypeScript's order within a tier (stable sort). */
export function rankCandidates(candidates: readonly FixCandidate[]): FixCandidate[] {
  return [...candidates].sort((a, b) => a.tier - b.tier);
}

/**
 * Applies non-overlapping edits, last first so earlier spans stay valid.
 * @returns the new text, or `undefined` when the result would hold more forbidden constructs than before.
 */
export function applyTextChanges(text: string, changes: readonly TS.TextChange[]): string | undefined {
  let out = text;
  for (const change of [...changes].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, change.span.start) + change.newText + out.slice(change.span.start + change.span.length);
  }
  return countForbidden(out) > countForbidden(text) ? undefined : out;
}
