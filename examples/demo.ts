/**
 * The main job, end to end: starts the BUILT server over stdio from a real SDK v2 client, calls every tool on
 * the inputs in examples/inputs/, prints a readable summary with measured timings, and exits 1 if any call
 * fails (an `isError` result, or a fix that did not verify).
 *
 * Run: `npm run demo` (builds first). Artifacts go to a fresh temp workspace, printed at the end.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..'); // dist/examples → project root
const inputs = join(root, 'examples', 'inputs');
const cli = join(root, 'dist', 'src', 'bin', 'cli.js');

interface Step {
  tool: string;
  label: string;
  args: Record<string, unknown>;
  summarize: (structured: Record<string, unknown>) => string;
  ok?: (structured: Record<string, unknown>) => boolean;
}

const readText = (name: string): Promise<string> => readFile(join(inputs, name), 'utf8');
const readJson = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readText(name)) as Record<string, unknown>;

async function buildSteps(): Promise<Step[]> {
  const feature = await readJson('feature-request.json');
  const brief = await readJson('architecture-brief.json');
  const brokenTs = await readText('broken-service.ts');
  const tscError = await readText('broken-service.tsc.txt');
  const brokenJson = await readText('broken-config.json');
  return [
    {
      tool: 'ping',
      label: 'ping',
      args: {},
      summarize: (s) => `${String(s.name)} ${String(s.version)}, protocol ${String(s.protocol_version)}`,
    },
    {
      tool: 'list_capabilities',
      label: 'list_capabilities',
      args: {},
      summarize: (s) =>
        `${(s.tools as unknown[]).length} tools, ${(s.agents as unknown[]).length} agents, fixes: ${(s.auto_fix_languages as string[]).join('/')}`,
    },
    {
      tool: 'orchestrate_task',
      label: 'orchestrate_task (feature-request.json)',
      args: feature,
      ok: (s) => s.status === 'succeeded',
      summarize: summarizeOrchestration,
    },
    {
      tool: 'generate_architecture',
      label: 'generate_architecture (architecture-brief.json)',
      args: brief,
      summarize: (s) =>
        `style: ${(s.style as { name: string }).name}; ${(s.components as unknown[]).length} components, ${(s.adrs as unknown[]).length} ADRs`,
    },
    {
      tool: 'auto_fix_code',
      label: 'auto_fix_code (broken-service.ts + tsc error)',
      args: { code: brokenTs, error_message: tscError, file_name: 'broken-service.ts' },
      ok: (s) => s.verified === true,
      summarize: summarizeFix,
    },
    {
      tool: 'auto_fix_code',
      label: 'auto_fix_code (broken-config.json)',
      args: { code: brokenJson, file_name: 'broken-config.json' },
      ok: (s) => s.verified === true,
      summarize: summarizeFix,
    },
    {
      tool: 'get_system_status',
      label: 'get_system_status',
      args: {},
      summarize: (s) => {
        const h = s.health as { status: string };
        const p = s.process as { rss_mb: number; event_loop_delay_p99_ms: number };
        return `${h.status}; RSS ${p.rss_mb} MB; event-loop p99 ${p.event_loop_delay_p99_ms} ms`;
      },
    },
  ];
}

function summarizeOrchestration(s: Record<string, unknown>): string {
  const subtasks = s.subtasks as Array<{ id: string; status: string }>;
  const artifacts = s.artifacts as Array<{ path: string; verdict: { status: string } }>;
  const rejected = (s.plan as { rejected_instructions: Array<{ text: string; rule: string }> }).rejected_instructions;
  const byVerdict = (v: string): number => artifacts.filter((a) => a.verdict.status === v).length;
  return [
    `${String(s.status)}: ${subtasks.length} sub-tasks (${subtasks.map((t) => `${t.id}=${t.status}`).join(', ')})`,
    `${artifacts.length} artifacts: ${byVerdict('passed')} passed, ${byVerdict('failed')} failed, ${byVerdict('unchecked')} unchecked`,
    `rejected: ${rejected.map((r) => `"${r.text}" (${r.rule})`).join('; ') || 'none'}`,
    `workspace: ${String(s.workspace)}`,
  ].join('\n      ');
}

function summarizeFix(s: Record<string, unknown>): string {
  const fixes = s.fixes_applied as Array<{ description: string }>;
  const errors = (key: string): number =>
    (s[key] as Array<{ severity: string }>).filter((d) => d.severity === 'error').length;
  return `verified=${String(s.verified)}; ${fixes.map((f) => f.description).join('; ') || 'no fix'}; errors ${errors('diagnostics_before')} → ${errors('diagnostics_after')}`;
}

async function main(): Promise<number> {
  const workspace = await mkdtemp(join(tmpdir(), 'multi-orchestrator-demo-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'multi-orchestrator-demo-data-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--workspace', workspace, '--data-dir', dataDir, '--log-level', 'warn'],
  });
  const client = new Client({ name: 'multi-orchestrator-demo', version: '1.0.0' });
  const connectStart = performance.now();
  await client.connect(transport);
  console.log(`connected to the built server over stdio in ${(performance.now() - connectStart).toFixed(0)} ms\n`);
  let failures = 0;
  for (const step of await buildSteps()) {
    const start = performance.now();
    const result = await client.callTool({ name: step.tool, arguments: step.args }, { timeout: 120_000 });
    const ms = (performance.now() - start).toFixed(1);
    const structured = (result.structuredContent ?? {}) as Record<string, unknown>;
    const failed = result.isError === true || (step.ok ? !step.ok(structured) : false);
    if (failed) failures += 1;
    const detail = result.isError
      ? (result.content as Array<{ text?: string }>).map((c) => c.text ?? '').join(' ')
      : step.summarize(structured);
    console.log(`${failed ? 'FAIL' : 'ok  '} ${step.label} — ${ms} ms\n      ${detail}\n`);
  }
  await client.close();
  console.log(
    failures === 0
      ? 'demo passed: every tool answered on the example inputs'
      : `demo FAILED: ${failures} call(s) failed`,
  );
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('demo crashed:', error);
    process.exit(1);
  },
);
