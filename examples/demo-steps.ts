/**
 * The demo's calls, in order. Each step reads its arguments from examples/inputs/ (and from earlier results, for
 * the task handles), and says what counts as success beyond a non-error result.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

type Structured = Record<string, unknown>;

/** What earlier steps left for later ones (task ids, the delegated task's next sub-task). */
export interface DemoState {
  taskId?: string;
  backgroundTaskId?: string;
  delegatedTaskId?: string;
  nextDelegatedSubtask?: string;
}

/** One call of the demo. */
export interface Step {
  tool: string;
  label: string;
  args: (state: DemoState) => Record<string, unknown>;
  ok?: (s: Structured) => boolean;
  after?: (s: Structured, state: DemoState) => void;
  summarize: (s: Structured) => string;
}

const list = (s: Structured, key: string): Structured[] => (Array.isArray(s[key]) ? (s[key] as Structured[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Builds every step from the files in `inputsDir`. */
export async function buildSteps(inputsDir: string): Promise<Step[]> {
  const read = (name: string): Promise<string> => readFile(join(inputsDir, name), 'utf8');
  const json = async (name: string): Promise<Structured> => JSON.parse(await read(name)) as Structured;
  const [feature, brief, ciRequest, brokenTs, tscError, brokenJson, ciYaml] = await Promise.all([
    json('feature-request.json'),
    json('architecture-brief.json'),
    json('ci-request.json'),
    read('broken-service.ts'),
    read('broken-service.tsc.txt'),
    read('broken-config.json'),
    read('delegate/ci.yml'),
  ]);
  return [
    {
      tool: 'ping',
      label: 'ping',
      args: () => ({}),
      summarize: (s) => `${str(s.name)} ${str(s.version)}, protocol ${str(s.protocol_version)}`,
    },
    {
      tool: 'list_capabilities',
      label: 'list_capabilities',
      args: () => ({}),
      ok: (s) => list(s, 'downstream_servers').length === 3,
      summarize: (s) =>
        `${list(s, 'tools').length} tools, ${list(s, 'agents').length} agents, downstream: ${list(
          s,
          'downstream_servers',
        )
          .map((d) => d.name)
          .join(', ')}`,
    },
    {
      tool: 'orchestrate_task',
      label: 'orchestrate_task (feature-request.json)',
      args: () => feature,
      ok: (s) => s.status === 'succeeded',
      after: (s, state) => (state.taskId = str(s.task_id)),
      summarize: summarizeOrchestration,
    },
    {
      tool: 'get_task',
      label: 'get_task (that task, report only)',
      args: (state) => ({ task_id: state.taskId, include: ['report'] }),
      ok: (s) => s.status === 'succeeded',
      summarize: (s) =>
        `${str(s.status)}; report ${typeof s.report === 'string' ? s.report.length : 0} characters of Markdown`,
    },
    {
      tool: 'orchestrate_task',
      label: 'orchestrate_task (ci-request.json, wait_ms 0: returns a job handle)',
      args: () => ({ ...ciRequest, wait_ms: 0 }),
      ok: (s) => s.status === 'running',
      after: (s, state) => (state.backgroundTaskId = str(s.task_id)),
      summarize: (s) => `task ${str(s.task_id)} is ${str(s.status)}`,
    },
    {
      tool: 'cancel_task',
      label: 'cancel_task (the running one)',
      args: (state) => ({ task_id: state.backgroundTaskId }),
      summarize: (s) => `${str(s.status)}; ${str(s.cancel ?? '')}`,
    },
    {
      tool: 'resume_task',
      label: 'resume_task (re-runs what did not finish)',
      args: (state) => ({ task_id: state.backgroundTaskId, wait_ms: 50_000 }),
      ok: (s) => s.status === 'succeeded',
      summarize: (s) => `${str(s.status)} after attempt ${str(s.attempts)}`,
    },
    {
      tool: 'list_tasks',
      label: 'list_tasks',
      args: () => ({ limit: 5 }),
      summarize: (s) =>
        list(s, 'tasks')
          .map((t) => `${str(t.task_id).slice(0, 8)}…=${str(t.status)}`)
          .join(', '),
    },
    {
      tool: 'generate_architecture',
      label: 'generate_architecture (architecture-brief.json)',
      args: () => brief,
      summarize: (s) =>
        `style: ${str((s.style as Structured).name)}; ${list(s, 'components').length} components, ${list(s, 'adrs').length} ADRs`,
    },
    {
      tool: 'auto_fix_code',
      label: 'auto_fix_code (broken-service.ts + tsc error)',
      args: () => ({ code: brokenTs, error_message: tscError, file_name: 'broken-service.ts' }),
      ok: (s) => s.verified === true,
      summarize: summarizeFix,
    },
    {
      tool: 'auto_fix_code',
      label: 'auto_fix_code (broken-config.json)',
      args: () => ({ code: brokenJson, file_name: 'broken-config.json' }),
      ok: (s) => s.verified === true,
      summarize: summarizeFix,
    },
    {
      tool: 'find_tools',
      label: 'find_tools ("write file")',
      args: () => ({ query: 'write file', limit: 3 }),
      ok: (s) => list(s, 'matches').length > 0,
      summarize: (s) =>
        list(s, 'matches')
          .map((m) => `${str(m.server)}/${str(m.tool)}`)
          .join(', '),
    },
    {
      tool: 'call_tool',
      label: 'call_tool (everything/echo)',
      args: () => ({ server: 'everything', tool: 'echo', arguments: { message: 'hello through the orchestrator' } }),
      summarize: (s) => `answered by ${str(s.answered_by)}, is_error=${str(s.is_error)}, ${str(s.attempts)} attempt(s)`,
    },
    {
      tool: 'orchestrate_task',
      label: 'orchestrate_task (ci-request.json, mode delegate)',
      args: () => ({ ...ciRequest, mode: 'delegate' }),
      ok: (s) => list(s, 'ready_subtasks').length > 0,
      after: (s, state) => {
        state.delegatedTaskId = str(s.task_id);
        state.nextDelegatedSubtask = str(list(s, 'ready_subtasks')[0]?.id);
      },
      summarize: (s) =>
        `ready for the host: ${list(s, 'ready_subtasks')
          .map((r) => `${str(r.id)} (${str(r.agent)})`)
          .join(', ')}`,
    },
    {
      tool: 'submit_subtask_result',
      label: 'submit_subtask_result (delegate/ci.yml)',
      args: (state) => ({
        task_id: state.delegatedTaskId,
        subtask_id: state.nextDelegatedSubtask,
        summary: 'GitHub Actions workflow: npm ci, lint, typecheck, test on push and pull request.',
        artifacts: [{ path: '.github/workflows/ci.yml', language: 'yaml', kind: 'github-workflow', content: ciYaml }],
      }),
      ok: (s) => s.accepted === true,
      summarize: (s) =>
        `${str(s.message)} checks: ${list(s, 'checks')
          .map((c) => `${str(c.path)}=${str((c.verdict as Structured).status)}`)
          .join(', ')}`,
    },
    {
      tool: 'get_system_status',
      label: 'get_system_status',
      args: () => ({}),
      summarize: (s) => {
        const h = s.health as { status: string };
        const p = s.process as { rss_mb: number; event_loop_delay_p99_ms: number };
        return `${h.status}; RSS ${p.rss_mb} MB; event-loop p99 ${p.event_loop_delay_p99_ms} ms`;
      },
    },
  ];
}

function summarizeOrchestration(s: Structured): string {
  const subtasks = list(s, 'subtasks');
  const artifacts = list(s, 'artifacts');
  const plan = (s.plan ?? {}) as Structured;
  const byVerdict = (v: string): number => artifacts.filter((a) => (a.verdict as Structured).status === v).length;
  return [
    `${str(s.status)}: ${subtasks.length} sub-tasks (${subtasks.map((t) => `${str(t.id)}=${str(t.status)}`).join(', ')})`,
    `${artifacts.length} artifacts: ${byVerdict('passed')} passed, ${byVerdict('failed')} failed, ${byVerdict('unchecked')} unchecked`,
    `rejected: ${
      list(plan, 'rejected_instructions')
        .map((r) => `"${str(r.text)}" (${str(r.rule)})`)
        .join('; ') || 'none'
    }`,
    `workspace: ${str(s.workspace)}`,
  ].join('\n      ');
}

function summarizeFix(s: Structured): string {
  const errors = (key: string): number => list(s, key).filter((d) => d.severity === 'error').length;
  const fixes = list(s, 'fixes_applied').map((f) => str(f.description));
  return `verified=${str(s.verified)}; ${fixes.join('; ') || 'no fix'}; errors ${errors('diagnostics_before')} → ${errors('diagnostics_after')}`;
}
