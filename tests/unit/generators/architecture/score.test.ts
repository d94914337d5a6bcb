import { describe, expect, it } from 'vitest';
import { createArchitectureEngine } from '../../../../generators/architecture/index.js';
import { extractRequirements, toFacts } from '../../../../generators/architecture/extract-requirements.js';
import { scoreStyles, toAlternatives, toReasons } from '../../../../generators/architecture/score.js';
import { STYLE_RULES } from '../../../../generators/architecture/style-rules.js';
import { STYLE_IDS, STYLES, type StyleRule } from '../../../../generators/architecture/styles.js';
import type { ArchitectureRequest } from '../../../../src/contracts/architecture.js';

const BRIEFS: ReadonlyArray<[string, ArchitectureRequest, string]> = [
  [
    'tiny team building an MVP',
    {
      project_description:
        'A booking app for a local gym. We are a team of 3 developers building an MVP to validate the idea in two months.',
    },
    'modular-monolith',
  ],
  [
    '50 teams, independent deploys, 50k rps',
    {
      project_description:
        'A global marketplace platform built by 50 teams. Each team must deploy independently several times a day.',
      requirements: [
        'Peak traffic of 50k rps',
        'Complex domain with many bounded contexts: catalogue, ordering, payments, shipping',
      ],
    },
    'microservices',
  ],
  [
    'spiky low-volume event handlers on a budget',
    {
      project_description: 'Glue code that handles webhooks from Stripe and GitHub and updates a CRM.',
      requirements: ['Only a few thousand events per day with sporadic spikes'],
      constraints: ['Tight budget: pay per use, nothing running when idle'],
    },
    'serverless',
  ],
  [
    'IoT telemetry streams',
    {
      project_description:
        'Ingest telemetry streams from 200k IoT sensors in wind farms, detect anomalies and show live dashboards.',
      requirements: ['Sensors send 40k readings per second in total'],
    },
    'event-driven',
  ],
  [
    'long-running report jobs',
    {
      project_description:
        'A web app where accountants request PDF reports that take several minutes to generate. Long-running jobs must not block the UI.',
      requirements: ['Users download finished reports later'],
    },
    'web-queue-worker',
  ],
  [
    'simple CRUD internal tool',
    { project_description: 'A simple CRUD internal tool for the back-office to manage suppliers.' },
    'layered-monolith',
  ],
  [
    'event-sourced ledger',
    {
      project_description:
        'An event-sourced ledger with CQRS: every change must be replayable and the audit trail is the source of truth. Read-heavy balance queries.',
    },
    'cqrs-event-sourcing',
  ],
];

describe('style selection for contrasting briefs', () => {
  const engine = createArchitectureEngine();

  it.each(BRIEFS)('%s → %s', (_name, request, expected) => {
    const result = engine.generate(request);
    expect(result.style.id).toBe(expected);
    expect(result.score_breakdown[0]?.id).toBe(expected);
    expect(result.style.reasons.length).toBeGreaterThan(0);
    expect(result.alternatives.map((a) => a.id)).not.toContain(expected);
  });

  it.each(BRIEFS)('%s: scores are the sum of their contributions, sorted best first', (_name, request) => {
    const result = engine.generate(request);
    for (const s of result.score_breakdown) expect(s.score).toBe(s.contributions.reduce((sum, c) => sum + c.delta, 0));
    const scores = result.score_breakdown.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.score_breakdown).toHaveLength(STYLES.length);
  });

  it('quotes the evidence that fired each rule', () => {
    const result = engine.generate(BRIEFS[0]?.[1] ?? { project_description: 'x' });
    const smallTeam = result.score_breakdown[0]?.contributions.find((c) => c.rule === 'small-team');
    expect(smallTeam?.evidence).toEqual([
      'Team size 3 engineers ("We are a team of 3 developers building an MVP to validate the idea in two months.")',
    ]);
    expect(smallTeam?.source).toMatch(/Fowler|Team Topologies/);
  });
});

describe('scoring mechanics', () => {
  const facts = toFacts(extractRequirements({ project_description: 'A team of 3 developers.' }));

  it('breaks ties by catalogue order (simplest first)', () => {
    const flat: StyleRule[] = [{ id: 'flat', description: 'equal', source: 'test', deltas: {}, match: () => [] }];
    const choice = scoreStyles(facts, flat);
    expect(choice.chosen.id).toBe(STYLE_IDS[0]);
    expect(choice.ranked.map((s) => s.id)).toEqual([...STYLE_IDS]);
    expect(toAlternatives(choice)[0]?.why_not[0]).toMatch(/Tied with/);
    expect(toReasons(choice.ranked[0] ?? { id: '', name: '', score: 0, contributions: [] })[0]).toMatch(
      /no rule favoured/,
    );
  });

  it('lets a decisive rule win regardless of order', () => {
    const rules: StyleRule[] = [
      { id: 'pick-cqrs', description: 'pick', source: 'test', deltas: { 'cqrs-event-sourcing': 1 }, match: () => [] },
    ];
    expect(scoreStyles(facts, rules).chosen.id).toBe('cqrs-event-sourcing');
  });

  it('gives alternatives a score gap, what counted against them, and trade-offs', () => {
    const choice = scoreStyles(facts, STYLE_RULES);
    const alternatives = toAlternatives(choice);
    expect(alternatives).toHaveLength(3);
    for (const alt of alternatives) {
      expect(alt.why_not[0]).toMatch(/below|Tied/);
      expect(alt.trade_offs.length).toBeGreaterThan(0);
    }
    const microservices = toAlternatives({
      ...choice,
      ranked: [choice.ranked[0], ...choice.ranked.filter((s) => s.id === 'microservices')].filter(
        (s) => s !== undefined,
      ),
    });
    expect(microservices[0]?.why_not.some((w) => w.startsWith('Counted against: Small team'))).toBe(true);
  });

  it('documents every rule with a source and at least one delta', () => {
    for (const rule of STYLE_RULES) {
      expect(rule.source.length).toBeGreaterThan(5);
      expect(Object.keys(rule.deltas).length).toBeGreaterThan(0);
      for (const id of Object.keys(rule.deltas)) expect(STYLE_IDS).toContain(id);
    }
    expect(new Set(STYLE_RULES.map((r) => r.id)).size).toBe(STYLE_RULES.length);
  });
});
