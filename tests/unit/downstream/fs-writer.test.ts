import { mkdir, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Artifact } from '../../../src/contracts/artifact.js';
import { WorkspaceEscapeError } from '../../../src/core/errors.js';
import { createRunWriter, parseAllowedDirectories } from '../../../src/downstream/fs-writer.js';
import { createWorkspaceWriter } from '../../../src/store/workspace-writer.js';
import { createFakePool, fakeFilesystem } from './fake-pool.js';

const artifact = (path: string, content = 'export const x = 1;\n'): Artifact => ({
  path,
  language: 'typescript',
  kind: 'source',
  content,
});

describe('run writer through a filesystem server', () => {
  let dir: string;
  let fsRoot: string;
  let runRoot: string;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'moc-fsw-')));
    fsRoot = join(dir, 'fs');
    runRoot = join(dir, 'local', 'run-1');
    await mkdir(fsRoot);
    await mkdir(runRoot, { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const build = (pool: ReturnType<typeof createFakePool>, root = runRoot) =>
    createRunWriter({ pool, runRoot: root, fallback: createWorkspaceWriter(root) });

  it('writes into <allowed root>/<run folder>, reads each file back, and reports what it wrote', async () => {
    const pool = createFakePool({ fs: fakeFilesystem(fsRoot) });
    const writer = await build(pool);
    expect(writer.root).toBe(join(fsRoot, 'run-1'));
    const written = await writer.write(artifact('src/api/app.ts'), { agent: 'backend' });
    expect(written).toEqual({
      path: 'src/api/app.ts',
      absolutePath: join(fsRoot, 'run-1', 'src', 'api', 'app.ts'),
      sizeBytes: 20,
    });
    expect(await readFile(written.absolutePath, 'utf8')).toBe('export const x = 1;\n');
    expect(pool.calls.filter((c) => c.principal === 'backend').map((c) => c.tool)).toEqual([
      'create_directory',
      'write_file',
      'read_text_file',
    ]);
    expect(await readdir(runRoot)).toEqual([]);
  });

  it('uses the run folder itself when it lies inside an allowed directory', async () => {
    const inside = join(fsRoot, 'ws', 'run-2');
    await mkdir(inside, { recursive: true });
    const writer = await build(createFakePool({ fs: fakeFilesystem(fsRoot) }), inside);
    expect(writer.root).toBe(inside);
  });

  it('writes locally for an agent the server does not allow', async () => {
    const pool = createFakePool({ fs: fakeFilesystem(fsRoot, ['backend', 'orchestrator']) });
    const writer = await build(pool);
    const local = await writer.write(artifact('ui/App.tsx'), { agent: 'frontend' });
    expect(local.absolutePath).toBe(join(runRoot, 'ui', 'App.tsx'));
    expect(pool.calls.some((c) => c.principal === 'frontend')).toBe(false);
    const remote = await writer.write(artifact('api/app.ts'), { agent: 'backend' });
    expect(remote.absolutePath.startsWith(fsRoot)).toBe(true);
  });

  it('falls back to the local workspace when the server refuses a write', async () => {
    const server = fakeFilesystem(fsRoot);
    server.tools.write_file = () => Promise.resolve({ error: 'Access denied' });
    const writer = await build(createFakePool({ fs: server }));
    const written = await writer.write(artifact('a.ts'), { agent: 'backend' });
    expect(written.absolutePath).toBe(join(runRoot, 'a.ts'));
  });

  it.each(['../escape.ts', '/etc/passwd', 'a/../../b.ts'])('refuses the escaping path %s', async (path) => {
    const writer = await build(createFakePool({ fs: fakeFilesystem(fsRoot) }));
    await expect(writer.write(artifact(path))).rejects.toBeInstanceOf(WorkspaceEscapeError);
  });

  it('propagates a cancellation instead of falling back', async () => {
    const server = fakeFilesystem(fsRoot);
    const controller = new AbortController();
    server.tools.write_file = () => {
      controller.abort();
      return Promise.reject(new Error('aborted'));
    };
    const writer = await build(createFakePool({ fs: server }));
    await expect(writer.write(artifact('a.ts'), { signal: controller.signal })).rejects.toThrow();
    expect(await readdir(runRoot)).toEqual([]);
  });

  it('is the local writer when no server offers the filesystem tools', async () => {
    const pool = createFakePool({ other: { tools: { echo: () => Promise.resolve('x') } } });
    const writer = await build(pool);
    expect(writer.root).toBe(runRoot);
  });

  it.each([
    ['Allowed directories:\n/a\n/b/c', ['/a', '/b/c']],
    ['Allowed directories:\n', []],
    ['C:\\work', ['C:\\work']],
  ])('parses list_allowed_directories text %j', (text, dirs) => expect(parseAllowedDirectories(text)).toEqual(dirs));
});
