import { z } from 'zod';

/** The four agent kinds a sub-task can be assigned to. */
export const AGENT_KINDS = ['frontend', 'backend', 'devops', 'quality'] as const;
export const AgentKindSchema = z.enum(AGENT_KINDS);
export type AgentKind = z.infer<typeof AgentKindSchema>;

/**
 * One node of the plan's DAG. `id` is a short kebab-case slug unique within the plan (`api-contract`,
 * `ui-components`, ...); `depends_on` names other sub-task ids that must finish first.
 */
export const SubTaskSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  title: z.string().min(1).max(200),
  agent: AgentKindSchema,
  description: z.string().min(1).max(4_000),
  depends_on: z.array(z.string()),
  acceptance_criteria: z.array(z.string().min(1)).min(1),
});
export type SubTask = z.infer<typeof SubTaskSchema>;

/** A part of the request that was refused by the safety rules, with the rule id and a human reason. */
export const RejectedInstructionSchema = z.object({
  text: z.string(),
  rule: z.string(),
  reason: z.string(),
});
export type RejectedInstruction = z.infer<typeof RejectedInstructionSchema>;

/** A named domain entity found in the request (`Task`, `Invoice`), with the fields the request mentions. */
export const EntitySchema = z.object({
  name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
  fields: z.array(
    z.object({ name: z.string().regex(/^[a-z][A-Za-z0-9]*$/), type: z.enum(['string', 'number', 'boolean', 'date']) }),
  ),
});
export type Entity = z.infer<typeof EntitySchema>;

/**
 * What the planner read from the request; agents derive their artifacts from it.
 * `features` use fixed ids: `crud`, `auth`, `realtime`, `search`, `upload`, `payments`, `notifications`,
 * `styling`, `ci`, `containers`, `kubernetes`, `compose`, `tests`, `docs`, `i18n`, `accessibility`.
 * `stack` values are lower-case product names as found (`react`, `vue`, `express`, `fastify`, `postgres`, ...).
 */
export const RequestAnalysisSchema = z.object({
  summary: z.string(),
  entities: z.array(EntitySchema),
  features: z.array(z.string()),
  stack: z.object({
    frontend: z.string().nullable(),
    backend: z.string().nullable(),
    database: z.string().nullable(),
    language: z.enum(['typescript', 'javascript']),
  }),
  deployment: z.object({
    container: z.boolean(),
    ci: z.enum(['github-actions', 'gitlab-ci']).nullable(),
    orchestration: z.enum(['compose', 'kubernetes']).nullable(),
    cloud: z.string().nullable(),
  }),
});
export type RequestAnalysis = z.infer<typeof RequestAnalysisSchema>;

/** The planner's output: a validated DAG of sub-tasks plus what was refused and what was understood. */
export const PlanSchema = z.object({
  subtasks: z.array(SubTaskSchema).min(1),
  rejected_instructions: z.array(RejectedInstructionSchema),
  /** Instructions that were planned but matched a warning rule (disabling a security control, force-push to main). */
  warnings: z.array(RejectedInstructionSchema).optional(),
  analysis: RequestAnalysisSchema,
});
export type Plan = z.infer<typeof PlanSchema>;

/** Input to a planner: the user's request with optional free-text context and constraints. */
export interface PlanRequest {
  /** The request in any human language, 1..20,000 characters after trimming. */
  task: string;
  context?: string;
  constraints?: readonly string[];
}

/** Turns a request into a plan. Deterministic for the rule planner: same input, same plan. */
export interface Planner {
  /**
   * @throws InvalidInputError when nothing plannable remains (e.g. every instruction was rejected).
   */
  plan(request: PlanRequest, options?: { signal?: AbortSignal }): Promise<Plan>;
}
