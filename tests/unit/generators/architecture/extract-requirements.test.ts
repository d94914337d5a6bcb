import { describe, expect, it } from 'vitest';
import {
  extractRequirements,
  formatNumber,
  toSegments,
} from '../../../../generators/architecture/extract-requirements.js';
import { toNumber } from '../../../../generators/architecture/number-syntax.js';
import type { ArchitectureRequest, RequirementSignal } from '../../../../src/contracts/architecture.js';

function extract(text: string, extra: Partial<ArchitectureRequest> = {}): RequirementSignal[] {
  return extractRequirements({ project_description: text, ...extra });
}

function byId(text: string, id: string): RequirementSignal | undefined {
  return extract(text).find((s) => s.id === id);
}

describe('numeric extraction with normalised units', () => {
  it.each([
    ['peaks of 3k requests/s', 'requests_per_second', 3_000, 'req/s', 'peak'],
    ['We serve 50k RPS on average', 'requests_per_second', 50_000, 'req/s', 'average'],
    ['50k rps at peak', 'requests_per_second', 50_000, 'req/s', 'peak'],
    ['The API handles 2,500 QPS', 'requests_per_second', 2_500, 'req/s', null],
    ['about 1.2 million requests per minute', 'requests_per_second', 20_000, 'req/s', null],
    ['10M API calls a day', 'requests_per_second', 115.741, 'req/s', null],
    ['8,640,000 requests per day', 'requests_per_second', 100, 'req/s', null],
    ['1200 rpm from the partner', 'requests_per_second', 20, 'req/s', null],
    ['sensors send 36M readings per hour', 'events_per_second', 10_000, 'events/s', null],
    ['2M monthly users', 'users_monthly', 2_000_000, 'users/month', null],
    ['500k MAU', 'users_monthly', 500_000, 'users/month', null],
    ['40,000 daily active users', 'users_daily', 40_000, 'users/day', null],
    ['3 million patients', 'users_total', 3_000_000, 'users', null],
    ['10k concurrent users during events', 'users_concurrent', 10_000, 'concurrent users', null],
    ['200k IoT sensors', 'device_count', 200_000, 'devices', null],
    ['We store 2 TB of images', 'data_volume', 2_000, 'GB', null],
    ['about 500 MB in total', 'data_volume', 0.5, 'GB', null],
    ['the archive grows 30 GB per month', 'data_volume:growth', 1, 'GB/day', 'growth'],
    ['A team of 12 engineers', 'team_size', 12, 'engineers', null],
    ['we are 4 full-stack developers', 'team_size', 4, 'engineers', null],
    ['a five-person team', 'team_size', 5, 'engineers', null],
    ['built by a solo developer', 'team_size', 1, 'engineers', null],
    ['50 teams must ship on their own', 'team_count', 50, 'teams', null],
    ['p95 latency 200 ms', 'latency:p95', 200, 'ms', 'p95'],
    ['p99 under 1.5 s', 'latency:p99', 1_500, 'ms', 'p99'],
    ['150ms at p95 for search', 'latency:p95', 150, 'ms', 'p95'],
    ['response time under 300 ms', 'latency:target', 300, 'ms', 'target'],
    ['99.9 % uptime', 'availability', 99.9, '%', null],
    ['an SLA of 99.95%', 'availability', 99.95, '%', null],
    ['four nines of availability', 'availability', 99.99, '%', null],
  ])('%s → %s = %d %s', (text, id, value, unit, qualifier) => {
    const signal = byId(text, id);
    expect(signal).toMatchObject({ id, value, unit, qualifier });
    expect(signal?.evidence).toEqual({ source: 'project_description', text });
  });

  it.each([
    ['The p95 of 200 ms', 'requests_per_second'],
    ['Version 2 of the API', 'team_size'],
    ['Store data in S3 buckets', 'data_volume'],
    ['We need 95% test coverage', 'availability'],
    ['Serves 300 sports teams', 'team_count'],
  ])('no false figure in "%s" (%s)', (text, kind) => {
    expect(extract(text).filter((s) => s.kind === kind)).toEqual([]);
  });

  it('keeps the largest figure of a kind (the peak) with its own evidence', () => {
    const signals = extract('Average load is 200 requests per second. Peaks reach 1,800 requests per second.');
    const rate = signals.filter((s) => s.kind === 'requests_per_second');
    expect(rate).toHaveLength(1);
    expect(rate[0]).toMatchObject({
      value: 1_800,
      label: 'Peak request rate',
      evidence: { text: 'Peaks reach 1,800 requests per second.' },
    });
  });

  it('counts engineers across teams ("50 teams of 8")', () => {
    const signals = extract('50 teams of 8 engineers');
    expect(signals.find((s) => s.id === 'team_count')?.value).toBe(50);
    expect(signals.find((s) => s.id === 'team_size')?.value).toBe(400);
  });
});

describe('compliance and qualitative signals', () => {
  it.each([
    ['Must be HIPAA compliant', 'compliance:hipaa', 'HIPAA'],
    ['card payments under PCI-DSS', 'compliance:pci-dss', 'PCI DSS'],
    ['PCI DSS level 1 merchant', 'compliance:pci-dss', 'PCI DSS'],
    ['we are audited for PCI', 'compliance:pci-dss', 'PCI DSS'],
    ['EU customers, so GDPR applies', 'compliance:gdpr', 'GDPR'],
    ['SOC 2 Type II report needed', 'compliance:soc2', 'SOC 2'],
    ['SOC2 ready', 'compliance:soc2', 'SOC 2'],
    ['certified to ISO 27001', 'compliance:iso-27001', 'ISO/IEC 27001'],
    ['ISO/IEC 27001 controls', 'compliance:iso-27001', 'ISO/IEC 27001'],
    ['sold to agencies, FedRAMP Moderate', 'compliance:fedramp', 'FedRAMP'],
    ['field workers use it offline in remote areas', 'offline', 'Offline use'],
    ['tight budget, minimise cost', 'budget', 'Budget / cost sensitivity'],
    ['a multi-tenant SaaS for clinics', 'multi_tenancy', 'Multi-tenancy'],
    ['strict tenant isolation between customers', 'multi_tenancy', 'Multi-tenancy'],
    ['live chat between buyers and sellers', 'real_time', 'Real-time communication'],
    ['updates pushed over WebSockets', 'real_time', 'Real-time communication'],
    ['nightly ETL into the warehouse', 'batch', 'Batch / ETL'],
    ['event-sourced ledger', 'event_sourcing', 'Event sourcing / CQRS'],
    ['a full audit trail of changes', 'audit', 'Audit trail'],
    ['recommendation engine based on machine learning', 'ml', 'Machine learning'],
    ['users worldwide in a multi-region setup', 'multi_region', 'Multi-region / geo-distribution'],
    ['telemetry from IoT devices', 'iot', 'IoT / device telemetry'],
    ['an MVP to validate the idea', 'mvp', 'MVP / time to market'],
    ['teams must deploy independently', 'independent_deploys', 'Independent deployments'],
    ['spiky traffic around tax deadlines', 'spiky', 'Spiky / intermittent traffic'],
    ['reports take several minutes to generate', 'long_running', 'Long-running jobs'],
  ])('"%s" → %s', (text, id, label) => {
    const signal = byId(text, id);
    expect(signal).toMatchObject({ id, label, value: null });
    expect(signal?.evidence.text).toBe(text);
  });

  it.each([
    ['No HIPAA data is stored', 'compliance:hipaa'],
    ['The system is not subject to GDPR', 'compliance:gdpr'],
    ['Budget is not a concern', 'budget'],
    ['It runs without real-time features', 'real_time'],
    ['PCI Express cards in the servers', 'compliance:pci-dss'],
    ['Landlords and tenants pay rent online', 'multi_tenancy'],
  ])('negated or unrelated: "%s" has no %s', (text, id) => {
    expect(byId(text, id)).toBeUndefined();
  });

  it('reads every field and records the source of the evidence', () => {
    const signals = extract('A booking site.', {
      requirements: ['GDPR'],
      constraints: ['low budget'],
      tech_stack: ['WebSockets'],
    });
    const sources = Object.fromEntries(signals.map((s) => [s.id, s.evidence.source]));
    expect(sources).toMatchObject({
      'compliance:gdpr': 'requirements',
      budget: 'constraints',
      real_time: 'tech_stack',
    });
  });

  it('clips long sentences around the match', () => {
    const text = `${'Background sentence words '.repeat(20)}and it must meet HIPAA rules ${'trailing words '.repeat(20)}`;
    const evidence = byId(text, 'compliance:hipaa')?.evidence.text ?? '';
    expect(evidence).toContain('HIPAA');
    expect(evidence.startsWith('…')).toBe(true);
    expect(evidence.endsWith('…')).toBe(true);
    expect(evidence.length).toBeLessThanOrEqual(200);
  });

  it('orders signals by kind, one per id', () => {
    const signals = extract('HIPAA and GDPR. HIPAA again. 2M monthly users.');
    expect(signals.map((s) => s.id)).toEqual(['users_monthly', 'compliance:gdpr', 'compliance:hipaa']);
  });
});

describe('helpers', () => {
  it.each([
    ['3', 'k', 3_000],
    ['2', 'M', 2_000_000],
    ['1.5', 'million', 1_500_000],
    ['2,500', undefined, 2_500],
    ['4', 'bn', 4_000_000_000],
  ])('toNumber(%s, %s) = %d', (digits, suffix, expected) => {
    expect(toNumber(digits, suffix)).toBe(expected);
  });

  it.each([
    [3000, '3,000'],
    [115.74074, '115.741'],
    [2_000_000, '2,000,000'],
    [0.5, '0.5'],
  ])('formatNumber(%d) = %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it('splits sentences and list lines in field order', () => {
    const segments = toSegments({
      project_description: 'One. Two!\nThree',
      requirements: ['R1'],
      constraints: ['C1'],
      tech_stack: ['T1'],
    });
    expect(segments.map((s) => `${s.source}:${s.text}`)).toEqual([
      'project_description:One.',
      'project_description:Two!',
      'project_description:Three',
      'requirements:R1',
      'constraints:C1',
      'tech_stack:T1',
    ]);
  });
});
