import { describe, expect, it } from 'vitest';
import { createArchitectureEngine } from '../../../../generators/architecture/index.js';
import type { ArchitectureRequest } from '../../../../src/contracts/architecture.js';

const generate = (request: ArchitectureRequest) => createArchitectureEngine().generate(request);

describe('components and data stores follow the style and the requirements', () => {
  it.each([
    [
      'web-queue-worker',
      { project_description: 'Users request PDF reports that take several minutes to generate.' },
      ['Web front end (API)', 'Background worker'],
      ['Job queue', 'Object storage'],
      'REST',
    ],
    [
      'event-driven',
      { project_description: 'Telemetry streams from 50k IoT sensors.' },
      ['Device ingestion gateway', 'Stream processors', 'Query API'],
      ['Event stream', 'Time-series store'],
      'async',
    ],
    [
      'microservices',
      { project_description: '30 teams deploy independently at 20k rps.' },
      ['API gateway', 'Domain services'],
      ['Job queue', 'Cache'],
      'REST',
    ],
    [
      'serverless',
      { project_description: 'Webhook handlers with sporadic spikes on a tight budget.' },
      ['API gateway', 'HTTP functions', 'Event functions'],
      ['Job queue'],
      'REST',
    ],
    [
      'cqrs-event-sourcing',
      { project_description: 'An event-sourced ledger with CQRS and a full audit trail.' },
      ['Command API', 'Query API', 'Projection workers'],
      ['Event store', 'Audit log archive'],
      'REST',
    ],
  ])('%s', (style, request, components, stores, api) => {
    const result = generate(request);
    expect(result.style.id).toBe(style);
    expect(result.components.map((c) => c.name)).toEqual(expect.arrayContaining(components));
    expect(result.data_stores.map((s) => s.name)).toEqual(expect.arrayContaining(stores));
    expect(result.api_style.primary).toBe(api);
  });

  it('prefers named technologies and marks everything else as a suggestion', () => {
    const result = generate({
      project_description: 'A shop with search for 3 developers.',
      tech_stack: ['MySQL', 'GCP'],
    });
    expect(result.data_stores.find((s) => s.name === 'Primary database')?.technology).toBe('MySQL');
    expect(result.data_stores.find((s) => s.name === 'Search index')?.technology).toMatch(/\(suggested\)$/);
    expect(result.components.find((c) => c.name === 'Identity provider')?.technology).toBe(
      'Identity Platform (suggested)',
    );
  });

  it('uses a document primary store when only one is named', () => {
    const store = generate({ project_description: 'A content app.', tech_stack: ['MongoDB'] }).data_stores[0];
    expect(store).toMatchObject({ name: 'Primary database', type: 'document', technology: 'MongoDB' });
  });

  it('adds an on-device store and a sync service for offline use', () => {
    const result = generate({ project_description: 'A mobile app for field inspectors who work offline.' });
    expect(result.data_stores.map((s) => s.type)).toContain('local');
    expect(result.components.map((c) => c.name)).toEqual(expect.arrayContaining(['Mobile app', 'Sync service']));
  });

  it('adds gRPC between microservices and WebSocket/WebRTC for real-time video', () => {
    const result = generate({ project_description: '12 teams deploy independently; live chat and video calls.' });
    expect(result.api_style.complements.map((c) => c.style)).toEqual(
      expect.arrayContaining(['gRPC', 'WebSocket', 'WebRTC']),
    );
  });
});

describe('scalability, deployment and risks are tied to the figures', () => {
  it('derives headroom, error budget and region layout from quoted figures', () => {
    const result = generate({
      project_description: 'Peaks of 8,000 requests per second. 99.99% availability. Multi-region.',
    });
    const ids = result.scalability.flatMap((s) => s.requirement_ids);
    expect(ids).toEqual(expect.arrayContaining(['requests_per_second', 'availability']));
    expect(result.scalability.find((s) => s.requirement_ids.includes('availability'))?.trigger).toBe(
      'Availability 99.99 %: error budget 4.32 min per 30-day month',
    );
    expect(result.scalability.find((s) => s.trigger.startsWith('Peak request rate'))?.action).toContain('12,000 req/s');
    expect(result.deployment.regions.map((r) => r.name)).toEqual(['Primary region', 'Secondary region']);
    expect(result.diagrams.deployment).toContain('r1_data -.->|replication| r2_data');
  });

  it('says so when the brief has no figures instead of inventing them', () => {
    const result = generate({ project_description: 'An internal wiki.' });
    expect(result.scalability).toEqual([
      {
        trigger: 'No scale figures in the brief',
        action: expect.stringContaining('add users/day') as string,
        requirement_ids: [],
      },
    ]);
  });

  it('puts a FedRAMP system in a government region', () => {
    const result = generate({
      project_description: 'Case management for agencies; FedRAMP Moderate.',
      tech_stack: ['AWS'],
    });
    expect(result.deployment.regions[0]?.name).toBe('US government region (e.g. AWS GovCloud (US))');
  });

  it.each([
    [{ project_description: 'A team of 2 builds an MVP.' }, /Bus factor/],
    [{ project_description: 'Multi-tenant SaaS.' }, /Cross-tenant/],
    [{ project_description: 'HIPAA patient portal.' }, /PHI exposure/],
  ])('risk for %j', (request, risk) => {
    const risks = generate(request).risks;
    expect(risks.some((r) => risk.test(r.risk))).toBe(true);
    for (const r of risks) expect(r.mitigation.length).toBeGreaterThan(10);
  });
});
