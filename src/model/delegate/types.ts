import { z } from 'zod';
import { CheckVerdictSchema } from '../../contracts/artifact.js';
import { AgentKindSchema, PlanSchema } from '../../contracts/plan.js';
import { ModelArtifactSchema } from '../agent-prompts.js';

/**
 * Delegate mode (issue #5): the server plans and checks, the calling agent (the host's own model) writes the files.
 * Everything here is plain JSON so a durable task store can hold it as is.
 */

/** Status of a delegated sub-task. `failed`: its last submission failed a check; it may be resubmitted. */
export const DelegatedStatusSchema = z.enum(['pending', 'ready', 'succeeded', 'failed']);
export type DelegatedStatus = z.infer<typeof DelegatedStatusSchema>;

/** Most submissions of one sub-task (the first plus resubmissions after failed checks). */
export const MAX_SUBMISSIONS_PER_SUBTASK = 5;

/** A file the host submitted, as written and checked. `content` is kept so later checks can compile against it. */
export const DelegatedArtifactSchema = ModelArtifactSchema.extend({
  absolute_path: z.string(),
  size_bytes: z.number().int().nonnegative(),
  produced_by: z.string(),
  verdict: CheckVerdictSchema,
});
export type DelegatedArtifact = z.infer<typeof DelegatedArtifactSchema>;

export const DelegatedSubtaskSchema = z.object({
  id: z.string(),
  status: DelegatedStatusSchema,
  submissions: z.number().int().nonnegative(),
  summary: z.string().optional(),
  artifacts: z.array(DelegatedArtifactSchema),
});
export type DelegatedSubtask = z.infer<typeof DelegatedSubtaskSchema>;

/** The whole state of one delegated task. */
export const DelegatedTaskSchema = z.object({
  task_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** `failed`: a sub-task used up its submissions without passing its checks. */
  status: z.enum(['running', 'succeeded', 'failed']),
  /** The safety-screened request text (rejected instructions removed). */
  request: z.string(),
  workspace: z.string(),
  plan: PlanSchema,
  subtasks: z.array(DelegatedSubtaskSchema),
});
export type DelegatedTask = z.infer<typeof DelegatedTaskSchema>;

/** A sub-task handed to the host, with instructions written for the calling agent. */
export const ReadySubtaskSchema = z.object({
  id: z.string(),
  agent: AgentKindSchema,
  title: z.string(),
  instructions: z.string(),
});
export type ReadySubtask = z.infer<typeof ReadySubtaskSchema>;

/** What the host sends back for one sub-task. */
export const SubmissionSchema = z.object({
  task_id: z.string().min(1).max(100),
  subtask_id: z.string().min(1).max(64),
  summary: z.string().min(1).max(4_000),
  artifacts: z.array(ModelArtifactSchema).max(40).optional(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** One artifact's verdict as returned to the host. */
export const ReportedCheckSchema = z.object({ path: z.string(), verdict: CheckVerdictSchema });

/** Progress of a delegated task. */
export const DelegationProgressSchema = z.object({
  task_id: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  workspace: z.string(),
  completed: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  ready_subtasks: z.array(ReadySubtaskSchema),
  mermaid: z.string(),
});
export type DelegationProgress = z.infer<typeof DelegationProgressSchema>;

/** The answer to a submission: what was checked, whether it was accepted, and what is ready next. */
export const SubmissionResultSchema = DelegationProgressSchema.extend({
  subtask_id: z.string(),
  accepted: z.boolean(),
  subtask_status: DelegatedStatusSchema,
  submissions: z.number().int().positive(),
  checks: z.array(ReportedCheckSchema),
  message: z.string(),
});
export type SubmissionResult = z.infer<typeof SubmissionResultSchema>;

/** Where delegated tasks are kept between calls (the issue-#4 durable store can implement it). */
export interface DelegationStore {
  get(taskId: string, options?: { signal?: AbortSignal }): Promise<DelegatedTask | undefined>;
  put(task: DelegatedTask, options?: { signal?: AbortSignal }): Promise<void>;
}
