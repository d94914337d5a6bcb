import type { SignalKind } from '../../src/contracts/architecture.js';
import { extractTargetHits } from './extract-targets.js';
import {
  GB_PER,
  NUM,
  PER,
  PERIOD,
  SECONDS_PER,
  round3,
  scan,
  toNumber,
  type Extractor,
  type NumericHit,
} from './number-syntax.js';

export type { NumericHit } from './number-syntax.js';

/** `peak` or `average` when a word within 40 characters before (or right after) the figure says so. */
function rateQualifier(text: string, index: number, length: number): string | null {
  const before = text.slice(Math.max(0, index - 40), index).toLowerCase();
  const after = text.slice(index + length, index + length + 25).toLowerCase();
  if (/peak|spikes?\b|burst|\bmax(imum)?\b|up to/.test(before) || /^\s*(?:at|during|in)?\s*peaks?\b/.test(after))
    return 'peak';
  if (/average|\bavg\b|typical|\bmean\b|normal/.test(before) || /^\s*(?:on )?average\b/.test(after)) return 'average';
  return null;
}

const REQUESTS = new RegExp(
  String.raw`${NUM}\s*(?:[a-z-]+\s+){0,2}?(?:requests?|reqs?|calls|queries|hits|transactions|txns?|page ?views)${PER}${PERIOD}\b`,
  'gi',
);
const REQUESTS_ABBR = new RegExp(String.raw`${NUM}\s*(rps|qps|tps|rpm|reqs?\/s)\b`, 'gi');
const EVENTS = new RegExp(
  String.raw`${NUM}\s*(?:[a-z-]+\s+){0,2}?(?:events?|messages?|msgs|readings|data ?points|measurements)${PER}${PERIOD}\b`,
  'gi',
);

const rates: Extractor = (text) => [
  ...scan(REQUESTS, text, (m) =>
    perSecond('requests_per_second', 'Request rate', m, SECONDS_PER[(m[3] ?? 's').toLowerCase()] ?? 1, text),
  ),
  ...scan(REQUESTS_ABBR, text, (m) =>
    perSecond('requests_per_second', 'Request rate', m, m[3]?.toLowerCase() === 'rpm' ? 60 : 1, text),
  ),
  ...scan(EVENTS, text, (m) =>
    perSecond('events_per_second', 'Event rate', m, SECONDS_PER[(m[3] ?? 's').toLowerCase()] ?? 1, text),
  ),
];

function perSecond(
  kind: SignalKind,
  label: string,
  m: RegExpMatchArray,
  seconds: number,
  text: string,
): Omit<NumericHit, 'index' | 'length'> {
  const qualifier = rateQualifier(text, m.index ?? 0, m[0].length);
  const value = round3(toNumber(m[1] ?? '', m[2]) / seconds);
  return {
    kind,
    label: qualifier === 'peak' ? `Peak ${label.toLowerCase()}` : label,
    value,
    unit: kind === 'events_per_second' ? 'events/s' : 'req/s',
    qualifier,
  };
}

const USERS = new RegExp(
  String.raw`${NUM}\s*(?:(monthly|daily|weekly|concurrent|simultaneous)\s+)?(?:active\s+)?(?:[a-z-]+\s+)?(?:users|customers|visitors|patients|members|subscribers|players|students|learners|shoppers|clients)\b(?:${PER}(day|month|week))?`,
  'gi',
);
const USERS_ABBR = new RegExp(String.raw`${NUM}\s*(MAU|DAU)\b`, 'gi');

function usersKind(period: string | undefined): { kind: SignalKind; unit: string; label: string } {
  switch (period?.toLowerCase()) {
    case 'monthly':
    case 'month':
    case 'mau':
      return { kind: 'users_monthly', unit: 'users/month', label: 'Monthly users' };
    case 'daily':
    case 'day':
    case 'dau':
      return { kind: 'users_daily', unit: 'users/day', label: 'Daily users' };
    case 'concurrent':
    case 'simultaneous':
      return { kind: 'users_concurrent', unit: 'concurrent users', label: 'Concurrent users' };
    default:
      return { kind: 'users_total', unit: 'users', label: 'Users' };
  }
}

const users: Extractor = (text) => [
  ...scan(USERS, text, (m) => ({ ...usersKind(m[3] ?? m[4]), value: toNumber(m[1] ?? '', m[2]), qualifier: null })),
  ...scan(USERS_ABBR, text, (m) => ({ ...usersKind(m[3]), value: toNumber(m[1] ?? '', m[2]), qualifier: null })),
];

const DEVICES = new RegExp(
  String.raw`${NUM}\s*(?:[a-z-]+\s+)?(?:IoT\s+)?(?:devices|sensors|vehicles|meters|machines|trackers)\b`,
  'gi',
);
const devices: Extractor = (text) =>
  scan(DEVICES, text, (m) => ({
    kind: 'device_count',
    label: 'Connected devices',
    value: toNumber(m[1] ?? '', m[2]),
    unit: 'devices',
    qualifier: null,
  }));

const DATA = new RegExp(
  String.raw`${NUM}\s*(KB|MB|GB|TB|PB|kilobytes|megabytes|gigabytes|terabytes|petabytes)\b(?:\s*(?:of\s+[a-z-]+\s+)?(?:\/|per|a|each)\s*(day|month|year))?`,
  'gi',
);
const DAYS_PER: Readonly<Record<string, number>> = { day: 1, month: 30, year: 365 };
const data: Extractor = (text) =>
  scan(DATA, text, (m) => {
    const gb = toNumber(m[1] ?? '', m[2]) * (GB_PER[(m[3] ?? '').toLowerCase()] ?? 1);
    const period = m[4]?.toLowerCase();
    if (period === undefined)
      return { kind: 'data_volume', label: 'Data volume', value: round3(gb), unit: 'GB', qualifier: null };
    return {
      kind: 'data_volume',
      label: 'Data growth',
      value: round3(gb / (DAYS_PER[period] ?? 1)),
      unit: 'GB/day',
      qualifier: 'growth',
    };
  });

const EXTRACTORS: readonly Extractor[] = [rates, users, devices, data, extractTargetHits];

/** Every numeric figure in one sentence, normalised: rates per second, data in GB, latency in ms. */
export function extractNumericHits(text: string): NumericHit[] {
  return EXTRACTORS.flatMap((extract) => extract(text));
}
