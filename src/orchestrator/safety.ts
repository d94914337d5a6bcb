import type { RejectedInstruction } from '../contracts/plan.js';
import { normalizeForMatch, SAFETY_RULES, type SafetyRule } from './safety-rules.js';

export { normalizeForMatch, SAFETY_RULES, type SafetyRule, type SafetySeverity } from './safety-rules.js';

/**
 * Where one instruction ends and the next begins: line breaks, sentence ends (`. ! ?` followed by space, and the
 * CJK `。！？`), semicolons, and the sequencing connectors ", then" / "and then". A dot inside a word (`.env`,
 * `3.1`, `example.com`) is not a boundary.
 */
const INSTRUCTION_BOUNDARY = /\r?\n|(?<=[.!?])\s+|(?<=[。！？])|[;；]|,\s*then\s+|\s+and then\s+/iu;

/** The outcome of screening a request: what may be planned, what was refused, what was planned with a warning. */
export interface SafetyReport {
  /** Instructions that may be planned, in request order (warned ones included). */
  accepted: string[];
  /** Refused instructions; never planned. */
  rejected: RejectedInstruction[];
  /** Planned instructions that matched a `warn` rule. */
  warnings: RejectedInstruction[];
}

/**
 * Splits a request into instructions (lines, sentences, clauses), trimmed, empty ones dropped.
 *
 * @example splitInstructions('Build an API. Then add tests; deploy it') → ['Build an API.', 'Then add tests', 'deploy it']
 */
export function splitInstructions(text: string): string[] {
  return text
    .split(INSTRUCTION_BOUNDARY)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && /[\p{L}\p{N}]/u.test(part));
}

/** The first rule (in {@link SAFETY_RULES} order) one instruction triggers, or `undefined`. */
export function findSafetyRule(instruction: string): SafetyRule | undefined {
  const normalized = normalizeForMatch(instruction);
  return SAFETY_RULES.find((rule) => rule.patterns.some((pattern) => pattern.test(normalized)));
}

/**
 * Screens a request instruction by instruction. Rules and their sources: see {@link SAFETY_RULES}.
 * Pure and deterministic.
 */
export function screenRequest(text: string): SafetyReport {
  const report: SafetyReport = { accepted: [], rejected: [], warnings: [] };
  for (const instruction of splitInstructions(text)) {
    const rule = findSafetyRule(instruction);
    if (rule === undefined) {
      report.accepted.push(instruction);
      continue;
    }
    const finding: RejectedInstruction = { text: instruction, rule: rule.id, reason: rule.reason };
    if (rule.severity === 'reject') {
      report.rejected.push(finding);
    } else {
      report.accepted.push(instruction);
      report.warnings.push(finding);
    }
  }
  return report;
}
