import type { ScoreContribution, StyleAlternative, StyleScore } from '../../src/contracts/architecture.js';
import { quote, type Facts } from './extract-requirements.js';
import { STYLE_RULES } from './style-rules.js';
import { STYLES, STYLE_IDS, type StyleDefinition, type StyleId, type StyleRule } from './styles.js';

/** How many runners-up are reported as alternatives. */
const ALTERNATIVES_COUNT = 3;

/** The outcome of scoring: every style ranked, and the winner's definition. */
export interface StyleChoice {
  chosen: StyleDefinition;
  /** Every style, best first; ties broken by {@link STYLE_IDS} order (simplest first). */
  ranked: StyleScore[];
}

/**
 * Scores every style of {@link STYLES} with {@link STYLE_RULES}: a style's score is the sum of the deltas of the
 * rules that fired for it, each kept as a contribution with the rule's source and the evidence that fired it.
 *
 * @param rules - the rule set; the default catalogue unless a test passes its own.
 */
export function scoreStyles(facts: Facts, rules: readonly StyleRule[] = STYLE_RULES): StyleChoice {
  const contributions = new Map<StyleId, ScoreContribution[]>(STYLE_IDS.map((id) => [id, []]));
  for (const rule of rules) {
    const signals = rule.match(facts);
    if (signals === null) continue;
    const evidence = signals.map(quote);
    for (const id of STYLE_IDS) {
      const delta = rule.deltas[id];
      if (delta === undefined || delta === 0) continue;
      contributions
        .get(id)
        ?.push({ rule: rule.id, description: rule.description, delta, source: rule.source, evidence });
    }
  }
  const scores = STYLES.map((style): StyleScore => {
    const list = contributions.get(style.id) ?? [];
    return { id: style.id, name: style.name, score: list.reduce((sum, c) => sum + c.delta, 0), contributions: list };
  });
  const order = (id: string) => STYLE_IDS.indexOf(id as StyleId);
  const ranked = [...scores].sort((a, b) => b.score - a.score || order(a.id) - order(b.id));
  const winner = ranked[0];
  const chosen = STYLES.find((s) => s.id === winner?.id) ?? STYLES[0];
  return { chosen, ranked };
}

function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

function describe(c: ScoreContribution): string {
  const evidence = c.evidence.length > 0 ? ` — ${c.evidence.join('; ')}` : '';
  return `${c.description} (${signed(c.delta)})${evidence}`;
}

/** The winner's positive contributions, strongest first (stable on ties), as sentences with their evidence. */
export function toReasons(score: StyleScore): string[] {
  const positive = score.contributions.filter((c) => c.delta > 0);
  const sorted = positive.map((c, i) => ({ c, i })).sort((a, b) => b.c.delta - a.c.delta || a.i - b.i);
  const reasons = sorted.map(({ c }) => describe(c));
  return reasons.length > 0
    ? reasons
    : [`Highest score (${score.score}) of the catalogue; no rule favoured another style`];
}

/**
 * The runners-up (up to {@link ALTERNATIVES_COUNT}) with why each lost: the score gap, the rules that counted
 * against it, and the winner's strongest advantages the runner-up lacks.
 */
export function toAlternatives(choice: StyleChoice): StyleAlternative[] {
  const [winner, ...rest] = choice.ranked;
  if (!winner) return [];
  return rest.slice(0, ALTERNATIVES_COUNT).map((alt) => {
    const definition = STYLES.find((s) => s.id === alt.id);
    const gap = winner.score - alt.score;
    const whyNot = [
      gap === 0
        ? `Tied with ${winner.name} at ${alt.score}; the simpler style wins ties (MonolithFirst)`
        : `Scored ${alt.score}, ${gap} below ${winner.name} (${winner.score})`,
    ];
    for (const c of alt.contributions.filter((x) => x.delta < 0).slice(0, 3))
      whyNot.push(`Counted against: ${describe(c)}`);
    const altRules = new Set(alt.contributions.filter((c) => c.delta > 0).map((c) => c.rule));
    const advantage = winner.contributions.find((c) => c.delta > 0 && !altRules.has(c.rule));
    if (advantage) whyNot.push(`${winner.name} also gains from: ${advantage.description}`);
    return {
      id: alt.id,
      name: alt.name,
      score: alt.score,
      why_not: whyNot,
      trade_offs: [...(definition?.tradeOffs ?? ['No trade-offs recorded'])],
    };
  });
}
