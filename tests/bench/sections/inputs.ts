import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `orchestrate_task` / planner input, as in examples/inputs/feature-request.json. */
export interface FeatureRequest {
  task: string;
  context?: string;
  constraints?: string[];
}

/**
 * One code-fix case of tests/fixtures/code-fix/cases.json, with its file's content read. `file` is relative to
 * cases.json's folder; `file_name` is the name passed to the tool (defaults to `file`'s base name).
 */
export interface FixCase {
  file: string;
  file_name: string;
  language: string;
  error_message: string;
  expect_verified: boolean;
  code: string;
}

/**
 * Reads and parses a JSON file.
 *
 * @throws Error naming the file when it is missing or not JSON.
 */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read ${path} (missing?)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Reads a JSON object (tool arguments). @throws Error when the file is missing or not an object. */
export function readArgs(path: string): Record<string, unknown> {
  const value = readJson(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path}: expected a JSON object`);
  return value as Record<string, unknown>;
}

/** Reads the feature request. @throws Error when `task` is not a string. */
export function readFeatureRequest(path: string): FeatureRequest {
  const args = readArgs(path);
  if (typeof args.task !== 'string') throw new Error(`${path}: "task" must be a string`);
  return args as unknown as FeatureRequest;
}

/** The arguments `auto_fix_code` gets for a case. */
export function toFixArgs(c: FixCase): Record<string, unknown> {
  return { code: c.code, error_message: c.error_message, language: c.language, file_name: c.file_name };
}

/**
 * Reads the fix cases (`{ cases: [...] }` or a bare array) and each case's file (relative to cases.json's folder).
 *
 * @throws Error when the list or a file is missing or a case lacks a field.
 */
export function readFixCases(casesPath: string): FixCase[] {
  const parsed = readJson(casesPath);
  const list = Array.isArray(parsed) ? parsed : (parsed as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${casesPath}: expected a non-empty list of cases`);
  return list.map((raw: unknown, i) => {
    const c = raw as Partial<FixCase>;
    if (typeof c.file !== 'string' || typeof c.language !== 'string' || typeof c.error_message !== 'string') {
      throw new Error(`${casesPath}[${i}]: needs string file, language and error_message`);
    }
    const codePath = join(dirname(casesPath), c.file);
    let code: string;
    try {
      code = readFileSync(codePath, 'utf8');
    } catch {
      throw new Error(`${casesPath}[${i}]: cannot read ${codePath}`);
    }
    const fileName = typeof c.file_name === 'string' ? c.file_name : basename(c.file).replace(/\.txt$/, '');
    return {
      file: c.file,
      file_name: fileName,
      language: c.language,
      error_message: c.error_message,
      expect_verified: c.expect_verified === true,
      code,
    };
  });
}
