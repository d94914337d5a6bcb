import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError } from '../../../src/core/errors.js';
import { createEngineWorker, isEngineWorkerAvailable, type EngineWorker } from '../../../src/workers/engine-client.js';

/** The compiled worker (`npm test` builds before running vitest). */
const WORKER_URL = pathToFileURL(join(import.meta.dirname, '../../../dist/src/workers/engine-worker.js'));

describe('engine worker client (real worker thread running the real checker and fixer)', () => {
  let engines: EngineWorker | undefined;
  afterEach(async () => {
    await engines?.dispose();
    engines = undefined;
  });

  it('finds the compiled worker and not a source one', () => {
    expect(isEngineWorkerAvailable(WORKER_URL)).toBe(true);
    expect(isEngineWorkerAvailable(new URL('./missing-worker.js', WORKER_URL))).toBe(false);
  });

  it('checks artifacts in the worker and returns typed verdicts', async () => {
    engines = createEngineWorker({ url: WORKER_URL });
    const verdicts = await engines.checker.check([
      { path: 'src/ok.ts', language: 'typescript', kind: 'source', content: 'export const answer: number = 42;\n' },
      { path: 'src/bad.ts', language: 'typescript', kind: 'source', content: 'export const n: number = "x";\n' },
    ]);
    expect(verdicts.get('src/ok.ts')?.status).toBe('passed');
    expect(verdicts.get('src/bad.ts')?.status).toBe('failed');
    expect(verdicts.get('src/bad.ts')?.diagnostics[0]).toMatchObject({ source: 'typescript', code: 'TS2322', line: 1 });
  });

  it('fixes code in the worker and rebuilds typed errors on the way back', async () => {
    engines = createEngineWorker({ url: WORKER_URL });
    const fixed = await engines.codeFixer.fix({ code: '{"a": 1,}', language: 'json' });
    expect(fixed.verified).toBe(true);
    await expect(engines.codeFixer.fix({ code: 'x', language: 'cobol' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('rejects at once with CancelledError when the caller aborts, and keeps serving afterwards', async () => {
    engines = createEngineWorker({ url: WORKER_URL });
    const controller = new AbortController();
    const call = engines.codeFixer.fix(
      { code: 'const a = 1;\nconsole.log(b);\n', language: 'typescript' },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(CancelledError);
    const after = await engines.codeFixer.fix({ code: "{'a': 1}", language: 'json' });
    expect(after.verified).toBe(true);
  });

  it('rejects pending calls when disposed', async () => {
    engines = createEngineWorker({ url: WORKER_URL });
    const call = engines.codeFixer.fix({ code: 'const a = 1;\nconsole.log(b);\n', language: 'typescript' });
    const outcome = expect(call).rejects.toBeInstanceOf(CancelledError);
    await engines.dispose();
    await outcome;
  });
});
