#!/usr/bin/env node
/**
 * `npm run bench`: measures the built server over stdio against an SDK floor server and prints one JSON line per
 * figure, then a Markdown table with every budget's verdict. Usage:
 *   node dist/tests/bench/run.js [--only ping,cold-start] [--json-out FILE] [--root DIR] [--ours-entry FILE]
 * Loopback/stdio only: no network, no model. Every child process is closed at the end, also on error or signal.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ProcessRegistry, toBenchPaths } from './processes.js';
import { Report } from './report.js';
import { architectureSection } from './sections/architecture.js';
import { autoFixSection } from './sections/auto-fix.js';
import { callToolSection } from './sections/call-tool.js';
import { coldStartSection } from './sections/cold-start.js';
import { httpSection } from './sections/http.js';
import { memorySection } from './sections/memory.js';
import { orchestrateSection } from './sections/orchestrate.js';
import { pingSection } from './sections/ping.js';
import { plannerSection } from './sections/planner.js';
import { taskStoreSection } from './sections/task-store.js';
import type { Section, SectionContext } from './sections/section.js';

/** Every section, in run order. */
const SECTIONS: readonly Section[] = [
  coldStartSection,
  pingSection,
  plannerSection,
  orchestrateSection,
  architectureSection,
  autoFixSection,
  taskStoreSection,
  callToolSection,
  httpSection,
  memorySection,
];
/** The whole run must end within 10 minutes (issue); sections are skipped once this much has passed, ms. */
const RUN_LIMIT_MS = 540_000;
/** A section still running this long after its soft limit is aborted (its children are killed), ms. */
const HARD_LIMIT_EXTRA_MS = 30_000;

const USAGE = `Usage: node dist/tests/bench/run.js [--only ${SECTIONS.map((s) => s.name).join(',')}] [--json-out FILE] [--root DIR] [--ours-entry FILE]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'json-out': { type: 'string' },
      root: { type: 'string' },
      'ours-entry': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const selected = selectSections(values.only);
  const benchDir = import.meta.dirname;
  const paths = toBenchPaths(resolve(values.root ?? resolve(benchDir, '../../..')), benchDir);
  if (values['ours-entry']) paths.cli = resolve(values['ours-entry']);
  const registry = new ProcessRegistry(paths);
  const report = new Report(values['json-out'] ? resolve(values['json-out']) : undefined);
  const onSignal = (): void => {
    registry.killAllSync();
    report.save();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => registry.killAllSync());

  const runStartMs = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  let failures = 0;
  try {
    for (const section of selected) {
      const remainingMs = RUN_LIMIT_MS - (performance.now() - runStartMs);
      if (remainingMs <= 0) {
        report.fillMissing(section.name, section.expected, 'the run reached its time limit before this section');
        continue;
      }
      const error = await runSection(section, Math.min(section.timeLimitMs, remainingMs), paths, registry, report);
      if (error) {
        failures += 1;
        report.add({ section: section.name, metric: 'error', value: null, unit: '', note: error });
        report.fillMissing(section.name, section.expected, error);
      }
      await registry.closeAll();
    }
  } finally {
    await registry.closeAll();
    report.save();
  }
  process.stdout.write(
    `\n${describeRun(performance.now() - runStartMs, paths.root, loadAtStart)}\n\n${report.markdown()}\n`,
  );
  const missed = report.missed().length;
  process.stderr.write(
    `bench: ${report.all().length} figures, ${missed} budget(s) MISSED, ${failures} section(s) failed\n`,
  );
  return failures > 0 ? 1 : 0;
}

/** Runs one section under its soft limit (checked by the section) and a hard limit; returns an error text or undefined. */
async function runSection(
  section: Section,
  softLimitMs: number,
  paths: ReturnType<typeof toBenchPaths>,
  registry: ProcessRegistry,
  report: Report,
): Promise<string | undefined> {
  const startMs = performance.now();
  const ctx: SectionContext = {
    paths,
    registry,
    emit: (figure) => report.add({ section: section.name, ...figure }),
    log: (message) => process.stderr.write(`bench: ${message}\n`),
    timeLeftMs: () => softLimitMs - (performance.now() - startMs),
  };
  ctx.log(`${section.name}: start (soft limit ${Math.round(softLimitMs / 1000)} s)`);
  let hardTimer: NodeJS.Timeout | undefined;
  const hardLimit = new Promise<string>((resolveLimit) => {
    hardTimer = setTimeout(
      () => resolveLimit(`aborted after ${Math.round((softLimitMs + HARD_LIMIT_EXTRA_MS) / 1000)} s`),
      softLimitMs + HARD_LIMIT_EXTRA_MS,
    );
  });
  const run = section.run(ctx).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  const outcome = await Promise.race([run, hardLimit]);
  clearTimeout(hardTimer);
  if (outcome !== undefined) await registry.closeAll(); // unblocks a section stuck on a child
  ctx.log(
    `${section.name}: ${outcome ? `FAILED: ${outcome}` : 'done'} in ${Math.round((performance.now() - startMs) / 100) / 10} s`,
  );
  return outcome;
}

function selectSections(only: string | undefined): readonly Section[] {
  if (!only) return SECTIONS;
  const names = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown section(s): ${unknown.join(', ')}\n${USAGE}`);
  return SECTIONS.filter((s) => names.includes(s.name));
}

/** One line of context: date, duration, Node, CPUs, memory, 1-min load average (start → end), package versions. */
function describeRun(durationMs: number, root: string, loadAtStart: number): string {
  const version = (path: string): string => {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      return '?';
    }
  };
  const load = `${loadAtStart.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`;
  const memGb = Math.round(totalmem() / 2 ** 30);
  const packages = [
    `multi-orchestrator-mcp ${version(join(root, 'package.json'))}`,
    `@modelcontextprotocol/server ${version(join(root, 'node_modules/@modelcontextprotocol/server/package.json'))}`,
  ].join(', ');
  return `Run: ${new Date().toISOString()}, ${Math.round(durationMs / 1000)} s; Node ${process.version}, ${availableParallelism()} CPUs, ${memGb} GiB RAM, load average (1 min) ${load}; ${packages}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
