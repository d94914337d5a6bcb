/**
 * Parses the error text a user pastes (compiler, linter, runtime or JSON parser output) into structured
 * entries the fixer can match against its own diagnostics. Pure: no I/O, no state.
 *
 * Recognised formats (one entry per reported error, in the order they appear):
 * - tsc plain: `file.ts(3,5): error TS2304: Cannot find name 'x'.`
 * - tsc pretty: `file.ts:3:5 - error TS2304: Cannot find name 'x'.` (ANSI colours are stripped)
 * - tsc global: `error TS2318: Cannot find global type 'Array'.`
 * - ESLint stylish: `  3:5  error  'x' is defined but never used  no-unused-vars`
 * - ESLint unix: `file.js:3:5: 'x' is defined but never used. [Error/no-unused-vars]`
 * - ESLint compact: `file.js: line 3, col 5, Error - 'x' is defined but never used. (no-unused-vars)`
 * - Node stack traces: `ReferenceError: foo is not defined` followed by `    at fn (/path/file.js:3:5)`
 *   (or the `file.js:3` header Node prints above a SyntaxError)
 * - JSON.parse: `... in JSON at position 42` and `... (line 3 column 5)`
 * Anything else becomes one entry holding the first non-empty line, so the fixer can still match by text.
 */

/** One error found in the text. `line`/`column` are 1-based; `position` is a 0-based character offset. */
export interface ParsedError {
  message: string;
  /** `TS2304` for tsc, the error class (`ReferenceError`) for Node, the rule id for ESLint. */
  code?: string;
  line?: number;
  column?: number;
  /** ESLint rule id (`no-var`, `@typescript-eslint/no-inferrable-types`). */
  ruleId?: string;
  /** The file the tool named, as written in the text. */
  file?: string;
  /** 0-based offset, from JSON.parse's `at position N`. */
  position?: number;
  /** Which tool's format the entry was read from. */
  format: ErrorFormat;
}

/** The formats {@link parseErrorMessage} reads. `text` is the fallback for anything unrecognised. */
export type ErrorFormat = 'tsc' | 'eslint' | 'node' | 'json' | 'text';

// Build the escape character without a control character in a regex literal (no-control-regex).
const ANSI_PATTERN = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const TSC_PLAIN = /^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\): (?:error|warning) (?<code>TS\d+): (?<msg>.*)$/;
const TSC_PRETTY = /^(?<file>.+?):(?<line>\d+):(?<col>\d+) - (?:error|warning) (?<code>TS\d+): (?<msg>.*)$/;
const TSC_GLOBAL = /^(?:error|warning) (?<code>TS\d+): (?<msg>.*)$/;
const ESLINT_STYLISH =
  /^\s+(?<line>\d+):(?<col>\d+)\s+(?:error|warning)\s+(?<msg>.+?)(?:\s{2,}(?<rule>[@\w][\w@/-]*))?\s*$/;
const ESLINT_UNIX =
  /^(?<file>.+?):(?<line>\d+):(?<col>\d+): (?<msg>.*?)\s*\[(?:Error|Warning)(?:\/(?<rule>[^\]]+))?\]\s*$/;
const ESLINT_COMPACT =
  /^(?<file>.+?): line (?<line>\d+), col (?<col>\d+), (?:Error|Warning) - (?<msg>.*?)(?:\s\((?<rule>[@\w][\w@/-]*)\))?\s*$/;
const NODE_ERROR = /^(?:Uncaught )?(?<name>[A-Z]\w*(?:Error|Exception)): (?<msg>.*)$/;
const NODE_FRAME = /^\s+at (?:.*?\()?(?<file>(?:file:\/\/)?[^()\s]+?):(?<line>\d+):(?<col>\d+)\)?\s*$/;
const NODE_HEADER = /^(?<file>\S+\.(?:[cm]?[jt]sx?|json)):(?<line>\d+)$/;
const JSON_POSITION = /\bat position (?<pos>\d+)/;
const JSON_LINE_COLUMN = /\(line (?<line>\d+) column (?<col>\d+)\)/;
const TS_CODE_ANYWHERE = /\b(?<code>TS\d{4,5})\b/;

type Groups = Record<string, string | undefined>;

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Drops undefined fields so results compare cleanly and serialise without `undefined`. */
function compact(entry: ParsedError): ParsedError {
  const out: ParsedError = { message: entry.message.trim(), format: entry.format };
  if (entry.code !== undefined) out.code = entry.code;
  if (entry.line !== undefined) out.line = entry.line;
  if (entry.column !== undefined) out.column = entry.column;
  if (entry.ruleId !== undefined) out.ruleId = entry.ruleId;
  if (entry.file !== undefined) out.file = entry.file;
  if (entry.position !== undefined) out.position = entry.position;
  return out;
}

function parseTscLine(line: string): ParsedError | undefined {
  const g: Groups | undefined = (TSC_PLAIN.exec(line) ?? TSC_PRETTY.exec(line))?.groups;
  if (g)
    return {
      message: g.msg ?? '',
      code: g.code,
      line: toInt(g.line),
      column: toInt(g.col),
      file: g.file,
      format: 'tsc',
    };
  const global = TSC_GLOBAL.exec(line)?.groups;
  return global ? { message: global.msg ?? '', code: global.code, format: 'tsc' } : undefined;
}

function parseEslintLine(line: string, currentFile: string | undefined): ParsedError | undefined {
  const located: Groups | undefined = (ESLINT_UNIX.exec(line) ?? ESLINT_COMPACT.exec(line))?.groups;
  if (located) return eslintEntry(located, located.file);
  const stylish = ESLINT_STYLISH.exec(line)?.groups;
  return stylish ? eslintEntry(stylish, currentFile) : undefined;
}

function eslintEntry(g: Groups, file: string | undefined): ParsedError {
  const rule = g.rule;
  return {
    message: g.msg ?? '',
    code: rule,
    ruleId: rule,
    line: toInt(g.line),
    column: toInt(g.col),
    file,
    format: 'eslint',
  };
}

/** Parses a Node error starting at `lines[index]`: the message, then the first `at` frame with a location. */
function parseNodeError(lines: readonly string[], index: number): ParsedError | undefined {
  const g = NODE_ERROR.exec(lines[index] ?? '')?.groups;
  if (!g) return undefined;
  const entry: ParsedError = { message: g.msg ?? '', code: g.name, format: 'node' };
  const header = index > 0 ? findNodeHeader(lines, index) : undefined;
  if (header) Object.assign(entry, header);
  for (let i = index + 1; i < lines.length && !header; i++) {
    const frame = NODE_FRAME.exec(lines[i] ?? '')?.groups;
    if (!frame) continue;
    if (frame.file?.startsWith('node:')) continue;
    Object.assign(entry, {
      file: frame.file?.replace(/^file:\/\//, ''),
      line: toInt(frame.line),
      column: toInt(frame.col),
    });
    break;
  }
  return entry;
}

/** Node prints `file.js:3`, the source line and a caret above a SyntaxError; the caret gives the column. */
function findNodeHeader(lines: readonly string[], index: number): Partial<ParsedError> | undefined {
  for (let i = index - 1; i >= 0 && i >= index - 4; i--) {
    const g = NODE_HEADER.exec(lines[i] ?? '')?.groups;
    if (!g) continue;
    const caretLine = lines.slice(i + 1, index).find((l) => /^\s*\^+\s*$/.test(l));
    const file = g.file?.replace(/^file:\/\//, '');
    return caretLine === undefined
      ? { file, line: toInt(g.line) }
      : { file, line: toInt(g.line), column: caretLine.indexOf('^') + 1 };
  }
  return undefined;
}

function parseJsonMessage(line: string): ParsedError | undefined {
  if (!/\bJSON\b/.test(line)) return undefined;
  const pos = JSON_POSITION.exec(line)?.groups?.pos;
  const lc = JSON_LINE_COLUMN.exec(line)?.groups;
  if (pos === undefined && !lc) return undefined;
  const message = line.replace(/^(?:Uncaught )?SyntaxError: /, '');
  const entry: ParsedError = { message, code: 'SyntaxError', format: 'json' };
  if (pos !== undefined) entry.position = Number.parseInt(pos, 10);
  if (lc) Object.assign(entry, { line: toInt(lc.line), column: toInt(lc.col) });
  return entry;
}

/** A line naming a file on its own, as ESLint's stylish formatter prints before each file's findings. */
function isFileHeader(line: string): boolean {
  return /^\S.*\.(?:[cm]?[jt]sx?|json|vue|svelte)$/.test(line.trim()) && !line.includes(' - ');
}

/**
 * Parses error text into one entry per reported error.
 *
 * @param text - raw output of tsc, ESLint, Node or JSON.parse; may hold several errors and ANSI colours.
 * @returns the entries in order; `[]` for blank text. Unrecognised text yields one entry with its first line.
 */
export function parseErrorMessage(text: string): ParsedError[] {
  const lines = text.replace(ANSI_PATTERN, '').replace(/\r\n?/g, '\n').split('\n');
  const out: ParsedError[] = [];
  let currentFile: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const entry =
      parseTscLine(line) ?? parseJsonMessage(line) ?? parseNodeError(lines, i) ?? parseEslintLine(line, currentFile);
    if (entry) {
      out.push(compact(entry));
      continue;
    }
    if (isFileHeader(line)) currentFile = line.trim();
  }
  if (out.length > 0) return out;
  return fallbackEntry(lines);
}

function fallbackEntry(lines: readonly string[]): ParsedError[] {
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return [];
  const code = TS_CODE_ANYWHERE.exec(first)?.groups?.code;
  return [compact(code === undefined ? { message: first, format: 'text' } : { message: first, code, format: 'text' })];
}
