import { LRUCache } from 'lru-cache';
import type { ModelPrice } from '../core/config-model.js';
import type { ModelAccessMode, ModelCaller, ModelUsage, TaskModelUsage, UsageFigures } from '../contracts/model.js';

/** Most tasks whose figures are kept; the oldest are dropped first (bounded memory). */
export const LEDGER_MAX_TASKS = 1_000;

/** One finished call, as the gateway records it. */
export interface LedgerCall {
  taskId: string;
  caller: ModelCaller;
  model: string;
  via: Exclude<ModelAccessMode, 'none'>;
  usage: ModelUsage;
}

/** One failed call (no answer). `model` is the configured name, or `sampling` when the client would have picked. */
export interface LedgerFailure {
  taskId: string;
  caller: ModelCaller;
  model: string;
  code: string;
}

/** Totals since start, for `get_system_status`. */
export interface LedgerSnapshot extends UsageFigures {
  retries: number;
  fallbacks: number;
  /** Calls refused before they started because the task's budget was spent. */
  budget_refusals: number;
  by_model: Record<string, UsageFigures>;
  by_caller: Record<string, UsageFigures>;
  tasks_tracked: number;
}

/** The token and cost ledger: per task, model and caller; the per-task budget is enforced through `reserve`. */
export interface ModelLedger {
  readonly budgetTokens: number;
  /**
   * Reserves `tokens` of the task's budget for a call in flight.
   * @returns the tokens granted: `tokens`, fewer when less is left, or 0 when the budget is spent.
   */
  reserve(taskId: string, tokens: number): number;
  /** Returns a reservation (after the call, before recording the actual usage). */
  release(taskId: string, tokens: number): void;
  recordCall(call: LedgerCall): void;
  recordFailure(failure: LedgerFailure): void;
  recordRetry(): void;
  recordFallback(taskId: string, caller: ModelCaller): void;
  recordBudgetRefusal(taskId: string): void;
  /** The task's figures, or undefined when no model was asked and nothing fell back for it. */
  task(taskId: string): TaskModelUsage | undefined;
  snapshot(): LedgerSnapshot;
}

interface Figures {
  calls: number;
  failures: number;
  tokensIn: number;
  tokensOut: number;
  estimated: number;
  /** USD, or null as soon as one call used a model without a configured price. */
  cost: number | null;
}

interface TaskState {
  total: Figures;
  reserved: number;
  fallbacks: number;
  byModel: Map<string, Figures>;
  byCaller: Map<string, Figures>;
}

const emptyFigures = (): Figures => ({ calls: 0, failures: 0, tokensIn: 0, tokensOut: 0, estimated: 0, cost: 0 });

function costOf(usage: ModelUsage, price: ModelPrice | undefined): number | null {
  if (price === undefined) return null;
  return (usage.inputTokens * price.input_per_mtok + usage.outputTokens * price.output_per_mtok) / 1_000_000;
}

function addCall(figures: Figures, usage: ModelUsage, cost: number | null): void {
  figures.calls += 1;
  figures.tokensIn += usage.inputTokens;
  figures.tokensOut += usage.outputTokens;
  if (usage.source === 'estimated') figures.estimated += usage.inputTokens + usage.outputTokens;
  figures.cost = figures.cost === null || cost === null ? null : figures.cost + cost;
}

function toFigures(f: Figures): UsageFigures {
  return {
    calls: f.calls,
    failures: f.failures,
    tokens_in: f.tokensIn,
    tokens_out: f.tokensOut,
    estimated_tokens: f.estimated,
    cost_usd: f.cost === null ? null : Math.round(f.cost * 1_000_000) / 1_000_000,
  };
}

function bucket(map: Map<string, Figures>, key: string): Figures {
  let figures = map.get(key);
  if (figures === undefined) {
    figures = emptyFigures();
    map.set(key, figures);
  }
  return figures;
}

const toRecord = (map: ReadonlyMap<string, Figures>): Record<string, UsageFigures> =>
  Object.fromEntries([...map].map(([k, v]) => [k, toFigures(v)]));

/**
 * Creates the ledger. Token counts come from the provider's `usage` (or are estimates, labelled, for sampling);
 * cost is `tokens × price / 1e6` with the configured USD-per-million prices.
 *
 * @param options.budgetTokens - the per-task budget (input + output tokens).
 * @param options.prices - USD per million tokens, per model name.
 */
export function createModelLedger(options: {
  budgetTokens: number;
  prices?: Readonly<Record<string, ModelPrice>>;
  maxTasks?: number;
}): ModelLedger {
  const prices = options.prices ?? {};
  const tasks = new LRUCache<string, TaskState>({ max: options.maxTasks ?? LEDGER_MAX_TASKS });
  const total = emptyFigures();
  const byModel = new Map<string, Figures>();
  const byCaller = new Map<string, Figures>();
  const counters = { retries: 0, fallbacks: 0, refusals: 0 };
  const taskState = (id: string): TaskState => {
    let state = tasks.get(id);
    if (state === undefined) {
      state = { total: emptyFigures(), reserved: 0, fallbacks: 0, byModel: new Map(), byCaller: new Map() };
      tasks.set(id, state);
    }
    return state;
  };

  /** The six buckets one call counts in: totals, per model and per caller, overall and for its task. */
  const affected = (c: { taskId: string; model: string; caller: string }): Figures[] => {
    const state = taskState(c.taskId);
    return [
      total,
      bucket(byModel, c.model),
      bucket(byCaller, c.caller),
      state.total,
      bucket(state.byModel, c.model),
      bucket(state.byCaller, c.caller),
    ];
  };
  return {
    budgetTokens: options.budgetTokens,
    reserve(taskId, tokens) {
      const state = taskState(taskId);
      const used = state.total.tokensIn + state.total.tokensOut + state.reserved;
      const granted = Math.max(0, Math.min(tokens, options.budgetTokens - used));
      state.reserved += granted;
      return granted;
    },
    release(taskId, tokens) {
      const state = taskState(taskId);
      state.reserved = Math.max(0, state.reserved - tokens);
    },
    recordCall(call) {
      const cost = costOf(call.usage, prices[call.model]);
      for (const figures of affected(call)) addCall(figures, call.usage, cost);
    },
    recordFailure(failure) {
      for (const figures of affected(failure)) figures.failures += 1;
    },
    recordRetry: () => void (counters.retries += 1),
    recordFallback(taskId) {
      counters.fallbacks += 1;
      taskState(taskId).fallbacks += 1;
    },
    recordBudgetRefusal(taskId) {
      counters.refusals += 1;
      taskState(taskId);
    },
    task(taskId) {
      const state = tasks.peek(taskId);
      if (state === undefined) return undefined;
      return {
        task_id: taskId,
        budget_tokens: options.budgetTokens,
        fallbacks: state.fallbacks,
        ...toFigures(state.total),
        by_model: toRecord(state.byModel),
        by_caller: toRecord(state.byCaller),
      };
    },
    snapshot() {
      return {
        ...toFigures(total),
        retries: counters.retries,
        fallbacks: counters.fallbacks,
        budget_refusals: counters.refusals,
        by_model: toRecord(byModel),
        by_caller: toRecord(byCaller),
        tasks_tracked: tasks.size,
      };
    },
  };
}
