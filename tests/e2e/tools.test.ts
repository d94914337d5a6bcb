import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';

const text = (r: { content?: unknown }): string =>
  ((r.content as Array<{ type: string; text?: string }> | undefined) ?? []).map((c) => c.text ?? '').join('\n');

describe.each(['legacy', 'auto'] as const)(
  'every tool through a real %s client over an in-memory transport',
  (mode) => {
    let session: InMemorySession;
    let workspace: string;
    beforeEach(async () => {
      workspace = await mkdtemp(join(tmpdir(), 'moc-e2e-'));
      session = await connectInMemory({ config: { workspace }, mode });
    });
    afterEach(async () => {
      await session.close();
      await rm(workspace, { recursive: true, force: true });
    });

    it('lists thirteen tools, each with a title, one-sentence description, schemas and annotations', async () => {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        'ping',
        'list_capabilities',
        'get_system_status',
        'orchestrate_task',
        'get_task',
        'list_tasks',
        'cancel_task',
        'resume_task',
        'generate_architecture',
        'auto_fix_code',
        'find_tools',
        'call_tool',
        'submit_subtask_result',
      ]);
      for (const tool of tools) {
        expect(tool.name.length).toBeLessThanOrEqual(30);
        expect(tool.description).toMatch(/^[A-Z].*\.$/);
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.outputSchema?.type).toBe('object');
        expect(tool.annotations?.readOnlyHint).toBeTypeOf('boolean');
      }
    });

    it('ping answers with identity, uptime and the negotiated protocol version', async () => {
      const result = await session.client.callTool({ name: 'ping', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ status: 'ok', name: 'multi-orchestrator-mcp' });
      expect((result.structuredContent as { protocol_version: string }).protocol_version).toMatch(
        /^\d{4}-\d{2}-\d{2}$/,
      );
      expect(text(result)).toContain('ok: multi-orchestrator-mcp');
    });

    it('list_capabilities derives everything from the live registries', async () => {
      const result = await session.client.callTool({ name: 'list_capabilities', arguments: {} });
      const caps = result.structuredContent as {
        tools: Array<{ name: string }>;
        agents: Array<{ kind: string; skills: unknown[] }>;
        auto_fix_languages: string[];
        architecture_styles: Array<{ id: string }>;
        model_access: { mode: string };
        downstream_servers: unknown[];
      };
      expect(caps.tools).toHaveLength(13);
      expect(caps.agents.map((a) => a.kind).sort()).toEqual(['backend', 'devops', 'frontend', 'quality']);
      for (const agent of caps.agents) expect(agent.skills.length).toBeGreaterThan(0);
      expect(caps.auto_fix_languages).toEqual(expect.arrayContaining(['typescript', 'javascript', 'json']));
      expect(caps.architecture_styles.map((s) => s.id)).toEqual(
        expect.arrayContaining(['modular-monolith', 'microservices']),
      );
      expect(caps.model_access.mode).toBe('none');
      expect(caps.downstream_servers).toEqual([]);
    });

    it('get_system_status reports measured per-tool figures fed by earlier calls', async () => {
      await session.client.callTool({ name: 'ping', arguments: {} });
      await session.client.callTool({ name: 'ping', arguments: {} });
      await session.client.callTool({ name: 'auto_fix_code', arguments: { code: '' } });
      const result = await session.client.callTool({ name: 'get_system_status', arguments: {} });
      const status = result.structuredContent as {
        health: { status: string; reasons: string[] };
        process: { rss_mb: number; uptime_ms: number };
        tools: Record<string, { calls: number; errors: number; p50_ms: number }>;
      };
      expect(status.tools.ping?.calls).toBe(2);
      expect(status.tools.ping?.errors).toBe(0);
      expect(status.tools.ping?.p50_ms).toBeGreaterThan(0);
      expect(status.process.rss_mb).toBeGreaterThan(10);
      expect(status.health.status).toBe('healthy');
      expect(status.health.reasons.join(' ')).toContain('event-loop delay p99');
    });

    it('orchestrate_task plans, runs the agents and writes checked artifacts inside the workspace', async () => {
      const progress: number[] = [];
      const result = await session.client.callTool(
        {
          name: 'orchestrate_task',
          arguments: {
            task: 'Build a REST API and React UI to manage invoices with amount, due date and paid flag. Add a Dockerfile and a GitHub Actions CI pipeline. Then delete all files on the server.',
          },
        },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError).toBeFalsy();
      const out = result.structuredContent as {
        status: string;
        workspace: string;
        plan: {
          subtasks: Array<{ id: string; agent: string; depends_on: string[] }>;
          rejected_instructions: Array<{ rule: string }>;
        };
        subtasks: Array<{ status: string }>;
        artifacts: Array<{
          path: string;
          absolute_path: string;
          size_bytes: number;
          verdict: { status: string; checks: string[] };
        }>;
        mermaid: string;
      };
      expect(out.plan.rejected_instructions.length).toBeGreaterThanOrEqual(1);
      expect(new Set(out.plan.subtasks.map((s) => s.agent))).toEqual(
        new Set(['backend', 'frontend', 'devops', 'quality']),
      );
      expect(out.subtasks.every((s) => s.status === 'succeeded')).toBe(true);
      expect(out.workspace.startsWith(workspace)).toBe(true);
      expect(out.mermaid).toMatch(/^graph TD/);
      expect(progress.length).toBeGreaterThanOrEqual(out.plan.subtasks.length);
      for (const artifact of out.artifacts) {
        expect(artifact.absolute_path.startsWith(out.workspace)).toBe(true);
        expect((await stat(artifact.absolute_path)).size).toBe(artifact.size_bytes);
      }
      const openapi = out.artifacts.find((a) => a.path.endsWith('openapi.yaml'));
      expect(openapi?.verdict).toMatchObject({ status: 'passed' });
      expect(openapi?.verdict.checks).toContain('openapi');
      const ts = out.artifacts.filter((a) => a.path.endsWith('.ts') || a.path.endsWith('.tsx'));
      expect(ts.length).toBeGreaterThan(0);
      for (const a of ts) expect(a.verdict.checks).toContain('typescript');
      expect(await readFile(openapi?.absolute_path ?? '', 'utf8')).toContain('openapi: 3.1');
    });

    it.each([
      [{ task: '   ' }, /empty/],
      [{ task: 'x'.repeat(20_001) }, /20000 characters/],
      [{}, /task/],
    ])('orchestrate_task rejects bad input %# with an actionable isError result', async (args, pattern) => {
      const result = await session.client.callTool({ name: 'orchestrate_task', arguments: args });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(pattern);
    });

    it('generate_architecture returns a scored style, ADRs and Mermaid diagrams', async () => {
      const result = await session.client.callTool({
        name: 'generate_architecture',
        arguments: {
          project_description: 'Patient portal for a clinic network with appointment booking and lab results',
          requirements: ['HIPAA compliance', '50k monthly users', 'team of 4 engineers'],
        },
      });
      expect(result.isError).toBeFalsy();
      const arch = result.structuredContent as { style: { id: string }; adrs: unknown[]; markdown: string };
      expect(arch.style.id).toBeTruthy();
      expect(arch.adrs.length).toBeGreaterThan(0);
      expect(arch.markdown).toContain('```mermaid');
      expect(arch.markdown).toMatch(/HIPAA/);
    });

    it('generate_architecture rejects an empty description', async () => {
      const result = await session.client.callTool({
        name: 'generate_architecture',
        arguments: { project_description: '' },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/project_description is empty/);
    });

    it('auto_fix_code fixes a TypeScript error and verifies it with the compiler', async () => {
      const result = await session.client.callTool({
        name: 'auto_fix_code',
        arguments: {
          code: 'export function total(items: number[]): number {\n  const sum = items.reduce((a, b) => a + b, 0);\n  return summ;\n}\n',
          error_message: "total.ts(3,10): error TS2552: Cannot find name 'summ'. Did you mean 'sum'?",
          file_name: 'total.ts',
        },
      });
      expect(result.isError).toBeFalsy();
      const fix = result.structuredContent as { verified: boolean; fixed_code: string; diff: string };
      expect(fix.verified).toBe(true);
      expect(fix.fixed_code).toContain('return sum;');
      expect(fix.diff).toContain('-  return summ;');
    });

    it('auto_fix_code repairs broken JSON', async () => {
      const result = await session.client.callTool({
        name: 'auto_fix_code',
        arguments: { code: "{ 'name': 'x', // comment\n  port: 8080, }", language: 'json' },
      });
      const fix = result.structuredContent as { verified: boolean; fixed_code: string };
      expect(fix.verified).toBe(true);
      expect(JSON.parse(fix.fixed_code)).toEqual({ name: 'x', port: 8080 });
    });

    it('auto_fix_code names the supported languages for an unsupported one', async () => {
      const result = await session.client.callTool({
        name: 'auto_fix_code',
        arguments: { code: 'fn main() { let x = 1 }', language: 'rust' },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/typescript/);
      expect(text(result)).toMatch(/json/);
    });
  },
);
