import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingEntry } from '../support/downstream-fixtures.js';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';

/**
 * A scripted sampling client: the SDK Client with a `sampling/createMessage` handler that answers from canned
 * replies chosen by the request's system prompt — malformed JSON, tool-use turns, valid and invalid answers.
 */
interface SamplingLog {
  role: string;
  tools: string[];
  lastUser: string;
}

type Block = { type: string; text?: string; name?: string };
type Params = {
  systemPrompt?: string;
  messages: Array<{ role: string; content: Block | Block[] }>;
  tools?: Array<{ name: string }>;
};

const blocks = (content: Block | Block[]): Block[] => (Array.isArray(content) ? content : [content]);
const textOf = (content: Block | Block[]): string =>
  blocks(content)
    .map((b) => b.text ?? (b.type === 'tool_result' ? JSON.stringify(b) : ''))
    .join('\n');
const reply = (text: string) => ({
  model: 'scripted-client-model',
  role: 'assistant' as const,
  content: { type: 'text' as const, text },
});

/** The draft files quoted in an agent brief (see `toAgentBrief`). */
function parseDraft(brief: string): Array<{ path: string; language: string; kind: string; content: string }> {
  const section =
    brief.split('Draft files (yours to improve):')[1]?.split('Input files from earlier sub-tasks')[0] ?? '';
  return section
    .split(/^--- /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      const [, path = '', language = '', kind = ''] =
        /^(\S+) \(([\w-]+), ([\w-]+)\)$/.exec(part.slice(0, newline)) ?? [];
      return { path, language, kind, content: part.slice(newline + 1).replace(/\n$/, '') };
    });
}

function planFrom(user: string): string {
  const reference = JSON.parse(/for reference \(improve on it\): (\[.*\])$/m.exec(user)?.[1] ?? '[]') as Array<{
    id: string;
    agent: string;
    title: string;
    depends_on: string[];
  }>;
  const subtasks = reference.map((s) => ({
    ...s,
    title: `[model] ${s.title}`,
    description: `${s.title}.`,
    acceptance_criteria: [`${s.title} passes its checks`],
  }));
  return JSON.stringify({ subtasks });
}

function answer(params: Params, log: SamplingLog[]): ReturnType<typeof reply> | Record<string, unknown> {
  const system = params.systemPrompt ?? '';
  const first = textOf(params.messages[0]?.content ?? []);
  const last = params.messages.at(-1);
  const lastUser = last ? textOf(last.content) : '';
  const role = /You are the (\w+)|You (fix) one|You (write) the overview/.exec(system)?.slice(1).find(Boolean) ?? '?';
  log.push({ role, tools: (params.tools ?? []).map((t) => t.name), lastUser });
  switch (role) {
    case 'planner':
      // first a malformed answer, then a valid plan after the repair message
      return reply(params.messages.length === 1 ? '{"subtasks": [ {"id": ' : planFrom(first));
    case 'devops':
      return reply(
        JSON.stringify({
          artifacts: [
            ...parseDraft(first),
            { path: 'docs/deploy-notes.md', language: 'markdown', kind: 'doc', content: '# Deploy\n\nBuilt by CI.\n' },
          ],
        }),
      );
    case 'backend':
      if (params.messages.length === 1 && params.tools?.some((t) => t.name === 'docs__echo')) {
        return {
          model: 'scripted-client-model',
          role: 'assistant',
          stopReason: 'toolUse',
          content: [
            { type: 'text', text: 'Checking the guide.' },
            { type: 'tool_use', id: 'call-1', name: 'docs__echo', input: { message: 'paging' } },
          ],
        };
      }
      return reply('{"artifacts": []}'); // invalid twice → the agent keeps its deterministic draft
    case 'fix':
      return reply(JSON.stringify({ candidates: [{ code: 'const total: number = 42;\nexport { total };\n' }] }));
    case 'write': {
      const style = /"style":\{"name":"([^"]+)"/.exec(first)?.[1] ?? '';
      const overview = `The system follows a ${style}. It keeps the booking domain in one codebase with clear module boundaries, so a small team can change it safely, deploy it as one unit and split modules out later if the load or the team grows.`;
      return reply(JSON.stringify({ overview }));
    }
    default:
      return reply('{"artifacts": []}');
  }
}

describe('a scripted sampling client drives planner, agents, fixer and narrator end to end', () => {
  let session: InMemorySession;
  let workspace: string;
  const log: SamplingLog[] = [];
  const call = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as Record<string, unknown>;
  };

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-model-sampling-'));
    session = await connectInMemory({
      config: { workspace, mcpServers: { docs: recordingEntry({}, { agents: ['backend'] }) } },
      clientCapabilities: { sampling: { tools: {} } },
      setupClient: (client) =>
        client.setRequestHandler('sampling/createMessage', (request) =>
          Promise.resolve(answer(request.params as Params, log) as never),
        ),
    });
  });
  afterAll(async () => {
    await session.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it('reports sampling as the model access of this connection', async () => {
    const caps = await call(session.client, 'list_capabilities', {});
    expect(caps.model_access).toMatchObject({ mode: 'sampling', tools: true });
  });

  it('orchestrates with a model plan (after one repair), a model-revised devops agent and checked artifacts', async () => {
    const result = await call(session.client, 'orchestrate_task', {
      task: 'Build a REST API to manage tasks with a title, packaged in Docker with a GitHub Actions CI pipeline.',
    });
    const plan = result.plan as { subtasks: Array<{ title: string; agent: string }> };
    expect(plan.subtasks.every((s) => s.title.startsWith('[model] '))).toBe(true);
    expect(result.status).toBe('succeeded');
    const artifacts = result.artifacts as Array<{ path: string; verdict: { status: string } }>;
    expect(artifacts.find((a) => a.path === 'docs/deploy-notes.md')).toBeDefined();
    expect(artifacts.filter((a) => a.verdict.status === 'failed')).toEqual([]);
    const subtasks = result.subtasks as Array<{ agent: string; summary?: string }>;
    expect(subtasks.find((s) => s.agent === 'devops')?.summary).toMatch(
      /Revised by a model \(scripted-client-model via sampling\)/,
    );
    expect(
      subtasks.filter((s) => s.agent === 'backend').every((s) => !/Revised by a model/.test(s.summary ?? '')),
    ).toBe(true);
    // the planner's repair round quoted the parse error; the backend agent ran a real downstream tool
    const planner = log.filter((l) => l.role === 'planner');
    expect(planner[1]?.lastUser).toContain('does not parse');
    const backend = log.filter((l) => l.role === 'backend');
    expect(backend[0]?.tools).toContain('docs__echo');
    expect(backend.some((l) => l.lastUser.includes('Echo: paging'))).toBe(true);
    expect(log.filter((l) => l.role === 'frontend' || l.role === 'quality')).toEqual([]);
    const usage = result.model_usage as { calls: number; fallbacks: number; by_caller: Record<string, unknown> };
    expect(usage.calls).toBeGreaterThanOrEqual(5);
    expect(usage.fallbacks).toBeGreaterThanOrEqual(2);
    expect(Object.keys(usage.by_caller).sort()).toEqual(['backend', 'devops', 'planner']);
  });

  it('fixes code the deterministic engines cannot, verifying the model candidate', async () => {
    const result = await call(session.client, 'auto_fix_code', {
      code: 'const total: number = "42";\nexport { total };\n',
      error_message: "error TS2322: Type 'string' is not assignable to type 'number'.",
      language: 'typescript',
    });
    expect(result).toMatchObject({ verified: true, fixed_code: 'const total: number = 42;\nexport { total };\n' });
    expect(result.model_assist).toMatchObject({
      via: 'sampling',
      model: 'scripted-client-model',
      verified_candidate: 1,
    });
  });

  it('adds a checked overview to the architecture, decisions unchanged', async () => {
    const args = { project_description: 'A booking app for a small clinic; a team of three; a tight budget.' };
    const result = await call(session.client, 'generate_architecture', args);
    expect(result.narrative).toMatchObject({ via: 'sampling' });
    expect(result.markdown as string).toContain('## Overview');
  });

  it('shows the ledger in get_system_status', async () => {
    const status = await call(session.client, 'get_system_status', {});
    const model = status.model as {
      access: { mode: string };
      calls: number;
      estimated_tokens: number;
      by_caller: Record<string, unknown>;
    };
    expect(model.access.mode).toBe('sampling');
    expect(model.calls).toBeGreaterThanOrEqual(8);
    expect(model.estimated_tokens).toBeGreaterThan(0);
    expect(Object.keys(model.by_caller)).toEqual(
      expect.arrayContaining(['planner', 'backend', 'devops', 'fixer', 'architect']),
    );
  });
});

describe('sampling availability per connection', () => {
  it.each([
    ['a client without the sampling capability', {}, 'legacy', /did not advertise sampling/],
    [
      'a 2026-07-28 client (no push-style sampling)',
      { clientCapabilities: { sampling: {} } },
      'auto',
      /has no push-style sampling/,
    ],
  ] as const)('%s gets mode none', async (_name, extra, mode, reason) => {
    const session = await connectInMemory({ mode, ...extra });
    try {
      const caps = (await session.client.callTool({ name: 'list_capabilities', arguments: {} })).structuredContent as {
        model_access: { mode: string; reason: string };
      };
      expect(caps.model_access.mode).toBe('none');
      expect(caps.model_access.reason).toMatch(reason);
    } finally {
      await session.close();
    }
  });
});
