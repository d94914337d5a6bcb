import { mkdir, mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, WorkspaceEscapeError } from '../../src/core/errors.js';
import { createWorkspaceWriter } from '../../src/store/workspace-writer.js';
import { readFuzzProfile } from './profile.js';

const profile = readFuzzProfile();

/** Path segments chosen to attack confinement: parents, absolute starts, drive letters, links, odd characters. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'src', 'x.ts') },
  { weight: 3, arbitrary: fc.constantFrom('..', '.', '', '...', '..\\..', '%2e%2e', 'C:', '\\\\server', '~') },
  { weight: 2, arbitrary: fc.constantFrom('link-out', 'link-in', 'link-out-file', 'dangling') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).filter((s) => !s.includes('\0') || s.length > 0) },
);
const artifactPath = fc
  .tuple(fc.constantFrom('', '/', '\\'), fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('/', '\\'))
  .map(([lead, parts, sepChar]) => lead + parts.join(sepChar));

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('workspace confinement under generated paths (traversal, absolute, symlink escapes)', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'moc-confine-'));
    root = join(base, 'root');
    outside = join(base, 'outside');
    await mkdir(join(root, 'inside'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await symlink(outside, join(root, 'link-out'));
    await symlink(join(root, 'inside'), join(root, 'link-in'));
    await symlink(join(outside, 'target.txt'), join(root, 'link-out-file'));
    await symlink(join(base, 'nowhere', 'file'), join(root, 'dangling'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes inside the root or refuses with WorkspaceEscapeError / InvalidInputError; never outside', async () => {
    const writer = createWorkspaceWriter(root);
    const realRoot = await realpath(root);
    let written = 0;
    await fc.assert(
      fc.asyncProperty(artifactPath, async (path) => {
        try {
          const result = await writer.write({ path, language: 'text', kind: 'doc', content: 'x' });
          written += 1;
          const rel = relative(realRoot, await realpath(result.absolutePath));
          expect(rel.startsWith(`..${sep}`) || rel === '..').toBe(false);
        } catch (error) {
          if (!(error instanceof WorkspaceEscapeError || error instanceof InvalidInputError)) {
            expect((error as NodeJS.ErrnoException).code, `${path}: ${String(error)}`).toMatch(
              /^E(NOTDIR|EXIST|ISDIR|NAMETOOLONG|LOOP|INVAL)$/,
            );
          }
        }
      }),
      { numRuns: profile.lightToolRuns * 10, seed: profile.seed },
    );
    expect(await listFiles(outside)).toEqual([]);
    const strays = (await listFiles(base)).filter((file) => !file.startsWith(root + sep));
    expect(strays).toEqual([]);
    expect(written).toBeGreaterThan(0);
  });
});
