/**
 * The main job, end to end: starts the BUILT server over stdio from a real SDK v2 client, with three real
 * downstream MCP servers (filesystem, memory, everything — devDependencies) configured from
 * examples/demo-config.json, calls every tool on the inputs in examples/inputs/, prints a readable summary with
 * measured timings, and exits 1 if any call fails (an `isError` result, or a result short of its goal).
 *
 * Run: `npm run demo` (builds first). Workspace and data directory are fresh temp directories, printed as it goes.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { buildSteps, type DemoState } from './demo-steps.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..'); // dist/examples → project root
const cli = join(root, 'dist', 'src', 'bin', 'cli.js');

/** Fills the `${NODE}`, `${PROJECT_ROOT}` and `${WORKSPACE}` placeholders of the demo config, writes it to `dir`. */
async function writeDemoConfig(workspace: string, dir: string): Promise<string> {
  const template = await readFile(join(root, 'examples', 'demo-config.json'), 'utf8');
  const values: Record<string, string> = { NODE: process.execPath, PROJECT_ROOT: root, WORKSPACE: workspace };
  const text = template.replace(/\$\{(NODE|PROJECT_ROOT|WORKSPACE)\}/g, (_m, key: string) =>
    JSON.stringify(values[key]).slice(1, -1),
  );
  const path = join(dir, 'config.json');
  await writeFile(path, text);
  return path;
}

async function main(): Promise<number> {
  const workspace = await mkdtemp(join(tmpdir(), 'multi-orchestrator-demo-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'multi-orchestrator-demo-data-'));
  const config = await writeDemoConfig(workspace, dataDir);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--config', config, '--workspace', workspace, '--data-dir', dataDir, '--log-level', 'error'],
  });
  const client = new Client({ name: 'multi-orchestrator-demo', version: '1.0.0' });
  const connectStart = performance.now();
  await client.connect(transport);
  console.log(`connected to the built server over stdio in ${(performance.now() - connectStart).toFixed(0)} ms`);
  console.log(`workspace ${workspace}, data dir ${dataDir}\n`);
  const state: DemoState = {};
  let failures = 0;
  for (const step of await buildSteps(join(root, 'examples', 'inputs'))) {
    const start = performance.now();
    const result = await client.callTool({ name: step.tool, arguments: step.args(state) }, { timeout: 120_000 });
    const ms = (performance.now() - start).toFixed(1);
    const structured = (result.structuredContent ?? {}) as Record<string, unknown>;
    const failed = result.isError === true || (step.ok ? !step.ok(structured) : false);
    if (failed) failures += 1;
    else step.after?.(structured, state);
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
