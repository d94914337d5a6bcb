import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import type { Artifact } from '../../../../src/contracts/artifact.js';

const run = promisify(execFile);

/** A folder holding the artifacts transpiled to ESM JavaScript (`.ts`/`.tsx` → `.js`), removed by `dispose`. */
export interface TranspiledWorkspace {
  root: string;
  dispose: () => Promise<void>;
}

/** Transpiles every TS/TSX artifact with the real compiler into a fresh temporary folder (`"type": "module"`). */
export async function transpileToTemp(artifacts: readonly Artifact[]): Promise<TranspiledWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'agents-generated-'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const artifact of artifacts) {
    if (artifact.language !== 'typescript' && artifact.language !== 'tsx') continue;
    const output = ts.transpileModule(artifact.content, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX },
      fileName: artifact.path,
    });
    const target = join(root, artifact.path.replace(/\.tsx?$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
  }
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Runs `node --test` on the given files (relative to `root`); resolves with the exit code and the TAP output. */
export async function runNodeTests(root: string, files: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--test', '--test-reporter=tap', ...files], {
      cwd: root,
      timeout: 60_000,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failure.code === 'number' ? failure.code : 1,
      output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    };
  }
}
