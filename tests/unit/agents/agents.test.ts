import { describe, expect, it } from 'vitest';
import {
  createBackendAgent,
  createDevopsAgent,
  createFrontendAgent,
  createQualityAgent,
} from '../../../agents/index.js';
import type { Agent } from '../../../src/contracts/agent.js';
import type { AgentKind } from '../../../src/contracts/plan.js';
import { CancelledError } from '../../../src/core/errors.js';
import { FakeChecker } from './helpers/fake-checker.js';
import { runInput } from './helpers/fixtures.js';
import { runPipeline } from './helpers/pipeline.js';

const FACTORIES: Array<[AgentKind, () => Agent]> = [
  ['backend', createBackendAgent],
  ['frontend', createFrontendAgent],
  ['devops', createDevopsAgent],
  ['quality', () => createQualityAgent({ checker: new FakeChecker() })],
];

describe('agents', () => {
  it.each(FACTORIES)('%s declares its kind and unique kebab-case skills', (kind, create) => {
    const agent = create();
    expect(agent.kind).toBe(kind);
    expect(agent.skills.length).toBeGreaterThan(0);
    const ids = agent.skills.map((skill) => skill.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const skill of agent.skills) {
      expect(skill.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(skill.description.length).toBeGreaterThan(10);
    }
  });

  it('is deterministic: the same input gives identical artifacts, checks and summaries', async () => {
    const first = await runPipeline();
    const second = await runPipeline();
    for (const key of ['backend', 'frontend', 'devops', 'quality'] as const) expect(second[key]).toEqual(first[key]);
  });

  it.each(FACTORIES)('%s rejects with CancelledError when the signal is already aborted', async (kind, create) => {
    const controller = new AbortController();
    controller.abort();
    await expect(create().run(runInput(kind), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it.each(FACTORIES)('%s stops between steps when the signal aborts while it runs', async (kind, create) => {
    const controller = new AbortController();
    const running = create().run(runInput(kind), { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
  });

  it('quality does not call the checker once cancelled', async () => {
    const checker = new FakeChecker();
    const controller = new AbortController();
    const running = createQualityAgent({ checker }).run(runInput('quality'), { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(checker.calls).toHaveLength(0);
  });

  it.each(FACTORIES)('%s summary counts exactly the files it returned', async (kind, create) => {
    const output = await create().run(runInput(kind));
    const match = /^(?:Generated|Wrote) (\d+) /.exec(output.summary);
    expect(Number(match?.[1])).toBe(output.artifacts.length);
  });
});
