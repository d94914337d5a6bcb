import {
  SIGNAL_KINDS,
  type ArchitectureRequest,
  type Evidence,
  type RequirementSignal,
  type SignalKind,
} from '../../src/contracts/architecture.js';
import { extractNumericHits } from './extract-numbers.js';
import { KEYWORD_RULES, isNegated } from './signal-patterns.js';

/** One sentence of the request with the field it came from. */
export interface Segment {
  source: Evidence['source'];
  text: string;
}

/** Evidence longer than this is clipped around the match, in characters. */
const EVIDENCE_MAX_CHARS = 200;
const EVIDENCE_CONTEXT_CHARS = 80;

/**
 * Splits the request into sentences, in a fixed order: description, requirements, constraints, tech stack.
 * A sentence ends at `.`, `!` or `?` followed by whitespace and an upper-case letter, digit or quote, or at a line break.
 */
export function toSegments(request: ArchitectureRequest): Segment[] {
  const fields: Array<[Evidence['source'], readonly string[]]> = [
    ['project_description', [request.project_description]],
    ['requirements', request.requirements ?? []],
    ['constraints', request.constraints ?? []],
    ['tech_stack', request.tech_stack ?? []],
  ];
  const segments: Segment[] = [];
  for (const [source, lines] of fields) {
    for (const line of lines) {
      for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])|\r?\n+/)) {
        const text = sentence.replace(/\s+/g, ' ').trim();
        if (text.length > 0) segments.push({ source, text });
      }
    }
  }
  return segments;
}

/** The sentence as evidence, clipped to {@link EVIDENCE_MAX_CHARS} around the match when longer. */
export function toEvidence(segment: Segment, index: number, length: number): Evidence {
  if (segment.text.length <= EVIDENCE_MAX_CHARS) return { source: segment.source, text: segment.text };
  const start = Math.max(0, index - EVIDENCE_CONTEXT_CHARS);
  const end = Math.min(segment.text.length, index + length + EVIDENCE_CONTEXT_CHARS);
  const body = segment.text.slice(start, end).trim();
  return { source: segment.source, text: `${start > 0 ? '…' : ''}${body}${end < segment.text.length ? '…' : ''}` };
}

function signalId(kind: SignalKind, qualifier: string | null): string {
  return kind === 'compliance' || kind === 'latency' || qualifier === 'growth' ? `${kind}:${qualifier ?? ''}` : kind;
}

/**
 * Extracts requirement signals from every field of the request: scale figures (normalised: rates per second,
 * data in GB, latency in ms), team size, compliance regimes and qualitative needs, each with the sentence it
 * came from. One signal per id: the first occurrence for keywords, the largest value (the peak) for figures.
 * Ordered by {@link SIGNAL_KINDS}, then id.
 */
export function extractRequirements(request: ArchitectureRequest): RequirementSignal[] {
  const byId = new Map<string, RequirementSignal>();
  for (const segment of toSegments(request)) {
    for (const hit of extractNumericHits(segment.text)) {
      const id = signalId(hit.kind, hit.qualifier);
      const previous = byId.get(id);
      if (previous?.value != null && previous.value >= hit.value) continue;
      const { kind, label, value, unit, qualifier } = hit;
      byId.set(id, { id, kind, label, value, unit, qualifier, evidence: toEvidence(segment, hit.index, hit.length) });
    }
    for (const rule of KEYWORD_RULES) {
      const qualifier = rule.qualifier ?? null;
      const id = signalId(rule.kind, qualifier);
      if (byId.has(id)) continue;
      const match = rule.pattern.exec(segment.text);
      if (!match || isNegated(segment.text, match.index, match[0].length)) continue;
      const evidence = toEvidence(segment, match.index, match[0].length);
      byId.set(id, { id, kind: rule.kind, label: rule.label, value: null, unit: null, qualifier, evidence });
    }
  }
  const order = (s: RequirementSignal) => SIGNAL_KINDS.indexOf(s.kind);
  return [...byId.values()].sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Read-only queries over extracted signals, used by every rule of the engine. */
export interface Facts {
  readonly signals: readonly RequirementSignal[];
  /** The first signal of `kind`, if any. */
  first(kind: SignalKind): RequirementSignal | undefined;
  /** Every signal of `kind`, in order. */
  all(kind: SignalKind): RequirementSignal[];
  /** The value of the first numeric signal of `kind` (an id without qualifier), if any. */
  value(kind: SignalKind): number | undefined;
  /** The compliance signal with this regime id (`hipaa`, `pci-dss`, ...), if any. */
  compliance(regime: string): RequirementSignal | undefined;
}

/** Wraps signals in {@link Facts}. */
export function toFacts(signals: readonly RequirementSignal[]): Facts {
  const all = (kind: SignalKind) => signals.filter((s) => s.kind === kind);
  return {
    signals,
    first: (kind) => signals.find((s) => s.kind === kind),
    all,
    value: (kind) => signals.find((s) => s.id === kind)?.value ?? undefined,
    compliance: (regime) => signals.find((s) => s.id === `compliance:${regime}`),
  };
}

/** A one-line quote of a signal for reasons and contributions: `Peak request rate 3000 req/s ("peaks of 3k requests/s")`. */
export function quote(signal: RequirementSignal): string {
  const figure =
    signal.value === null ? signal.label : `${signal.label} ${formatNumber(signal.value)} ${signal.unit ?? ''}`.trim();
  return `${figure} ("${signal.evidence.text}")`;
}

/** Formats a number with thousands separators and at most 3 decimals, locale-independent (`3,000`, `115.741`). */
export function formatNumber(value: number): string {
  const [whole = '0', fraction] = String(Math.round(value * 1_000) / 1_000).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
