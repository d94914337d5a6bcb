import { describe, expect, it } from 'vitest';
import { parseJsonArtifact, parseYamlArtifact } from '../../../../generators/checks/data-parser.js';
import { findJsonErrorOffset } from '../../../../generators/checks/json-scanner.js';

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, -2.5e3, "x\\u00e9", true, false, null, {}]', undefined],
    ['  "text"  ', undefined],
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['{"a": 1', 7],
    ['', 0],
    ['{"a": "x\ny"}', 8],
    ['{"a": 1} x', 9],
    ["{'a': 1}", 1],
    ['[01]', 2],
    ['nul', 3],
  ])('%j → %s', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    expect(parses).toBe(offset === undefined);
  });
});

describe('parseJsonArtifact', () => {
  it('returns the value and locates a key path in the source', () => {
    const parsed = parseJsonArtifact('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    expect(parsed.diagnostics).toEqual([]);
    const [doc] = parsed.documents ?? [];
    expect(doc?.value).toEqual({ a: { b: [1, 2] } });
    expect(doc?.locate(['a', 'b'])).toEqual({ line: 3, column: 5 });
    expect(doc?.locate(['a', 'missing', 'deeper'])).toEqual({ line: 2, column: 3 });
  });

  it('reports a syntax error with its line and column', () => {
    const parsed = parseJsonArtifact('{\n  "a": 1,\n  "b": tru\n}');
    expect(parsed.documents).toBeUndefined();
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ source: 'json', severity: 'error', line: 3, column: 11 }),
    ]);
  });
});

describe('parseYamlArtifact', () => {
  it.each([
    ['a: 1\nb: [1, 2\nc: 3\n', 'BAD_INDENT', 3],
    ['x: 1\nx: 2\n', 'DUPLICATE_KEY', 2],
    ['a:\n\tb: 1\n', 'TAB_AS_INDENT', 2],
  ])('fails %j with code %s on line %i', (content, code, line) => {
    const parsed = parseYamlArtifact(content);
    expect(parsed.documents).toBeUndefined();
    expect(parsed.diagnostics[0]).toMatchObject({ source: 'yaml', severity: 'error', code, line });
    expect(parsed.diagnostics[0]?.message).not.toMatch(/at line/);
  });

  it('keeps warnings without failing and parses every document', () => {
    const parsed = parseYamlArtifact('a: !!unknown x\n---\nb: 2\n');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 1 })]);
    expect(parsed.documents?.map((d) => d.value)).toEqual([{ a: 'x' }, { b: 2 }]);
  });

  it('locates a mapping entry at its key and a list item at the item', () => {
    const [doc] = parseYamlArtifact('jobs:\n  build:\n    steps:\n      - run: x\n').documents ?? [];
    expect(doc?.locate(['jobs', 'build'])).toEqual({ line: 2, column: 3 });
    expect(doc?.locate(['jobs', 'build', 'steps', 0])).toEqual({ line: 4, column: 9 });
    expect(doc?.locate([])).toEqual({ line: 1, column: 1 });
  });
});
