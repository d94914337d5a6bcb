// Hand-written fakes implementing the Agent and ArtifactWriter contracts (no mocks), shared by the orchestrator tests.
import type { Agent, AgentOutput, AgentRunInput } from '../../../src/contracts/agent.js';
import type { Artifact, ArtifactWriter, WrittenArtifact } from '../../../src/contracts/artifact.js';
import type { AgentKind, Plan, SubTask } from '../../../src/contracts/plan.js';
import { WorkspaceEscapeError } from '../../../src/core/errors.js';

/** What a fake agent does for one sub-task. */
export type FakeBehaviour = (input: AgentRunInput, signal: AbortSignal | undefined) => Promise<AgentOutput>;

/** A fake agent of `kind` whose `run` delegates to `behaviour`. */
export function fakeAgent(kind: AgentKind, behaviour: FakeBehaviour): Agent {
  return {
    kind,
    skills: [{ id: `${kind}-fake`, description: `fake ${kind} agent` }],
    run: (input, options) => behaviour(input, options?.signal),
  };
}

/** One text artifact named after the sub-task. */
export function artifactFor(subtask: SubTask, content = `made by ${subtask.id}`): Artifact {
  return { path: `out/${subtask.id}.txt`, language: 'text', kind: 'doc', content };
}

/** A behaviour that succeeds at once with one artifact per sub-task. */
export const succeed: FakeBehaviour = (input) =>
  Promise.resolve({ summary: `did ${input.subtask.id}`, artifacts: [artifactFor(input.subtask)] });

/** The same behaviour for all four kinds, unless `overrides` gives one. */
export function agentsWith(
  behaviour: FakeBehaviour,
  overrides: Partial<Record<AgentKind, FakeBehaviour>> = {},
): Map<AgentKind, Agent> {
  const kinds: AgentKind[] = ['frontend', 'backend', 'devops', 'quality'];
  return new Map(kinds.map((kind) => [kind, fakeAgent(kind, overrides[kind] ?? behaviour)]));
}

/** A promise resolved only when `signal` aborts (for agents that honour the signal and never finish otherwise). */
export function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true });
  });
}

/** Yields to the event loop `times` times (lets concurrently started agents overlap; not a timed sleep). */
export async function yieldTurns(times = 3): Promise<void> {
  for (let i = 0; i < times; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** An in-memory ArtifactWriter that records every write and refuses paths containing `..`. */
export function memoryWriter(root = '/virtual/run'): ArtifactWriter & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    root,
    files,
    write(artifact: Artifact): Promise<WrittenArtifact> {
      if (artifact.path.split('/').includes('..')) return Promise.reject(new WorkspaceEscapeError(artifact.path, root));
      files.set(artifact.path, artifact.content);
      return Promise.resolve({
        path: artifact.path,
        absolutePath: `${root}/${artifact.path}`,
        sizeBytes: Buffer.byteLength(artifact.content),
      });
    },
  };
}

/** A sub-task for hand-built plans. */
export function subtask(id: string, agent: AgentKind, depends_on: string[] = []): SubTask {
  return { id, title: id, agent, description: `do ${id}`, depends_on, acceptance_criteria: ['done'] };
}

/** A plan around the given sub-tasks with an empty analysis. */
export function planOf(subtasks: SubTask[]): Plan {
  return {
    subtasks,
    rejected_instructions: [],
    analysis: {
      summary: 'test',
      entities: [],
      features: [],
      stack: { frontend: null, backend: null, database: null, language: 'typescript' },
      deployment: { container: false, ci: null, orchestration: null, cloud: null },
    },
  };
}

/** The full-stack shape: contract → implementation and UI → containerize → quality on everything. */
export function fullStackPlan(): Plan {
  return planOf([
    subtask('api-contract', 'backend'),
    subtask('api-implementation', 'backend', ['api-contract']),
    subtask('ui-components', 'frontend', ['api-contract']),
    subtask('containerize', 'devops', ['api-implementation', 'ui-components']),
    subtask('quality-checks', 'quality', ['api-contract', 'api-implementation', 'ui-components', 'containerize']),
  ]);
}
