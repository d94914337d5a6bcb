/** Extractors for team size/count, latency and availability targets (see `number-syntax.ts` for the number grammar). */
import { NUM, NUMW, scan, toCount, toNumber, type Extractor } from './number-syntax.js';

const TEAM_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\bteam of (?:about |around |roughly |~)?${NUMW}\b`, 'gi'),
  new RegExp(String.raw`\b${NUMW}[- ](?:person|people|member|engineer|developer|dev)[- ]team\b`, 'gi'),
  new RegExp(
    String.raw`\b${NUMW}\s+(?:(?!of\b|the\b|our\b)[a-z-]+\s+){0,2}?(?:engineers|developers|devs|programmers|FTEs?)\b`,
    'gi',
  ),
];
const SOLO = /\b(?:solo|single|one|lone) (?:developer|engineer|founder|dev)\b|\bindie hacker\b/gi;
const TEAMS = new RegExp(
  String.raw`\b${NUMW}\s+(?:(?:dev|development|engineering|product|feature|scrum|agile|delivery|platform|autonomous|independent|cross-functional|stream-aligned|software)\s+)?(?:teams|squads)\b(?:\s+of\s+(?:about |around )?${NUMW})?`,
  'gi',
);

const teams: Extractor = (text) => {
  const size = (value: number, label = 'Team size') => ({
    kind: 'team_size' as const,
    label,
    value,
    unit: 'engineers',
    qualifier: null,
  });
  const hits = TEAM_PATTERNS.flatMap((p) => scan(p, text, (m) => size(toCount(m[1] ?? ''))));
  hits.push(...scan(SOLO, text, () => size(1)));
  for (const m of text.matchAll(TEAMS)) {
    const count = toCount(m[1] ?? '');
    if (!(count > 1)) continue;
    hits.push({
      kind: 'team_count',
      label: 'Teams',
      value: count,
      unit: 'teams',
      qualifier: null,
      index: m.index,
      length: m[0].length,
    });
    const perTeam = m[2] === undefined ? Number.NaN : toCount(m[2]);
    if (perTeam > 0)
      hits.push({
        ...size(count * perTeam, `Engineers (${count} teams × ${perTeam})`),
        index: m.index,
        length: m[0].length,
      });
  }
  return hits.filter((h) => h.value <= 100_000);
};

const P = String.raw`p(50|75|90|95|99(?:\.9+)?)`;
const TIME_UNIT = String.raw`(ms|milliseconds?|s|secs?|seconds?)`;
const LATENCY_PCT = new RegExp(String.raw`\b${P}\b[^.;\n\d]{0,30}?${NUM}\s*${TIME_UNIT}\b`, 'gi');
const LATENCY_PCT_AFTER = new RegExp(String.raw`${NUM}\s*(ms|milliseconds?)\s*(?:at\s+|\()?\s*${P}\b`, 'gi');
const LATENCY_PLAIN = new RegExp(
  String.raw`\b(?:latency|response times?|respond(?:s)? (?:with)?in)\b[^.;\n\d]{0,30}?${NUM}\s*${TIME_UNIT}\b`,
  'gi',
);

function ms(digits: string, suffix: string | undefined, unit: string): number {
  return toNumber(digits, suffix) * (unit.toLowerCase().startsWith('m') ? 1 : 1_000);
}

const latency: Extractor = (text) => {
  const label = (p: string) => `p${p} latency`;
  const hits = [
    ...scan(LATENCY_PCT, text, (m) => ({
      kind: 'latency',
      label: label(m[1] ?? ''),
      value: ms(m[2] ?? '', m[3], m[4] ?? 'ms'),
      unit: 'ms',
      qualifier: `p${m[1] ?? ''}`,
    })),
    ...scan(LATENCY_PCT_AFTER, text, (m) => ({
      kind: 'latency',
      label: label(m[4] ?? ''),
      value: ms(m[1] ?? '', m[2], 'ms'),
      unit: 'ms',
      qualifier: `p${m[4] ?? ''}`,
    })),
  ];
  if (hits.length > 0) return hits;
  return scan(LATENCY_PLAIN, text, (m) => ({
    kind: 'latency',
    label: 'Latency target',
    value: ms(m[1] ?? '', m[2], m[3] ?? 'ms'),
    unit: 'ms',
    qualifier: 'target',
  }));
};

const PERCENT = /(?<![\w.])(\d{2,3}(?:\.\d+)?)\s*%/g;
const NINES = /\b(two|three|four|five) nines\b/gi;
const NINES_VALUE: Readonly<Record<string, number>> = { two: 99, three: 99.9, four: 99.99, five: 99.999 };
const availability: Extractor = (text) => {
  if (!/uptime|availab|\bSLA\b|\bSLO\b|nines/i.test(text)) return [];
  const build = (value: number) => ({
    kind: 'availability' as const,
    label: 'Availability target',
    value,
    unit: '%',
    qualifier: null,
  });
  return [
    ...scan(PERCENT, text, (m) => {
      const value = Number(m[1]);
      return value >= 90 && value < 100 ? build(value) : null;
    }),
    ...scan(NINES, text, (m) => build(NINES_VALUE[(m[1] ?? '').toLowerCase()] ?? 0)),
  ];
};

/** Team sizes and counts, latency targets and availability targets in one sentence. */
export const extractTargetHits: Extractor = (text) => [...teams(text), ...latency(text), ...availability(text)];
