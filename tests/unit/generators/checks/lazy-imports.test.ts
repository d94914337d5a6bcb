import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Libraries that must only be loaded on first use (dynamic `import()`), so that server start stays fast. */
const HEAVY = ['typescript', 'eslint', '@eslint/js', 'typescript-eslint', '@readme/openapi-parser', 'dockerfile-utils'];
const DIR = join(import.meta.dirname, '../../../../generators/checks');

describe('generators/checks imports heavy libraries lazily', async () => {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s has no value import of a heavy library', async (file) => {
    const source = await readFile(join(DIR, file), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    expect(staticImports.filter((name) => name !== undefined && HEAVY.includes(name))).toEqual([]);
  });
});
