import { describe, expect, it } from 'vitest';
import type { OrchestrationResult, OrchestrateOptions, Orchestrator } from '../../src/contracts/run.js';
import { toCancelledError } from '../../src/core/signals.js';
import { connectHttpClient, startHttpApp } from '../support/http.js';

/** A hand-written orchestrator that runs until its signal aborts, and says when it started. */
function createBlockingOrchestrator(): { orchestrator: Orchestrator; started: Promise<void> } {
  let markStarted = (): void => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const orchestrator: Orchestrator = {
    orchestrate(_request, options?: OrchestrateOptions): Promise<OrchestrationResult> {
      markStarted();
      return new Promise((_resolve, reject) => {
        const signal = options?.signal;
        signal?.addEventListener('abort', () => reject(toCancelledError(signal)), { once: true });
      });
    },
    stats: () => ({ started: 0, running: 0, succeeded: 0, partial: 0, failed: 0, cancelled: 0 }),
  };
  return { orchestrator, started };
}

describe('graceful HTTP shutdown', () => {
  it('stops accepting, cancels work still running at the deadline, answers it, and closes every session', async () => {
    const { orchestrator, started } = createBlockingOrchestrator();
    const fixture = await startHttpApp({ http: { shutdown_timeout_ms: 400 }, overrides: { orchestrator } });
    const client = await connectHttpClient(fixture.handle.url);
    const call = client.callTool({ name: 'orchestrate_task', arguments: { task: 'Build a todo API' } });
    await started;
    expect(fixture.handle.stats()).toMatchObject({ sessions: 1, inflight: 1 });
    const closing = fixture.handle.close();
    const result = await call;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ code: 'cancelled' });
    await closing;
    expect(fixture.handle.stats()).toEqual({ sessions: 0, inflight: 0 });
    await expect(fetch(fixture.handle.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    await fixture.close();
  });
});
