import { FIX_LANGUAGES, type FixLanguage } from '../../src/contracts/code-fix.js';
import { InvalidInputError } from '../../src/core/errors.js';

/** Language names and aliases accepted in `language` (matched case-insensitively, surrounding dots ignored). */
const LANGUAGE_ALIASES: Readonly<Record<string, FixLanguage>> = {
  ts: 'typescript',
  typescript: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'json',
};

/** File extensions (lower case, without the dot) and the language they imply. */
const EXTENSION_LANGUAGES: Readonly<Record<string, FixLanguage>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'json',
};

/** The extension the in-memory file gets for each language. */
const CANONICAL_EXTENSION: Readonly<Record<FixLanguage, string>> = {
  typescript: 'ts',
  tsx: 'tsx',
  javascript: 'js',
  jsx: 'jsx',
  json: 'json',
};

/** The message every unsupported-language error carries, naming what is supported. */
export const SUPPORTED_LANGUAGES_TEXT = `Supported languages: ${FIX_LANGUAGES.join(', ')} (aliases: ts, js, mjs, cjs, jsonc).`;

/** What {@link detectLanguage} looks at. */
export interface LanguageHints {
  code: string;
  language?: string | undefined;
  file_name?: string | undefined;
  /** A file name found in the error text (e.g. `src/app.ts` from tsc output). */
  errorFileName?: string | undefined;
}

function extensionOf(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function unsupported(what: string): InvalidInputError {
  return new InvalidInputError(`Unsupported language ${what}. ${SUPPORTED_LANGUAGES_TEXT}`, {
    hint: `Pass language as one of: ${FIX_LANGUAGES.join(', ')}.`,
    data: { supported: [...FIX_LANGUAGES] },
  });
}

/**
 * Decides the language of the code, in this order: the `language` field (an alias from
 * {@link LANGUAGE_ALIASES}); the extension of `file_name`; the extension of a file named in the error text;
 * a content heuristic ({@link guessLanguageFromContent}).
 *
 * @throws InvalidInputError when `language` is given but unsupported, or `file_name` has an unsupported
 *   extension (the message names the supported languages).
 */
export function detectLanguage(hints: LanguageHints): FixLanguage {
  const requested = hints.language?.trim().toLowerCase().replace(/^\./, '');
  if (requested) {
    const lang = LANGUAGE_ALIASES[requested];
    if (!lang) throw unsupported(`"${hints.language ?? ''}"`);
    return lang;
  }
  if (hints.file_name) {
    const ext = extensionOf(hints.file_name);
    if (ext !== undefined) {
      const lang = EXTENSION_LANGUAGES[ext];
      if (!lang) throw unsupported(`for file "${hints.file_name}" (extension .${ext})`);
      return lang;
    }
  }
  const fromError = hints.errorFileName ? EXTENSION_LANGUAGES[extensionOf(hints.errorFileName) ?? ''] : undefined;
  return fromError ?? guessLanguageFromContent(hints.code);
}

const JSX_PATTERN = /<([A-Za-z][\w.]*)(\s[^<>]*)?\/?>[\s\S]*?(<\/\1>|\/>)|return\s*\(\s*<[A-Za-z]|<>\s*[\s\S]*<\/>/;
const TS_PATTERN = new RegExp(
  [
    String.raw`\b(?:interface\s+\w+|type\s+\w+(?:<[^>]*>)?\s*=|enum\s+\w+|import\s+type\b|as\s+const\b|implements\s+\w+)`,
    String.raw`\b(?:private|public|protected|readonly)\s+\w+\s*[:;=(]`,
    String.raw`[\w)\]?]\s*:\s*(?:(?:string|number|boolean|void|unknown|never|any|[A-Z]\w*)(?:\[\])?\s*[,)=;{}|>]|[A-Z]\w*<)`,
  ].join('|'),
);

/**
 * Guesses the language from content alone: JSON when the whole text is a JSON-looking object/array (no
 * statements); TSX/JSX when it holds JSX elements; TypeScript when it holds type syntax (annotations,
 * interfaces, `type X =`, access modifiers); JavaScript otherwise.
 */
export function guessLanguageFromContent(code: string): FixLanguage {
  const trimmed = code.trim();
  if (
    /^[[{]/.test(trimmed) &&
    /[\]}],?$/.test(trimmed) &&
    !/\b(?:function|const|let|var|return|=>|import|export)\b|;\s*$/m.test(trimmed)
  ) {
    return 'json';
  }
  const isTs = TS_PATTERN.test(code);
  if (JSX_PATTERN.test(code)) return isTs ? 'tsx' : 'jsx';
  return isTs ? 'typescript' : 'javascript';
}

/**
 * The name of the in-memory file: the base name of `fileName` when its extension fits the language, else
 * `input.<ext>` (or the base name with its extension replaced). Never contains a directory.
 */
export function toVirtualFileName(language: FixLanguage, fileName: string | undefined): string {
  const wanted = CANONICAL_EXTENSION[language];
  const base =
    (fileName ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\w.-]/g, '_') ?? '';
  if (base === '' || base.startsWith('.')) return `input.${wanted}`;
  const ext = extensionOf(base);
  if (ext === wanted) return base;
  const stem = ext === undefined ? base : base.slice(0, base.length - ext.length - 1);
  return `${stem}.${wanted}`;
}

/** The file name reported in results: the caller's, else `input.<ext>` for the language. */
export function toReportedFileName(language: FixLanguage, fileName: string | undefined): string {
  return fileName?.trim() ? fileName.trim() : `input.${CANONICAL_EXTENSION[language]}`;
}
