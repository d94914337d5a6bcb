import type { Plan, PlanRequest, Planner, RejectedInstruction } from '../contracts/plan.js';
import { PlanSchema } from '../contracts/plan.js';
import { InvalidInputError, PlanValidationError } from '../core/errors.js';
import { throwIfAborted } from '../core/signals.js';
import { readRequest, type RequestReading } from './analyze-request.js';
import { validatePlan } from './dag.js';
import { CREATE_INTENT } from './keywords.js';
import { buildSubtasks, type PlanPaths } from './plan-subtasks.js';
import { normalizeForMatch, screenRequest } from './safety.js';

/** Longest accepted task, in characters after trimming (the contract's `PlanRequest.task` bound). */
export const MAX_TASK_CHARS = 20_000;

/** A request after the safety screen: the text agents and the analysis may see, and what was refused or flagged. */
export interface ScreenedRequest {
  /** Accepted task instructions, in request order. */
  taskInstructions: string[];
  /** Accepted task instructions, then `Context:` and `Constraints:` sections with their accepted parts. */
  text: string;
  rejected: RejectedInstruction[];
  warnings: RejectedInstruction[];
}

/**
 * Screens task, context and every constraint with the safety rules (see `safety.ts`) and composes the text that
 * feeds the analysis and the agents. Pure and deterministic.
 */
export function screenPlanRequest(request: PlanRequest): ScreenedRequest {
  const task = screenRequest(request.task);
  const context = screenRequest(request.context ?? '');
  const constraints = (request.constraints ?? []).map((c) => screenRequest(c));
  const sections = [task.accepted.join('\n')];
  if (context.accepted.length > 0) sections.push(`Context: ${context.accepted.join(' ')}`);
  const kept = constraints.map((c) => c.accepted.join(' ')).filter((c) => c.length > 0);
  if (kept.length > 0) sections.push(`Constraints:\n${kept.map((c) => `- ${c}`).join('\n')}`);
  const all = [task, context, ...constraints];
  return {
    taskInstructions: task.accepted,
    text: sections.join('\n'),
    rejected: all.flatMap((r) => r.rejected),
    warnings: all.flatMap((r) => r.warnings),
  };
}

function checkTask(request: PlanRequest): void {
  const task = typeof request.task === 'string' ? request.task.trim() : '';
  if (task.length === 0) {
    throw new InvalidInputError('The task is empty.', {
      hint: 'Describe what to build, e.g. "Add a REST API and a React page to manage tasks, with tests and a CI pipeline".',
    });
  }
  if (task.length > MAX_TASK_CHARS) {
    throw new InvalidInputError(`The task is ${task.length} characters long; the limit is ${MAX_TASK_CHARS}.`, {
      hint: 'Shorten the task: keep the requirements and move background material out of it.',
      data: { length: task.length, maxChars: MAX_TASK_CHARS },
    });
  }
}

/**
 * Chooses the agent paths: frontend for UI or styling; backend for an API or stored data; devops for deployment;
 * a styling request without creation words ("build", "add", ...) is a styling fix; nothing recognised → backend (the default path, said in its description).
 */
export function choosePaths(reading: RequestReading, text: string): PlanPaths {
  const { concepts } = reading;
  const backend = concepts.api || concepts.data;
  const frontend = concepts.ui || concepts.styling;
  const devops = concepts.deploy;
  const fallback = !backend && !frontend && !devops;
  return {
    backend: backend || fallback,
    frontend,
    devops,
    stylingOnly: concepts.styling && !backend && !devops && !CREATE_INTENT.test(normalizeForMatch(text)),
    fallback,
  };
}

function toPlan(screened: ScreenedRequest): Plan {
  const reading = readRequest(screened.text);
  const plan: Plan = {
    subtasks: buildSubtasks(reading.analysis, choosePaths(reading, screened.text)),
    rejected_instructions: screened.rejected,
    ...(screened.warnings.length > 0 ? { warnings: screened.warnings } : {}),
    analysis: reading.analysis,
  };
  validatePlan(plan);
  const parsed = PlanSchema.safeParse(plan);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new PlanValidationError(`The rule planner built an invalid plan: ${issues.join('; ')}`, { issues });
  }
  return plan;
}

/**
 * The deterministic rule planner: same request, same plan. It screens the request (rejected instructions are
 * never planned), reads entities/features/stack/deployment, and builds a DAG with the forced orders (API contract
 * before the UI that consumes it, code before its deployment, quality last and depending on everything).
 *
 * @throws InvalidInputError for an empty or whitespace task, a task over {@link MAX_TASK_CHARS} characters, or a
 *   task whose every instruction was rejected (the message names the rules).
 * @throws CancelledError when `signal` is aborted.
 */
export function createRulePlanner(): Planner {
  return {
    plan(request: PlanRequest, options: { signal?: AbortSignal } = {}): Promise<Plan> {
      // The executor callback runs synchronously; a throw inside it becomes the rejection.
      return new Promise<Plan>((resolve) => resolve(planSync(request, options.signal)));
    },
  };
}

function planSync(request: PlanRequest, signal: AbortSignal | undefined): Plan {
  throwIfAborted(signal);
  checkTask(request);
  const screened = screenPlanRequest(request);
  if (screened.taskInstructions.length === 0) {
    const rules = [...new Set(screened.rejected.map((r) => r.rule))];
    throw new InvalidInputError(
      `Every instruction of the task was rejected by the safety rules (${rules.join(', ')}).`,
      {
        hint: 'Remove destructive or injected instructions and describe the software to build.',
        data: { rejected: screened.rejected },
      },
    );
  }
  return toPlan(screened);
}
