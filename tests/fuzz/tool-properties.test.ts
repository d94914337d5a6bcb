import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';
import { readFuzzProfile } from './profile.js';
import { toolInputFor, type JsonSchema } from './schema-arbitrary.js';

const profile = readFuzzProfile();
/** Tools whose valid inputs run real work (orchestration with checks, the compiler): fewer runs. */
const HEAVY_TOOLS = new Set(['orchestrate_task', 'auto_fix_code']);
/** Words of a message that tells the caller what to change. */
const ACTIONABLE =
  /expected|must|empty|longer|shorter|shorten|too (big|small|long|many)|use |pass |supported|provide|describe|send |paste|invalid|unknown|not found|retry|choose|one of/i;

/** The tools as registered right now (read from a throwaway instance, so new tools are covered automatically). */
const TOOL_NAMES = await (async () => {
  const probe = await connectInMemory();
  const names = (await probe.client.listTools()).tools.map((t) => t.name);
  await probe.close();
  return names;
})();

const textOf = (r: { content?: unknown }): string =>
  ((r.content as Array<{ text?: string }> | undefined) ?? []).map((c) => c.text ?? '').join('\n');

describe(`every tool under property-based inputs (${profile.name} profile)`, () => {
  let session: InMemorySession;
  let workspace: string;
  let tools: Array<{ name: string; inputSchema: JsonSchema }>;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-props-'));
    session = await connectInMemory({ config: { workspace } });
    tools = (await session.client.listTools()).tools as typeof tools;
  });
  afterAll(async () => {
    await session.close();
    await rm(workspace, { recursive: true, force: true });
  });

  it('covers every listed tool', () => {
    expect(tools.length).toBeGreaterThanOrEqual(6);
  });

  it.each(TOOL_NAMES)('%s: never throws; every failure is an isError result saying what to change', async (name) => {
    const tool = tools.find((t) => t.name === name);
    expect(tool).toBeDefined();
    const runs = HEAVY_TOOLS.has(name) ? profile.heavyToolRuns : profile.lightToolRuns;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(toolInputFor(tool!.inputSchema), async (args) => {
        const result = await session.client.callTool({ name, arguments: args });
        if (!result.isError) {
          expect(result.content).toBeInstanceOf(Array);
          return;
        }
        failures += 1;
        const text = textOf(result);
        expect(text).not.toMatch(/Internal error/);
        expect(text).toMatch(ACTIONABLE);
      }),
      { numRuns: runs, seed: profile.seed, endOnFailure: true },
    );
    console.log(`${name}: ${runs} runs, ${failures} isError, ${runs - failures} succeeded`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await session.client.callTool({ name: 'ping', arguments: {} })).isError).toBeFalsy();
  });

  it('answers arguments that are not an object with a protocol error (-32602), and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.integer()),
        async (args) => {
          await expect(
            session.client.callTool({ name: 'ping', arguments: args as unknown as Record<string, unknown> }),
          ).rejects.toMatchObject({ code: -32602 });
        },
      ),
      { numRuns: 20, seed: profile.seed },
    );
    expect((await session.client.callTool({ name: 'ping', arguments: {} })).isError).toBeFalsy();
  });
});
