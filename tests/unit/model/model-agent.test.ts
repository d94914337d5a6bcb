import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendAgent } from '../../../agents/index.js';
import { createArtifactChecker } from '../../../generators/checks/index.js';
import type { AgentOutput, AgentRunInput } from '../../../src/contracts/agent.js';
import type { Artifact } from '../../../src/contracts/artifact.js';
import type { DownstreamAccess, DownstreamCallResult } from '../../../src/contracts/downstream.js';
import type { SamplingChannel } from '../../../src/contracts/model.js';
import { CancelledError } from '../../../src/core/errors.js';
import { createModelServices } from '../../../src/model/services.js';
import { createRulePlanner } from '../../../src/orchestrator/planner.js';
import { lastUserText, modelConfig, scriptedChannel, type ScriptedReply } from './fakes.js';

const TASK = 'Build a REST API to manage tasks with a title and a done flag.';

/** A hand-written DownstreamAccess with one `search` tool on a `docs` server; records calls. */
function fakeDocs(): DownstreamAccess & { calls: Array<Record<string, unknown>> } {
  const calls: Array<Record<string, unknown>> = [];
  return {
    principal: 'backend',
    calls,
    servers: () => ['docs'],
    listTools: () =>
      Promise.resolve([
        {
          server: 'docs',
          name: 'search',
          description: 'Searches the API style guide',
          inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
          readOnly: true,
          idempotent: true,
        },
      ]),
    callTool(server, tool, args): Promise<DownstreamCallResult> {
      calls.push({ server, tool, args });
      return Promise.resolve({
        server,
        tool,
        content: [{ type: 'text', text: 'Style guide: every collection is paged.' }],
        isError: false,
        cached: false,
        coalesced: false,
        attempts: 1,
        durationMs: 1,
      });
    },
  };
}

const answer = (artifacts: readonly Artifact[]): string => JSON.stringify({ artifacts });

describe('the model-assisted agent loop', () => {
  let input: AgentRunInput;
  let draft: AgentOutput;
  const checker = createArtifactChecker();
  beforeAll(async () => {
    const plan = await createRulePlanner().plan({ task: TASK });
    const [contract, implementation] = ['api-contract', 'api-implementation'].map((id) =>
      plan.subtasks.find((s) => s.id === id),
    );
    if (contract === undefined || implementation === undefined) throw new Error('unexpected rule plan');
    const inputs = (
      await createBackendAgent().run({ subtask: contract, request: TASK, analysis: plan.analysis, inputs: [] })
    ).artifacts;
    input = { subtask: implementation, request: TASK, analysis: plan.analysis, inputs };
    draft = await createBackendAgent().run(input);
    expect(draft.artifacts.some((a) => a.language === 'typescript')).toBe(true);
  });

  function build(limits: { maxTurns?: number; timeoutMs?: number } = {}) {
    const model = createModelServices({ config: modelConfig({ agent_max_turns: limits.maxTurns ?? 6 }) });
    const docs = fakeDocs();
    const agent = model.agent(createBackendAgent(), {
      checker,
      downstream: docs,
      timeoutMs: limits.timeoutMs ?? 30_000,
    });
    return { model, docs, agent };
  }

  function revised(broken: boolean): Artifact[] {
    const index = draft.artifacts.findIndex((a) => a.language === 'typescript');
    return [
      ...draft.artifacts.map((a, i) =>
        i === index
          ? {
              ...a,
              content: broken ? `${a.content}\nexport const broken: number = "x";\n` : `// Reviewed.\n${a.content}`,
            }
          : a,
      ),
      {
        path: 'docs/backend-notes.md',
        language: 'markdown',
        kind: 'doc',
        content: '# Notes\n\nCollections are paged.\n',
      },
    ];
  }

  it('runs tool turns, one repair round and a check-feedback round, then hands over checked files', async () => {
    const { model, docs, agent } = build();
    const replies: ScriptedReply[] = [
      [
        { type: 'text', text: 'Let me read the style guide.' },
        { type: 'tool_use', id: 'u1', name: 'docs__search', input: { q: 'paging' } },
      ],
      '{"artifacts": [ {"path": ',
      answer(revised(true)),
      answer(revised(false)),
    ];
    const channel = scriptedChannel(replies);
    const output = await model.scope.run({ sampling: channel, taskId: 't' }, () => agent.run(input));
    expect(output.artifacts.map((a) => a.path)).toEqual(revised(false).map((a) => a.path));
    expect(output.artifacts.find((a) => a.language === 'typescript')?.content.startsWith('// Reviewed.')).toBe(true);
    expect(output.summary).toMatch(
      /Revised by a model \(scripted-model via sampling\) in 4 turn\(s\): .* 1 changed and 1 added/,
    );
    expect(docs.calls).toEqual([{ server: 'docs', tool: 'search', args: { q: 'paging' } }]);
    expect(channel.requests[0]?.tools?.map((t) => t.name)).toEqual(['docs__search']);
    expect(channel.requests[0]?.systemPrompt).toContain('You are the backend engineer');
    expect(lastUserText(channel.requests[1]!)).toContain('Style guide: every collection is paged.');
    expect(lastUserText(channel.requests[2]!)).toContain('rejected by the validator');
    expect(lastUserText(channel.requests[3]!)).toMatch(/failed their checks[\s\S]*TS2322/);
    expect(model.ledger.task('t')).toMatchObject({ calls: 4, fallbacks: 0 });
  });

  it.each([
    ['files that keep failing their checks', () => [answer(revised(true)), answer(revised(true))], 2],
    ['a draft file dropped twice', () => Array(2).fill(answer(revised(false).slice(1))) as string[], 6],
    ['a client that refuses', () => [new Error('declined')], 6],
  ])('returns the deterministic draft for %s', async (_name, replies, maxTurns) => {
    const { model, agent } = build({ maxTurns });
    const output = await model.scope.run({ sampling: scriptedChannel(replies()), taskId: 't' }, () => agent.run(input));
    expect(output).toEqual(draft);
    expect(model.ledger.task('t')?.fallbacks).toBe(1);
  });

  it('returns the draft when its own time limit ends the loop, but a caller abort cancels', async () => {
    const hung: SamplingChannel = {
      supportsTools: false,
      createMessage: (_r, { signal }) =>
        new Promise((_res, reject) => signal.addEventListener('abort', () => reject(new Error('gone')))),
    };
    const { model, agent } = build({ timeoutMs: 1_000 });
    expect(await model.scope.run({ sampling: hung }, () => agent.run(input))).toEqual(draft);
    const controller = new AbortController();
    const pending = model.scope.run({ sampling: hung }, () => agent.run(input, { signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('without a model it is the deterministic agent', async () => {
    const { model, agent } = build();
    expect(await model.scope.run({}, () => agent.run(input))).toEqual(draft);
    expect(model.ledger.snapshot().calls).toBe(0);
  });
});
