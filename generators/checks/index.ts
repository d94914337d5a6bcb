import type { Artifact, ArtifactChecker, CheckVerdict, Diagnostic } from '../../src/contracts/artifact.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { parseJsonArtifact, parseYamlArtifact, type DataDocument } from './data-parser.js';
import { createDockerfileChecker, type DockerfileChecker } from './dockerfile-checker.js';
import { createEslintChecker, type EslintChecker } from './eslint-checker.js';
import { checkCompose, checkKubernetes } from './manifest-checker.js';
import { createOpenApiChecker, type OpenApiChecker } from './openapi-checker.js';
import {
  CHECK_NAMES,
  record,
  toStructureDiagnostics,
  yieldToEventLoop,
  type CheckName,
  type CheckResults,
  type StructureIssue,
} from './shared.js';
import { SCRIPT_LANGUAGES, createTypeScriptChecker, type TypeScriptChecker } from './typescript-checker.js';
import { checkGithubWorkflow, checkGitlabCi } from './workflow-checker.js';

export { CHECK_NAMES, type CheckName } from './shared.js';

/** Options of {@link createArtifactChecker}. */
export interface ArtifactCheckerOptions {
  /** Checks not to run (they are then not listed in `checks` either); by default every check runs. */
  skip?: readonly CheckName[];
}

interface Engines {
  enabled: ReadonlySet<CheckName>;
  typescript: TypeScriptChecker;
  eslint: EslintChecker;
  openapi: OpenApiChecker;
  dockerfile: DockerfileChecker;
}

/**
 * Creates the checker the quality agent runs on every artifact. Per artifact:
 * - typescript / tsx / javascript: the TypeScript compiler (all script artifacts of one call as one program)
 *   and ESLint (`@eslint/js` recommended, typescript-eslint recommended for TS/TSX);
 * - json: `JSON.parse`; yaml: the `yaml` package; then by kind: `openapi` (@readme/openapi-parser),
 *   `github-workflow` / `gitlab-ci` (workflow), `compose`, `kubernetes` structural rules;
 * - dockerfile (language or kind): dockerfile-utils plus image/USER rules;
 * - markdown / text: no checker, so the verdict is `unchecked` with `checks: []`.
 *
 * Heavy libraries are imported on first use and their instances (parsed lib files, the ESLint `Linter`) are
 * kept for the checker's lifetime, so the first check of a kind is slower than later ones.
 */
export function createArtifactChecker(options: ArtifactCheckerOptions = {}): ArtifactChecker {
  const skip = new Set(options.skip ?? []);
  const engines: Engines = {
    enabled: new Set(CHECK_NAMES.filter((name) => !skip.has(name))),
    typescript: createTypeScriptChecker(),
    eslint: createEslintChecker(),
    openapi: createOpenApiChecker(),
    dockerfile: createDockerfileChecker(),
  };
  return {
    checks: [...engines.enabled],
    async check(artifacts, { signal } = {}) {
      throwIfAborted(signal);
      assertUniquePaths(artifacts);
      const results: CheckResults = { diagnostics: new Map(), checks: new Map() };
      await checkScripts(
        artifacts.filter((a) => SCRIPT_LANGUAGES.has(a.language)),
        engines,
        results,
        signal,
      );
      for (const artifact of artifacts) {
        if (SCRIPT_LANGUAGES.has(artifact.language)) continue;
        await yieldToEventLoop();
        throwIfAborted(signal);
        await checkOther(artifact, engines, results);
      }
      throwIfAborted(signal);
      return new Map(artifacts.map((a) => [a.path, toVerdict(results, a.path)]));
    },
  };
}

function assertUniquePaths(artifacts: readonly Artifact[]): void {
  const seen = new Set<string>();
  for (const { path } of artifacts) {
    if (seen.has(path)) {
      throw new InvalidInputError(`Two artifacts share the path "${path}".`, {
        data: { path },
        hint: 'Give every artifact of one check its own path; verdicts are keyed by path.',
      });
    }
    seen.add(path);
  }
}

async function checkScripts(
  scripts: readonly Artifact[],
  engines: Engines,
  results: CheckResults,
  signal?: AbortSignal,
): Promise<void> {
  if (scripts.length === 0) return;
  if (engines.enabled.has('typescript')) {
    const found = await engines.typescript.check(scripts, signal);
    for (const artifact of scripts) record(results, artifact, 'typescript', found.get(artifact.path) ?? []);
  }
  if (engines.enabled.has('eslint')) {
    const found = await engines.eslint.check(scripts, signal);
    for (const artifact of scripts) record(results, artifact, 'eslint', found.get(artifact.path) ?? []);
  }
}

async function checkOther(artifact: Artifact, engines: Engines, results: CheckResults): Promise<void> {
  if (artifact.language === 'json' || artifact.language === 'yaml') {
    const parsed =
      artifact.language === 'json' ? parseJsonArtifact(artifact.content) : parseYamlArtifact(artifact.content);
    if (!engines.enabled.has(parsed.check)) return;
    record(results, artifact, parsed.check, parsed.diagnostics);
    if (parsed.documents) await checkStructure(artifact, parsed.documents, engines, results);
    return;
  }
  const isDockerfile =
    artifact.language === 'dockerfile' || (artifact.kind === 'dockerfile' && artifact.language === 'text');
  if (isDockerfile && engines.enabled.has('dockerfile')) {
    record(results, artifact, 'dockerfile', await engines.dockerfile.check(artifact.content));
  }
}

const EMPTY_MANIFEST: StructureIssue = {
  severity: 'error',
  message: 'The manifest has no documents.',
  path: [],
  code: 'empty-manifest',
};

/** Runs the kind's structural check on parsed JSON/YAML documents. */
async function checkStructure(
  artifact: Artifact,
  documents: readonly DataDocument[],
  engines: Engines,
  results: CheckResults,
): Promise<void> {
  const present = documents.filter((d) => d.value !== null && d.value !== undefined);
  const first = present[0] ?? documents[0] ?? { value: null, locate: () => undefined };
  const run = (
    check: CheckName,
    source: Diagnostic['source'],
    issues: (value: unknown) => StructureIssue[],
    doc: DataDocument,
  ): void => {
    if (engines.enabled.has(check))
      record(results, artifact, check, toStructureDiagnostics(source, issues(doc.value), doc.locate));
  };
  switch (artifact.kind) {
    case 'openapi':
      if (engines.enabled.has('openapi')) record(results, artifact, 'openapi', await engines.openapi.check(first));
      return;
    case 'github-workflow':
      return run('workflow', 'workflow', checkGithubWorkflow, first);
    case 'gitlab-ci':
      // A CI/CD component puts its `spec:` header in a first document; the jobs are in the last one.
      return run('workflow', 'workflow', checkGitlabCi, present.at(-1) ?? first);
    case 'compose':
      return run('compose', 'compose', checkCompose, first);
    case 'kubernetes':
      if (present.length === 0) return run('kubernetes', 'kubernetes', () => [EMPTY_MANIFEST], first);
      for (const doc of present) run('kubernetes', 'kubernetes', checkKubernetes, doc);
      return;
    default:
      return;
  }
}

/** `unchecked` when nothing ran, else `failed` on any error diagnostic and `passed` otherwise. */
function toVerdict(results: CheckResults, path: string): CheckVerdict {
  const checks = results.checks.get(path) ?? [];
  const diagnostics = results.diagnostics.get(path) ?? [];
  if (checks.length === 0) return { status: 'unchecked', checks: [], diagnostics: [] };
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { status: failed ? 'failed' : 'passed', checks: [...checks], diagnostics };
}
