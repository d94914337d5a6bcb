import { isRecord } from './shared.js';

type Path = Array<string | number>;

/**
 * Finds which part of an OpenAPI document a validation message is about. `@readme/openapi-parser` prints a
 * code frame of `JSON.stringify(dereferenced, null, 2)` with a `>` on the offending line; this lays out the
 * same text, checks that line matches the frame (else gives up: a wrong place is worse than none) and walks
 * the value to the key path printed on that line. The path may run into an inlined `$ref` target; the caller
 * places it at the deepest part that exists in the source.
 */
export function toFramePath(message: string, dereferenced: unknown): Path | undefined {
  const match = /^>\s*(\d+)\s\|\s?(.*)$/m.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  let printed: string | undefined;
  try {
    printed = JSON.stringify(dereferenced, null, 2).split('\n')[line - 1];
  } catch {
    return undefined;
  }
  if (printed === undefined || printed.trimEnd() !== (match[2] ?? '').trimEnd()) return undefined;
  return pathAtLine(dereferenced, line, 1, []);
}

/** The entries JSON.stringify prints for a container (it drops `undefined` and functions in objects). */
function children(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item, index): [number, unknown] => [index, item]);
  if (!isRecord(value)) return [];
  return Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
}

function lineCount(value: unknown): number {
  const entries = children(value);
  return entries.length === 0 ? 1 : 2 + entries.reduce((sum, [, item]) => sum + lineCount(item), 0);
}

function pathAtLine(value: unknown, target: number, start: number, path: Path): Path {
  let line = start + 1;
  for (const [key, item] of children(value)) {
    const size = lineCount(item);
    if (target < line + size) return target === line ? [...path, key] : pathAtLine(item, target, line, [...path, key]);
    line += size;
  }
  return path;
}
