import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Artifact } from '../../../src/contracts/artifact.js';
import { CancelledError, InvalidInputError, WorkspaceEscapeError } from '../../../src/core/errors.js';
import { createWorkspaceWriter } from '../../../src/store/workspace-writer.js';

const text = (path: string, content = 'hello'): Artifact => ({ path, language: 'text', kind: 'doc', content });

describe('createWorkspaceWriter', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'workspace-writer-test-'));
    root = join(base, 'root');
    outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('creates the root and parent directories and writes UTF-8 with its byte length', async () => {
    const writer = createWorkspaceWriter(root);
    const written = await writer.write(text('src/deep/nested/file.ts', 'const café = "☕";\n'));
    expect(writer.root).toBe(root);
    expect(written).toEqual({
      path: 'src/deep/nested/file.ts',
      absolutePath: join(root, 'src', 'deep', 'nested', 'file.ts'),
      sizeBytes: Buffer.byteLength('const café = "☕";\n', 'utf8'),
    });
    expect(written.sizeBytes).toBeGreaterThan('const café = "☕";\n'.length);
    expect(await readFile(written.absolutePath, 'utf8')).toBe('const café = "☕";\n');
  });

  it('normalizes "./" and repeated separators, and overwrites an existing file', async () => {
    const writer = createWorkspaceWriter(root);
    await writer.write(text('a/b.txt', 'first'));
    const written = await writer.write(text('./a//b.txt', 'second'));
    expect(written.path).toBe('a/b.txt');
    expect(await readFile(join(root, 'a', 'b.txt'), 'utf8')).toBe('second');
  });

  it.each([
    ['/etc/passwd'],
    ['\\windows\\system32'],
    ['C:\\temp\\x.txt'],
    ['../escape.txt'],
    ['src/../../escape.txt'],
    ['src\\..\\..\\escape.txt'],
    ['bad\0name.txt'],
  ])('refuses %j with WorkspaceEscapeError', async (path) => {
    await expect(createWorkspaceWriter(root).write(text(path))).rejects.toBeInstanceOf(WorkspaceEscapeError);
  });

  it.each([[''], ['   '], ['./']])('refuses the empty path %j', async (path) => {
    await expect(createWorkspaceWriter(root).write(text(path))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('refuses to write through a directory symlink that points outside the root', async () => {
    await mkdir(root, { recursive: true });
    await symlink(outside, join(root, 'link'), 'dir');
    const writer = createWorkspaceWriter(root);
    await expect(writer.write(text('link/pwned.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await expect(writer.write(text('link/new/dir/pwned.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await expect(readFile(join(outside, 'pwned.txt'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write through a file symlink that points outside, even a dangling one', async () => {
    await mkdir(root, { recursive: true });
    await writeFile(join(outside, 'target.txt'), 'original');
    await symlink(join(outside, 'target.txt'), join(root, 'file-link.txt'));
    await symlink(join(outside, 'missing.txt'), join(root, 'dangling.txt'));
    const writer = createWorkspaceWriter(root);
    await expect(writer.write(text('file-link.txt', 'changed'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await expect(writer.write(text('dangling.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    expect(await readFile(join(outside, 'target.txt'), 'utf8')).toBe('original');
  });

  it('refuses a dangling directory symlink on the way with WorkspaceEscapeError, not a raw ENOENT', async () => {
    await mkdir(root, { recursive: true });
    await symlink(join(outside, 'not-yet'), join(root, 'gone'), 'dir');
    const writer = createWorkspaceWriter(root);
    await expect(writer.write(text('gone/file.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await expect(writer.write(text('gone/deeper/file.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await mkdir(join(root, 'real'), { recursive: true });
    await symlink(join(root, 'real'), join(root, 'alias'), 'dir');
    await symlink(join(outside, 'not-yet'), join(root, 'real', 'gone'), 'dir');
    await expect(writer.write(text('alias/gone/file.txt'))).rejects.toBeInstanceOf(WorkspaceEscapeError);
    await expect(readFile(join(outside, 'not-yet', 'file.txt'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('allows a symlink that stays inside the root', async () => {
    await mkdir(join(root, 'real'), { recursive: true });
    await symlink(join(root, 'real'), join(root, 'alias'), 'dir');
    const written = await createWorkspaceWriter(root).write(text('alias/ok.txt', 'fine'));
    expect(written.path).toBe('alias/ok.txt');
    expect(await readFile(join(root, 'real', 'ok.txt'), 'utf8')).toBe('fine');
  });

  it('works when the root itself is reached through a symlink', async () => {
    await mkdir(root, { recursive: true });
    await symlink(root, join(base, 'root-link'), 'dir');
    const written = await createWorkspaceWriter(join(base, 'root-link')).write(text('x.txt'));
    expect(await readFile(join(root, 'x.txt'), 'utf8')).toBe('hello');
    expect(written.absolutePath).toBe(join(base, 'root-link', 'x.txt'));
  });

  it('throws CancelledError and writes nothing when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createWorkspaceWriter(root).write(text('x.txt'), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    await expect(readFile(join(root, 'x.txt'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
