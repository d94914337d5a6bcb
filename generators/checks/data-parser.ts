import { LineCounter, isMap, isNode, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import { findJsonErrorOffset } from './json-scanner.js';
import { error, toLineColumn, warning } from './shared.js';

/** A key path into a parsed document (`['jobs', 'build', 'steps', 0]`). */
export type DataPath = ReadonlyArray<string | number>;

/** One parsed JSON/YAML document and a way to find where a path of it is written. */
export interface DataDocument {
  value: unknown;
  /** 1-based position of the deepest node of `path` that exists in the source, if any. */
  locate: (path: DataPath) => { line: number; column: number } | undefined;
}

/** The outcome of parsing: the documents, or `undefined` when the syntax check failed. */
export interface ParsedData {
  check: 'json' | 'yaml';
  diagnostics: Diagnostic[];
  documents: DataDocument[] | undefined;
}

/** Parses with `JSON.parse`; on failure reports where the syntax breaks (found by {@link findJsonErrorOffset}). */
export function parseJsonArtifact(content: string): ParsedData {
  try {
    const value: unknown = JSON.parse(content);
    let located: DataDocument['locate'] | undefined;
    const locate: DataDocument['locate'] = (path) => {
      located ??= parseYamlArtifact(content).documents?.[0]?.locate ?? ((): undefined => undefined);
      return located(path);
    };
    return { check: 'json', diagnostics: [], documents: [{ value, locate }] };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const offset = findJsonErrorOffset(content) ?? /at position (\d+)/.exec(message)?.[1];
    const position = offset === undefined ? {} : toLineColumn(content, Number(offset));
    return { check: 'json', diagnostics: [error('json', message, position)], documents: undefined };
  }
}

/** Parses every document with the `yaml` package (YAML 1.2); its errors fail the check, its warnings do not. */
export function parseYamlArtifact(content: string): ParsedData {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(content, { lineCounter });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    for (const found of doc.errors) diagnostics.push(error('yaml', headline(found.message), yamlExtra(found)));
    for (const found of doc.warnings) diagnostics.push(warning('yaml', headline(found.message), yamlExtra(found)));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { check: 'yaml', diagnostics, documents: undefined };
  const documents = docs.map((doc) => ({
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    locate: (path: DataPath) => locateIn(doc, lineCounter, path),
  }));
  return { check: 'yaml', diagnostics, documents };
}

function headline(message: string): string {
  return message.split(/ at line \d+, column \d+/)[0]?.trim() ?? message;
}

function yamlExtra(found: {
  code: string;
  linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, { line: number; col: number }];
}): Partial<Diagnostic> {
  const start = found.linePos?.[0];
  return start ? { code: found.code, line: start.line, column: start.col } : { code: found.code };
}

function locateIn(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  path: DataPath,
): { line: number; column: number } | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const range = nodeAt(doc, path.slice(0, depth))?.range;
    if (range) {
      const { line, col } = lineCounter.linePos(range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

/** The node a path names; for a mapping entry, its key (so a finding points at `build:`, not at its body). */
function nodeAt(doc: Document.Parsed, path: DataPath): { range?: [number, number, number] | null } | null | undefined {
  if (path.length === 0) return doc.contents;
  const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(last));
    return isNode(pair?.key) ? pair.key : undefined;
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item: unknown = parent.items[last];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}
