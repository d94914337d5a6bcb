import {
  createBackendAgent,
  createDevopsAgent,
  createFrontendAgent,
  createQualityAgent,
} from '../../../../agents/index.js';
import type { AgentOutput } from '../../../../src/contracts/agent.js';
import type { Artifact } from '../../../../src/contracts/artifact.js';
import type { RequestAnalysis } from '../../../../src/contracts/plan.js';
import { FakeChecker } from './fake-checker.js';
import { FULL_STACK_REQUEST, fullStackAnalysis, runInput } from './fixtures.js';

/** The outputs of the four agents run in plan order (backend → frontend, devops → quality). */
export interface PipelineResult {
  backend: AgentOutput;
  frontend: AgentOutput;
  devops: AgentOutput;
  quality: AgentOutput;
  checker: FakeChecker;
  /** Every artifact produced, in order. */
  all: Artifact[];
}

/** Runs all four agents over `analysis`, each getting the artifacts of the ones before it. */
export async function runPipeline(
  analysis: RequestAnalysis = fullStackAnalysis(),
  request = FULL_STACK_REQUEST,
): Promise<PipelineResult> {
  const backend = await createBackendAgent().run(runInput('backend', analysis, [], request));
  const frontend = await createFrontendAgent().run(runInput('frontend', analysis, backend.artifacts, request));
  const devops = await createDevopsAgent().run(runInput('devops', analysis, backend.artifacts, request));
  const inputs = [...backend.artifacts, ...frontend.artifacts, ...devops.artifacts];
  const checker = new FakeChecker();
  const quality = await createQualityAgent({ checker }).run(runInput('quality', analysis, inputs, request));
  return { backend, frontend, devops, quality, checker, all: [...inputs, ...quality.artifacts] };
}
