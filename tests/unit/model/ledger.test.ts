import { describe, expect, it } from 'vitest';
import { createModelLedger } from '../../../src/model/ledger.js';

describe('the token and cost ledger', () => {
  it('enforces the per-task budget through reservations', () => {
    const ledger = createModelLedger({ budgetTokens: 1_000 });
    expect(ledger.reserve('t1', 600)).toBe(600);
    expect(ledger.reserve('t1', 600)).toBe(400);
    expect(ledger.reserve('t1', 10)).toBe(0);
    expect(ledger.reserve('t2', 10)).toBe(10);
    ledger.release('t1', 1_000);
    ledger.recordCall({
      taskId: 't1',
      caller: 'planner',
      model: 'm',
      via: 'provider',
      usage: { inputTokens: 700, outputTokens: 250, source: 'reported' },
    });
    expect(ledger.reserve('t1', 100)).toBe(50);
  });

  it('adds tokens and cost per task, model and caller; cost is null for a model without a price', () => {
    const ledger = createModelLedger({
      budgetTokens: 10_000,
      prices: { priced: { input_per_mtok: 3, output_per_mtok: 15 } },
    });
    ledger.recordCall({
      taskId: 'a',
      caller: 'planner',
      model: 'priced',
      via: 'provider',
      usage: { inputTokens: 1_000, outputTokens: 200, source: 'reported' },
    });
    ledger.recordCall({
      taskId: 'a',
      caller: 'backend',
      model: 'priced',
      via: 'provider',
      usage: { inputTokens: 2_000, outputTokens: 400, source: 'reported' },
    });
    ledger.recordFailure({ taskId: 'a', caller: 'backend', model: 'priced', code: 'model_timeout' });
    ledger.recordFallback('a', 'backend');
    ledger.recordRetry();
    const task = ledger.task('a');
    expect(task).toMatchObject({
      calls: 2,
      failures: 1,
      tokens_in: 3_000,
      tokens_out: 600,
      fallbacks: 1,
      budget_tokens: 10_000,
    });
    expect(task?.cost_usd).toBeCloseTo((3_000 * 3 + 600 * 15) / 1e6, 9);
    expect(task?.by_caller.backend).toMatchObject({ calls: 1, failures: 1, tokens_in: 2_000 });
    ledger.recordCall({
      taskId: 'b',
      caller: 'fixer',
      model: 'sampling-model',
      via: 'sampling',
      usage: { inputTokens: 10, outputTokens: 5, source: 'estimated' },
    });
    const snapshot = ledger.snapshot();
    expect(snapshot).toMatchObject({
      calls: 3,
      failures: 1,
      retries: 1,
      fallbacks: 1,
      estimated_tokens: 15,
      tasks_tracked: 2,
    });
    expect(snapshot.cost_usd).toBeNull();
    expect(snapshot.by_model.priced?.cost_usd).toBeCloseTo(0.018, 9);
    expect(snapshot.by_model['sampling-model']?.cost_usd).toBeNull();
    expect(ledger.task('never')).toBeUndefined();
  });

  it('keeps at most maxTasks tasks', () => {
    const ledger = createModelLedger({ budgetTokens: 1_000, maxTasks: 2 });
    for (const id of ['a', 'b', 'c']) ledger.recordFallback(id, 'planner');
    expect(ledger.task('a')).toBeUndefined();
    expect(ledger.snapshot().tasks_tracked).toBe(2);
  });
});
