/**
 * Shared number syntax for the figure extractors: a `NUM` capture pair (digits, multiplier word), periods,
 * unit tables and the `scan` helper. Patterns here are sources (strings), compiled by each extractor.
 */
import type { SignalKind } from '../../src/contracts/architecture.js';

/** A numeric figure found in one sentence; `value` is already normalised to the unit in `unit`. */
export interface NumericHit {
  kind: SignalKind;
  label: string;
  value: number;
  unit: string;
  qualifier: string | null;
  /** Offset and length of the match in the sentence, for evidence clipping. */
  index: number;
  length: number;
}

/** A number with optional thousands separators and an optional k/M/B multiplier word. Never starts mid-token (`p95`, `S3`). */
export const NUM = String.raw`(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|k|mm|m|bn|b)(?![a-z]))?`;
export const PERIOD = String.raw`(second|sec|s|minute|min|hour|hr|h|day|d|week|wk|month|mo)`;
export const PER = String.raw`\s*(?:\/|per|a|an|each|every)\s*`;
const SMALL_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred|a dozen|dozen';
export const NUMW = String.raw`(\d+|${SMALL_WORDS})`;

/** Multipliers of the suffix words (decimal: k = 10^3, M = 10^6, B = 10^9). */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mm: 1e6,
  billion: 1e9,
  b: 1e9,
  bn: 1e9,
};
/** Seconds per period; a month is 30 days, a week 7 days. */
export const SECONDS_PER: Readonly<Record<string, number>> = {
  second: 1,
  sec: 1,
  s: 1,
  minute: 60,
  min: 60,
  hour: 3_600,
  hr: 3_600,
  h: 3_600,
  day: 86_400,
  d: 86_400,
  week: 604_800,
  wk: 604_800,
  month: 2_592_000,
  mo: 2_592_000,
};
/** Gigabytes per unit (decimal SI units). */
export const GB_PER: Readonly<Record<string, number>> = {
  kb: 1e-6,
  kilobytes: 1e-6,
  mb: 1e-3,
  megabytes: 1e-3,
  gb: 1,
  gigabytes: 1,
  tb: 1e3,
  terabytes: 1e3,
  pb: 1e6,
  petabytes: 1e6,
};
const WORD_VALUES: Readonly<Record<string, number>> = Object.fromEntries(
  SMALL_WORDS.split('|').map((w) => [w, wordValue(w)]),
);

function wordValue(word: string): number {
  const list = [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
  ];
  const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  if (word.endsWith('dozen')) return 12;
  if (word.endsWith('hundred')) return 100;
  const small = list.indexOf(word);
  return small >= 0 ? small : tens.indexOf(word) * 10;
}

/** Parses a `NUM` capture pair: `("3", "k")` → 3000, `("2,500", undefined)` → 2500. */
export function toNumber(digits: string, suffix: string | undefined): number {
  const base = Number(digits.replaceAll(',', ''));
  return suffix === undefined ? base : base * (MULTIPLIERS[suffix.toLowerCase()] ?? 1);
}

/** A count written in digits or as a small English number word (`twelve`, `a dozen`). */
export function toCount(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) : (WORD_VALUES[raw.toLowerCase()] ?? Number.NaN);
}

/** Rounds to at most 3 decimals so derived figures print stably (115.741 rather than 115.74074...). */
export function round3(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}

/** Finds figures of one family in a sentence. */
export type Extractor = (text: string) => NumericHit[];

/** Runs a global pattern over `text` and keeps the hits `build` accepts with a finite, positive value. */
export function scan(
  pattern: RegExp,
  text: string,
  build: (m: RegExpMatchArray) => Omit<NumericHit, 'index' | 'length'> | null,
): NumericHit[] {
  const hits: NumericHit[] = [];
  for (const m of text.matchAll(pattern)) {
    const hit = build(m);
    if (hit && Number.isFinite(hit.value) && hit.value > 0) hits.push({ ...hit, index: m.index, length: m[0].length });
  }
  return hits;
}
