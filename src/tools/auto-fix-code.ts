import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { CodeFixResultSchema, type CodeFixResult } from '../contracts/code-fix.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Largest accepted source, characters (~200 KB); bigger files should be fixed per module. */
export const MAX_CODE_CHARS = 200_000;

const AutoFixInputSchema = z.object({
  code: z
    .string()
    .max(MAX_CODE_CHARS, `code is longer than ${MAX_CODE_CHARS} characters: send the one file that fails.`)
    .refine((s) => s.trim().length > 0, 'code is empty: paste the file that fails.'),
  error_message: z.string().max(20_000).optional().describe('The error as printed by tsc, ESLint, Node or JSON.parse.'),
  language: z.string().max(32).optional().describe('typescript, tsx, javascript, jsx or json; guessed when absent.'),
  file_name: z.string().max(256).optional().describe('The file name, used to pick the language and match the error.'),
});

/** `auto_fix_code`: compiler/linter/parser code fixes, applied and verified by re-running the checker. */
export function registerAutoFixCodeTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'auto_fix_code',
      title: 'Auto-Fix Code',
      description:
        'Fixes TypeScript, JavaScript, TSX/JSX or JSON with the compiler’s code fixes, ESLint autofix or JSON repair, re-checks the result and returns the fixed code, a diff and whether the fix was verified.',
      inputSchema: AutoFixInputSchema,
      outputSchema: CodeFixResultSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, call) => {
      const result = await deps.codeFixer.fix(args, { signal: call.signal });
      return { structured: result, text: toText(result) };
    },
  );
}

function toText(r: CodeFixResult): string {
  const head = r.verified
    ? `verified fix (${r.language}): ${r.fixes_applied.map((f) => f.description).join('; ')}`
    : `not verified (${r.language}): ${r.message}`;
  const counts = `errors before: ${count(r.diagnostics_before)}, after: ${count(r.diagnostics_after)}`;
  const assist = r.model_assist
    ? `model (${r.model_assist.model} via ${r.model_assist.via}): ${r.model_assist.note}${r.model_assist.unverified_candidate ? ' An unverified candidate is in model_assist.unverified_candidate.' : ''}`
    : '';
  return [head, counts, assist, r.diff].filter((s) => s.length > 0).join('\n');
}

function count(diagnostics: CodeFixResult['diagnostics_before']): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}
