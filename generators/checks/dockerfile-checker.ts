import type { Diagnostic } from '../../src/contracts/artifact.js';
import { createLazy, error, warning } from './shared.js';

/** Checks a Dockerfile with `dockerfile-utils` plus the image rules it lacks. */
export interface DockerfileChecker {
  check(content: string): Promise<Diagnostic[]>;
}

/** One logical instruction: keyword upper-cased, arguments with continuations joined, 1-based start line. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** LSP severities used by dockerfile-utils: 1 error, 2 warning, 3 information, 4 hint. */
const LSP_ERROR = 1;

/** Creates the checker; `dockerfile-utils` is imported on first use. */
export function createDockerfileChecker(): DockerfileChecker {
  const load = createLazy(() => import('dockerfile-utils'));
  return {
    async check(content) {
      const utils = await load();
      const found = utils.validate(content).map((d): Diagnostic => {
        const extra: Partial<Diagnostic> = { line: d.range.start.line + 1, column: d.range.start.character + 1 };
        const name = typeof d.code === 'number' ? utils.ValidationCode[d.code] : undefined;
        if (name !== undefined) extra.code = name;
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        return d.severity === LSP_ERROR ? error('dockerfile', message, extra) : warning('dockerfile', message, extra);
      });
      return [...found, ...checkImageRules(parseInstructions(content))];
    },
  };
}

/**
 * Splits a Dockerfile into instructions: skips comments and blank lines, joins lines continued with the
 * escape character (`\` or the `# escape=` directive's), and skips heredoc bodies (`RUN <<EOF ... EOF`).
 */
export function parseInstructions(content: string): Instruction[] {
  const lines = content.split(/\r?\n/);
  const escape = /^#\s*escape\s*=\s*`/i.test(lines.find((l) => l.trim() !== '') ?? '') ? '`' : '\\';
  const instructions: Instruction[] = [];
  let current: Instruction | undefined;
  let heredoc: string | undefined;
  for (const [index, raw] of lines.entries()) {
    if (heredoc !== undefined) {
      if (raw.trim() === heredoc) heredoc = undefined;
      continue;
    }
    const text = raw.trim();
    if (current === undefined && (text === '' || text.startsWith('#'))) continue;
    if (current !== undefined && text.startsWith('#')) continue;
    const continued = text.endsWith(escape);
    const body = continued ? text.slice(0, -1).trimEnd() : text;
    if (current === undefined) {
      const match = /^(\S+)\s*(.*)$/.exec(body);
      current = { keyword: (match?.[1] ?? '').toUpperCase(), args: match?.[2] ?? '', line: index + 1 };
    } else {
      current.args = `${current.args} ${body}`.trim();
    }
    if (continued) continue;
    heredoc = /<<-?\s*["']?(\w+)["']?/.exec(current.args)?.[1];
    instructions.push(current);
    current = undefined;
  }
  if (current !== undefined) instructions.push(current);
  return instructions;
}

/**
 * Rules dockerfile-utils does not have, after hadolint: DL3006 (tag the image version explicitly),
 * DL3007 (do not use `latest`) and DL3002 (the final stage must not run as root).
 */
export function checkImageRules(instructions: readonly Instruction[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stages = new Set<string>();
  for (const instruction of instructions.filter((i) => i.keyword === 'FROM')) {
    const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const image = words[0] ?? '';
    const alias = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
    const tagIssue = checkTag(image, stages);
    if (tagIssue)
      diagnostics.push(
        warning('dockerfile', tagIssue.message, { code: tagIssue.code, line: instruction.line, column: 1 }),
      );
    if (alias) stages.add(alias.toLowerCase());
  }
  const userIssue = checkFinalUser(instructions);
  if (userIssue) diagnostics.push(userIssue);
  return diagnostics;
}

function checkTag(image: string, stages: ReadonlySet<string>): { code: string; message: string } | undefined {
  if (image === '' || image.includes('$') || image.includes('@')) return undefined;
  if (image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase())) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon === -1) {
    return {
      code: 'DL3006',
      message: `Image "${image}" has no tag, so it means "latest"; pin a version (e.g. ${image}:<version>).`,
    };
  }
  if (image.slice(colon + 1) === 'latest') {
    return {
      code: 'DL3007',
      message: `Image "${image}" uses the "latest" tag; pin a version so builds are reproducible.`,
    };
  }
  return undefined;
}

function checkFinalUser(instructions: readonly Instruction[]): Diagnostic | undefined {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  if (lastFrom === -1) return undefined;
  const stage = instructions.slice(lastFrom);
  const startIndex = stage.map((i) => i.keyword).findLastIndex((k) => k === 'CMD' || k === 'ENTRYPOINT');
  const start = stage[startIndex];
  const before = startIndex === -1 ? stage : stage.slice(0, startIndex);
  const user = before.filter((i) => i.keyword === 'USER').at(-1);
  const at = start ?? stage[0];
  const where = { code: 'DL3002', line: user?.line ?? at?.line ?? 1, column: 1 };
  if (user === undefined) {
    return warning(
      'dockerfile',
      'The final stage sets no USER before its CMD/ENTRYPOINT, so the container runs as root; add a non-root USER.',
      where,
    );
  }
  const name = user.args.split(':')[0]?.trim() ?? '';
  if (name === 'root' || name === '0') {
    return warning(
      'dockerfile',
      `The final USER is "${user.args}" (root); switch to a non-root user before CMD/ENTRYPOINT.`,
      where,
    );
  }
  return undefined;
}
