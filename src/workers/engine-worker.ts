/**
 * Worker-thread entry hosting the CPU-heavy engines (the artifact checker and the code fixer: TypeScript
 * programs, ESLint). Running them here keeps the server's event loop free, so `ping`, status and other sessions
 * answer while a check runs. Requests are handled one at a time per engine call; `abort` cancels by id.
 */
import { parentPort } from 'node:worker_threads';
import { createArtifactChecker } from '../../generators/checks/index.js';
import { createCodeFixer } from '../../generators/code-fix/index.js';
import { toSerializedError, type EngineReply, type EngineRequest, type EngineWork } from './engine-protocol.js';

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');

const checker = createArtifactChecker();
const fixer = createCodeFixer();
const running = new Map<number, AbortController>();

port.on('message', (message: EngineRequest) => {
  if (message.op === 'abort') {
    running.get(message.id)?.abort(new Error('aborted by the caller'));
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  void handle(message, controller.signal)
    .then((reply) => port.postMessage(reply))
    .catch((error: unknown) =>
      port.postMessage({ id: message.id, ok: false, error: toSerializedError(error) } satisfies EngineReply),
    )
    .finally(() => running.delete(message.id));
});

async function handle(message: EngineWork & { id: number }, signal: AbortSignal): Promise<EngineReply> {
  if (message.op === 'check') {
    return { id: message.id, ok: true, op: 'check', verdicts: await checker.check(message.artifacts, { signal }) };
  }
  return { id: message.id, ok: true, op: 'fix', result: await fixer.fix(message.request, { signal }) };
}
