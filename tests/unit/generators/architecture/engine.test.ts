import { describe, expect, it } from 'vitest';
import { createArchitectureEngine } from '../../../../generators/architecture/index.js';
import {
  ARCHITECTURE_DESCRIPTION_MAX_CHARS,
  ArchitectureResultSchema,
  type ArchitectureResult,
} from '../../../../src/contracts/architecture.js';
import { InvalidInputError } from '../../../../src/core/errors.js';
import { EXAMPLE, GDPR_ONLY, PCI, PLAIN, generate } from './briefs.js';

function regimes(result: ArchitectureResult): string[] {
  return [...new Set(result.security.map((c) => c.requirement))];
}

describe('compliance controls', () => {
  it.each([
    ['example (HIPAA + GDPR)', EXAMPLE, ['HIPAA', 'GDPR'], ['PCI DSS', 'FedRAMP', 'SOC 2']],
    ['shop (PCI DSS)', PCI, ['PCI DSS'], ['HIPAA', 'GDPR']],
    ['newsletter (GDPR)', GDPR_ONLY, ['GDPR'], ['HIPAA', 'PCI DSS']],
    ['recipes (none)', PLAIN, [], ['HIPAA', 'GDPR', 'PCI DSS', 'SOC 2', 'ISO/IEC 27001', 'FedRAMP']],
  ])('%s: controls present when named, absent when not', (_name, request, present, absent) => {
    const result = generate(request);
    for (const regime of present) expect(regimes(result)).toContain(regime);
    for (const regime of absent) expect(regimes(result)).not.toContain(regime);
    expect(regimes(result)).toContain('Baseline');
    const complianceAdrs = result.adrs.filter((a) => a.title.startsWith('Meet '));
    expect(complianceAdrs.map((a) => a.title).sort()).toEqual(
      present.map((r) => `Meet ${r} requirements by design`).sort(),
    );
  });

  it.each([
    ['HIPAA', /^Encrypt PHI/, '164.312(a)(2)(iv)'],
    ['HIPAA', /audit logging/i, '164.312(b)'],
    ['HIPAA', /Business Associate Agreement/, '164.308(b)'],
    ['HIPAA', /^Role-based access/, '164.312(a)(1)'],
    ['HIPAA', /minimisation/i, '164.502(b)'],
    ['GDPR', /residency/i, 'Art. 44'],
    ['GDPR', /DSAR/, 'Art. 15, 17'],
    ['GDPR', /^Consent/, 'Art. 6, 7'],
    ['GDPR', /Data Processing Agreements/, 'Art. 28'],
  ])('the example gets the %s control matching %s', (regime, control, reference) => {
    const match = generate(EXAMPLE).security.find((c) => c.requirement === regime && control.test(c.control));
    expect(match?.reference).toContain(reference);
    expect(match?.requirement_id).toBe(`compliance:${regime.toLowerCase()}`);
  });

  it.each([/tokenisation/i, /segmentation/i, /scope reduction/i])('PCI DSS gets %s', (control) => {
    expect(generate(PCI).security.some((c) => c.requirement === 'PCI DSS' && control.test(c.control))).toBe(true);
  });
});

describe('architecture decision records', () => {
  it.each([
    ['example', EXAMPLE],
    ['shop', PCI],
    ['recipes', PLAIN],
  ])('%s: style ADR, one per data store, one per regime; every ADR complete', (_name, request) => {
    const result = generate(request);
    expect(result.adrs[0]?.title).toContain(result.style.name);
    for (const store of result.data_stores)
      expect(result.adrs.some((a) => a.title.endsWith(`for the ${store.name.toLowerCase()}`))).toBe(true);
    result.adrs.forEach((adr, i) => {
      expect(adr.id).toBe(`ADR-${String(i + 1).padStart(3, '0')}`);
      expect(adr.status).toBe('proposed');
      expect(adr.context.trim().length).toBeGreaterThan(20);
      expect(adr.decision.trim().length).toBeGreaterThan(20);
      expect(adr.consequences.length).toBeGreaterThan(0);
      for (const consequence of adr.consequences) expect(consequence.trim().length).toBeGreaterThan(0);
    });
  });
});
describe('result shape and determinism', () => {
  it.each([
    ['example', EXAMPLE],
    ['shop', PCI],
    ['recipes', PLAIN],
  ])('%s validates against ArchitectureResultSchema; depends_on names exist', (_name, request) => {
    const result = generate(request);
    expect(() => ArchitectureResultSchema.parse(result)).not.toThrow();
    const names = new Set([...result.components.map((c) => c.name), ...result.data_stores.map((s) => s.name)]);
    for (const c of result.components) for (const d of c.depends_on) expect(names.has(d)).toBe(true);
    expect(result.markdown).toContain('```mermaid');
    for (const adr of result.adrs) expect(result.markdown).toContain(`### ${adr.id}: ${adr.title}`);
  });

  it('gives byte-identical output for the same input, across engine instances', () => {
    const first = JSON.stringify(createArchitectureEngine().generate(EXAMPLE));
    const second = JSON.stringify(createArchitectureEngine().generate(structuredClone(EXAMPLE)));
    expect(second).toBe(first);
  });

  it('designs the example as a modular monolith with telehealth parts', () => {
    const result = generate(EXAMPLE);
    expect(result.style.id).toBe('modular-monolith');
    expect(result.components.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Real-time gateway', 'Video session service', 'Notification dispatcher', 'Audit logger']),
    );
    expect(result.data_stores.find((s) => s.name === 'Primary database')?.technology).toBe('PostgreSQL');
    expect(result.deployment.regions.map((r) => r.name)).toEqual([
      'US region (e.g. us-east-1)',
      'EU region (e.g. eu-central-1)',
    ]);
    expect(result.scalability.some((s) => s.trigger.includes('3,000 req/s') && s.action.includes('4,500 req/s'))).toBe(
      true,
    );
    expect(result.scalability.some((s) => s.trigger.includes('error budget 43.2 min'))).toBe(true);
  });

  it('lists every engine style', () => {
    expect(createArchitectureEngine().styles.map((s) => s.id)).toEqual([
      'modular-monolith',
      'layered-monolith',
      'web-queue-worker',
      'serverless',
      'event-driven',
      'microservices',
      'cqrs-event-sourcing',
    ]);
  });
});
describe('input checks', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
  ])('%s description → InvalidInputError with a hint', (_name, description) => {
    const run = () => generate({ project_description: description });
    expect(run).toThrow(InvalidInputError);
    try {
      run();
    } catch (error) {
      expect((error as InvalidInputError).hint).toMatch(/Describe the system/);
      expect((error as InvalidInputError).code).toBe('invalid_input');
    }
  });

  it('rejects a description over the limit and accepts one at the limit', () => {
    const unit = 'A web shop for books. ';
    const atLimit = unit
      .repeat(Math.ceil(ARCHITECTURE_DESCRIPTION_MAX_CHARS / unit.length))
      .slice(0, ARCHITECTURE_DESCRIPTION_MAX_CHARS);
    expect(() => generate({ project_description: `${atLimit}x` })).toThrow(/limit is 20000/);
    expect(generate({ project_description: atLimit }).style.id).toBeTruthy();
  });

  it.each([
    [
      'too many lines',
      { project_description: 'A shop.', requirements: Array.from({ length: 201 }, (_, i) => `r${i}`) },
      /201 entries/,
    ],
    ['an overlong line', { project_description: 'A shop.', constraints: ['x'.repeat(2_001)] }, /2001 characters/],
  ])('rejects %s', (_name, request, message) => {
    expect(() => generate(request)).toThrow(message);
  });
});
