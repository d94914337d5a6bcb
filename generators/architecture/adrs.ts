import type { Adr, ApiStyle, DataStore, SecurityControl, StyleScore } from '../../src/contracts/architecture.js';
import type { DesignContext } from './context.js';
import type { StyleId } from './styles.js';

/** When each style's decision should be revisited (the signals that would flip the scoring). */
const REVISIT: Readonly<Record<StyleId, string>> = {
  'modular-monolith':
    'Revisit when more than about three teams need independent release cadences, or one module needs to scale or fail independently; extract that module first.',
  'layered-monolith':
    'Revisit when features keep touching every layer at once; reorganise by domain module (modular monolith).',
  'web-queue-worker':
    'Revisit when the domain grows into several bounded contexts; split the web tier into modules or services.',
  serverless:
    'Revisit when traffic becomes sustained and high (always-on containers get cheaper) or when functions need long-lived connections.',
  'event-driven': 'Revisit if most flows turn out to be request/response; keep events for the parts that fan out.',
  microservices: 'Revisit services that always deploy together: merge them back.',
  'cqrs-event-sourcing': 'Revisit per bounded context: apply event sourcing only where history or replay is needed.',
};

type Draft = Omit<Adr, 'id' | 'status'>;

function styleAdr(ctx: DesignContext, ranked: readonly StyleScore[], reasons: readonly string[]): Draft {
  const scores = ranked.map((s) => `${s.name} ${s.score}`).join(', ');
  return {
    title: `Adopt ${ctx.style.name} as the architecture style`,
    context: `The brief: "${firstSentence(ctx.request.project_description)}" Each candidate style was scored with weighted rules over the extracted requirements (${scores}). Main drivers: ${reasons.slice(0, 3).join(' | ')}.`,
    decision: `We will build the system as a ${ctx.style.name.toLowerCase()}: ${ctx.style.summary}`,
    consequences: [...ctx.style.tradeOffs.map((t) => `Trade-off accepted: ${t}.`), REVISIT[ctx.style.id]],
  };
}

const DERIVED_TYPES: ReadonlySet<string> = new Set(['cache', 'search']);
const TRANSIENT_TYPES: ReadonlySet<string> = new Set(['queue', 'stream']);

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function storeAdr(store: DataStore): Draft {
  const name = store.name.toLowerCase();
  const lifecycle = DERIVED_TYPES.has(store.type)
    ? 'It holds derived data: it can be rebuilt from the system of record and must never be the only copy.'
    : TRANSIENT_TYPES.has(store.type)
      ? 'Messages are transient and delivered at least once: consumers must be idempotent and the dead-letter queue monitored.'
      : 'It is a source of truth for what it holds: backups are restore-tested and schema changes go through reviewed migrations.';
  return {
    title: `Use ${store.technology} for the ${name}`,
    context: `The design needs ${article(store.type)} ${store.type} store for: ${store.holds.join('; ')}.`,
    decision: `We will keep this data in the ${name}, on ${store.technology}. ${store.why}`,
    consequences: [
      `Encryption, access policies and monitoring must cover the ${name}.`,
      store.technology.endsWith('(suggested)')
        ? 'The product is a suggestion (not named in tech_stack); confirm it or record the alternative chosen.'
        : 'The team already named this technology, so no new skill is introduced.',
      lifecycle,
    ],
  };
}

function apiAdr(api: ApiStyle): Draft {
  const extras = api.complements.map((c) => `${c.style} for ${c.use.toLowerCase()}`);
  return {
    title: `Use ${api.primary === 'async' ? 'asynchronous messaging' : api.primary} as the primary API style`,
    context: 'Clients and components need stable, documented contracts that can evolve without breaking each other.',
    decision: `${api.why}${extras.length > 0 ? ` Complemented by ${extras.join('; ')}.` : ''}`,
    consequences: [
      'Contracts are versioned and checked in CI (breaking-change detection).',
      ...api.complements.map((c) => `${c.style}: ${c.why}`),
    ],
  };
}

function complianceAdr(regime: string, evidence: string, controls: readonly SecurityControl[]): Draft {
  return {
    title: `Meet ${regime} requirements by design`,
    context: `The brief requires ${regime} ("${evidence}"). Compliance constrains vendors, regions, logging and data handling, so it is a design decision, not an afterthought.`,
    decision: `We will implement these controls: ${controls.map((c) => `${c.control} [${c.reference}]`).join('; ')}.`,
    consequences: [
      'Only vendors and managed services that meet the regime (BAA, DPA, assessment scope) may touch regulated data.',
      'Audit evidence (logs, access reviews, test results) is produced continuously by the pipeline and platform.',
      'Extra cost and lead time for assessments and for keeping regulated data out of non-production environments.',
    ],
  };
}

function firstSentence(text: string): string {
  const sentence = text.trim().split(/(?<=[.!?])\s+/)[0] ?? text;
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}

/**
 * ADRs in Michael Nygard's format ("Documenting Architecture Decisions", 2011): the style first, one per data
 * store, the API style, then one per compliance regime. Ids run `ADR-001`, `ADR-002`, ... in that order.
 */
export function designAdrs(
  ctx: DesignContext,
  parts: {
    ranked: readonly StyleScore[];
    reasons: readonly string[];
    stores: readonly DataStore[];
    api: ApiStyle;
    security: readonly SecurityControl[];
  },
): Adr[] {
  const drafts: Draft[] = [
    styleAdr(ctx, parts.ranked, parts.reasons),
    ...parts.stores.map(storeAdr),
    apiAdr(parts.api),
  ];
  for (const signal of ctx.facts.all('compliance')) {
    drafts.push(
      complianceAdr(
        signal.label,
        signal.evidence.text,
        parts.security.filter((c) => c.requirement_id === signal.id),
      ),
    );
  }
  return drafts.map((d, i) => ({
    id: `ADR-${String(i + 1).padStart(3, '0')}`,
    title: d.title,
    status: 'proposed',
    context: d.context,
    decision: d.decision,
    consequences: d.consequences,
  }));
}
