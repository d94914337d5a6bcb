import { z } from 'zod';

/** Input of the architecture engine; every list holds free-text lines as the user wrote them. */
export interface ArchitectureRequest {
  project_description: string;
  tech_stack?: readonly string[];
  requirements?: readonly string[];
  constraints?: readonly string[];
}

/** An architecture style the engine can choose. `id` is kebab-case (`modular-monolith`). */
export interface ArchitectureStyle {
  id: string;
  name: string;
}

/** Longest accepted `project_description`, in characters after trimming. */
export const ARCHITECTURE_DESCRIPTION_MAX_CHARS = 20_000;
/** Most lines accepted in each of `tech_stack`, `requirements`, `constraints`. */
export const ARCHITECTURE_LIST_MAX_ITEMS = 200;
/** Longest accepted line in those lists, in characters. */
export const ARCHITECTURE_LIST_ITEM_MAX_CHARS = 2_000;

/** Where a signal was read: the request field it came from. */
export const SIGNAL_SOURCES = ['project_description', 'requirements', 'constraints', 'tech_stack'] as const;

/**
 * Kinds of requirement signal the extractor recognises. Numeric kinds carry a normalised `value`:
 * users/devices as counts, `requests_per_second`/`events_per_second` per second, `data_volume` in GB (decimal),
 * `latency` in ms, `availability` in percent, `team_size` in people, `team_count` in teams.
 */
export const SIGNAL_KINDS = [
  'users_monthly',
  'users_daily',
  'users_total',
  'users_concurrent',
  'device_count',
  'requests_per_second',
  'events_per_second',
  'data_volume',
  'team_size',
  'team_count',
  'latency',
  'availability',
  'compliance',
  'budget',
  'mvp',
  'independent_deploys',
  'spiky',
  'low_volume',
  'event_handlers',
  'real_time',
  'video',
  'notifications',
  'iot',
  'event_streams',
  'batch',
  'long_running',
  'event_sourcing',
  'audit',
  'read_heavy',
  'ml',
  'multi_region',
  'multi_tenancy',
  'offline',
  'mobile',
  'search',
  'file_storage',
  'reporting',
  'payments',
  'simple_domain',
  'complex_domain',
  'legacy_migration',
] as const;
export const SignalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof SignalKindSchema>;

/** The text a signal was read from: the sentence or line, clipped to ~200 characters around the match. */
export const EvidenceSchema = z.object({ source: z.enum(SIGNAL_SOURCES), text: z.string().min(1) });
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * One extracted requirement. `id` is `kind` or `kind:qualifier` (`compliance:hipaa`, `latency:p95`) and unique
 * within a result; for repeated numeric figures the largest (the peak) is kept.
 */
export const RequirementSignalSchema = z.object({
  id: z.string().min(1),
  kind: SignalKindSchema,
  label: z.string().min(1),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  qualifier: z.string().nullable(),
  evidence: EvidenceSchema,
});
export type RequirementSignal = z.infer<typeof RequirementSignalSchema>;

/** One rule's effect on one style's score. `evidence` quotes the signals that fired it (empty for priors). */
export const ScoreContributionSchema = z.object({
  rule: z.string().min(1),
  description: z.string().min(1),
  delta: z.number(),
  source: z.string().min(1),
  evidence: z.array(z.string()),
});
export type ScoreContribution = z.infer<typeof ScoreContributionSchema>;

/** A style's total score (sum of `contributions[].delta`) with its breakdown. */
export const StyleScoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number(),
  contributions: z.array(ScoreContributionSchema),
});
export type StyleScore = z.infer<typeof StyleScoreSchema>;

/** A runner-up style: its score, why it lost and what it would cost. */
export const StyleAlternativeSchema = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number(),
  why_not: z.array(z.string()).min(1),
  trade_offs: z.array(z.string()).min(1),
});
export type StyleAlternative = z.infer<typeof StyleAlternativeSchema>;

/** A deployable or logical component. `depends_on` names other components or data stores of the same result. */
export const ComponentSchema = z.object({
  name: z.string().min(1),
  responsibility: z.string().min(1),
  technology: z.string().min(1),
  depends_on: z.array(z.string()),
});
export type Component = z.infer<typeof ComponentSchema>;

export const DATA_STORE_TYPES = [
  'relational',
  'document',
  'key-value',
  'cache',
  'object',
  'search',
  'queue',
  'stream',
  'event-store',
  'time-series',
  'warehouse',
  'local',
] as const;
export const DataStoreSchema = z.object({
  name: z.string().min(1),
  type: z.enum(DATA_STORE_TYPES),
  technology: z.string().min(1),
  why: z.string().min(1),
  holds: z.array(z.string()).min(1),
});
export type DataStore = z.infer<typeof DataStoreSchema>;

export const ApiStyleSchema = z.object({
  primary: z.enum(['REST', 'GraphQL', 'gRPC', 'async']),
  why: z.string().min(1),
  complements: z.array(
    z.object({
      style: z.enum(['REST', 'GraphQL', 'gRPC', 'async', 'WebSocket', 'WebRTC', 'Webhooks']),
      use: z.string(),
      why: z.string(),
    }),
  ),
});
export type ApiStyle = z.infer<typeof ApiStyleSchema>;

/** A security control tied to the requirement that calls for it (`requirement_id` null for baseline controls). */
export const SecurityControlSchema = z.object({
  requirement: z.string().min(1),
  requirement_id: z.string().nullable(),
  control: z.string().min(1),
  rationale: z.string().min(1),
  reference: z.string().min(1),
});
export type SecurityControl = z.infer<typeof SecurityControlSchema>;

/** A scaling step: the figure that triggers it, what to do, and the signal ids it derives from. */
export const ScalabilityStepSchema = z.object({
  trigger: z.string().min(1),
  action: z.string().min(1),
  requirement_ids: z.array(z.string()),
});
export type ScalabilityStep = z.infer<typeof ScalabilityStepSchema>;

export const DeploymentSchema = z.object({
  environments: z.array(z.object({ name: z.string(), purpose: z.string() })).min(1),
  regions: z.array(z.object({ name: z.string(), purpose: z.string() })).min(1),
  compute: z.string().min(1),
  ci_cd: z.array(z.string()).min(1),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

const LevelSchema = z.enum(['low', 'medium', 'high']);
export const RiskSchema = z.object({
  risk: z.string().min(1),
  likelihood: LevelSchema,
  impact: LevelSchema,
  mitigation: z.string().min(1),
});
export type Risk = z.infer<typeof RiskSchema>;

/** An Architecture Decision Record in Nygard's format; ids run `ADR-001`, `ADR-002`, ... */
export const AdrSchema = z.object({
  id: z.string().regex(/^ADR-\d{3}$/),
  title: z.string().min(1),
  status: z.literal('proposed'),
  context: z.string().min(1),
  decision: z.string().min(1),
  consequences: z.array(z.string().min(1)).min(1),
});
export type Adr = z.infer<typeof AdrSchema>;

/**
 * A compatibility concern between a named technology and a requirement. `not-assessed` marks a technology the
 * engine does not know: it is listed, never guessed about.
 */
export const StackWarningSchema = z.object({
  technology: z.string().min(1),
  requirement: z.string().nullable(),
  severity: z.enum(['high', 'medium', 'low', 'not-assessed']),
  message: z.string().min(1),
  suggestion: z.string().nullable(),
});
export type StackWarning = z.infer<typeof StackWarningSchema>;

/** The result of `generate_architecture`. Deterministic: the same request gives a byte-identical result. */
export const ArchitectureResultSchema = z.object({
  style: z.object({ id: z.string(), name: z.string(), score: z.number(), reasons: z.array(z.string()).min(1) }),
  alternatives: z.array(StyleAlternativeSchema),
  score_breakdown: z.array(StyleScoreSchema).min(1),
  requirements: z.array(RequirementSignalSchema),
  components: z.array(ComponentSchema).min(1),
  data_stores: z.array(DataStoreSchema),
  api_style: ApiStyleSchema,
  security: z.array(SecurityControlSchema).min(1),
  scalability: z.array(ScalabilityStepSchema).min(1),
  deployment: DeploymentSchema,
  risks: z.array(RiskSchema).min(1),
  adrs: z.array(AdrSchema).min(1),
  /** Mermaid sources: `components` is a `flowchart LR`, `deployment` a `flowchart TB` with one subgraph per region. */
  diagrams: z.object({ components: z.string(), deployment: z.string() }),
  stack_warnings: z.array(StackWarningSchema),
  /** The whole design as one Markdown document, with the ADRs and the Mermaid blocks. */
  markdown: z.string().min(1),
});
export type ArchitectureResult = z.infer<typeof ArchitectureResultSchema>;

/** Designs an architecture from a brief, with rule-based scoring only (no model). */
export interface ArchitectureEngine {
  /** The styles the engine can choose from, in tie-break order (simplest first). */
  readonly styles: readonly ArchitectureStyle[];
  /**
   * Pure and synchronous; p50 ≤ 50 ms.
   *
   * @throws InvalidInputError when `project_description` is empty/whitespace or longer than
   *   {@link ARCHITECTURE_DESCRIPTION_MAX_CHARS}, or a list exceeds its limits (the error carries a `hint`).
   */
  generate(request: ArchitectureRequest): ArchitectureResult;
}
