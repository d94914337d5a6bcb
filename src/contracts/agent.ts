import type { Artifact, ArtifactChecker, CheckVerdict } from './artifact.js';
import type { AgentKind, RequestAnalysis, SubTask } from './plan.js';

/** A capability an agent declares; listed by `list_capabilities`. `id` is kebab-case. */
export interface AgentSkill {
  id: string;
  description: string;
}

/** Everything an agent needs to run one sub-task. */
export interface AgentRunInput {
  subtask: SubTask;
  /** The whole request text (after safety filtering) and what the planner understood of it. */
  request: string;
  analysis: RequestAnalysis;
  /** Artifacts produced by the sub-tasks this one depends on, transitively, in plan order. */
  inputs: readonly Artifact[];
}

/** A finding the quality agent recorded for one artifact (its own test files included). */
export interface ArtifactCheck {
  path: string;
  verdict: CheckVerdict;
}

/** What an agent returns for one sub-task. `checks` is set by the quality agent only. */
export interface AgentOutput {
  /** One or two sentences on what was produced, with counts; no claims beyond the artifacts. */
  summary: string;
  artifacts: Artifact[];
  checks?: ArtifactCheck[];
}

/** An agent: deterministic without a model, honours `signal` between steps. */
export interface Agent {
  readonly kind: AgentKind;
  readonly skills: readonly AgentSkill[];
  /**
   * @throws CancelledError when `signal` aborts; any other error fails only this sub-task.
   */
  run(input: AgentRunInput, options?: { signal?: AbortSignal }): Promise<AgentOutput>;
}

/** What the quality agent is built from (injected by the composition root). */
export interface QualityAgentDeps {
  checker: ArtifactChecker;
}
