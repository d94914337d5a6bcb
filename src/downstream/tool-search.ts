import type { DownstreamTool } from '../contracts/downstream.js';

/** One ranked match of {@link rankTools}. */
export interface ToolMatch {
  tool: DownstreamTool;
  score: number;
}

/** Weights of the scoring (documented so a ranking can be explained). */
export const SEARCH_WEIGHTS = {
  /** The whole query equals the tool name with `_`, `-` and case ignored. */
  exactName: 5,
  /** A query word is a word of the tool's name or title. */
  nameWord: 3,
  /** A query word is a prefix of a name word, or the reverse (3+ characters). */
  namePrefix: 2,
  /** A query word is a word of the description, or of the server name. */
  descriptionWord: 1,
  serverWord: 1,
  /** A query word is a prefix of a description word (3+ characters). */
  descriptionPrefix: 0.5,
} as const;

/**
 * Splits text into lower-case words: on non-alphanumerics, `snake_case`, `kebab-case` and `camelCase` boundaries,
 * with a plural `s` dropped from words longer than three letters (`files` → `file`).
 */
export function toWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

interface Indexed {
  tool: DownstreamTool;
  compactName: string;
  name: Set<string>;
  description: Set<string>;
  server: Set<string>;
}

/**
 * Ranks tools against a free-text query by word overlap with {@link SEARCH_WEIGHTS}: name words weigh most, then
 * description and server words. Tools scoring 0 are left out. Ties keep the input order (configuration order of
 * servers, then the server's own tool order).
 *
 * @param limit - most matches returned (≥ 1).
 */
export function rankTools(tools: readonly DownstreamTool[], query: string, limit: number): ToolMatch[] {
  const words = [...new Set(toWords(query))];
  const compactQuery = words.join('');
  const scored: Array<ToolMatch & { index: number }> = [];
  tools.forEach((tool, index) => {
    const score = scoreOne(index_(tool), words, compactQuery);
    if (score > 0) scored.push({ tool, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, Math.max(1, limit)).map(({ tool, score }) => ({ tool, score }));
}

function index_(tool: DownstreamTool): Indexed {
  const nameWords = toWords(`${tool.name} ${tool.title ?? ''}`);
  return {
    tool,
    compactName: toWords(tool.name).join(''),
    name: new Set(nameWords),
    description: new Set(toWords(tool.description)),
    server: new Set(toWords(tool.server)),
  };
}

function scoreOne(t: Indexed, words: readonly string[], compactQuery: string): number {
  let score = compactQuery !== '' && compactQuery === t.compactName ? SEARCH_WEIGHTS.exactName : 0;
  for (const w of words) {
    if (t.name.has(w)) score += SEARCH_WEIGHTS.nameWord;
    else if (w.length >= 3 && [...t.name].some((n) => n.length >= 3 && (n.startsWith(w) || w.startsWith(n)))) {
      score += SEARCH_WEIGHTS.namePrefix;
    }
    if (t.description.has(w)) score += SEARCH_WEIGHTS.descriptionWord;
    else if (w.length >= 3 && [...t.description].some((d) => d.startsWith(w))) {
      score += SEARCH_WEIGHTS.descriptionPrefix;
    }
    if (t.server.has(w)) score += SEARCH_WEIGHTS.serverWord;
  }
  return score;
}
