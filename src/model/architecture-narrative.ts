import { z } from 'zod';
import type { ArchitectureRequest, ArchitectureResult } from '../contracts/architecture.js';
import type { ModelGateway } from '../contracts/model.js';
import { CancelledError } from '../core/errors.js';
import { completeJson } from './json-output.js';

/** Bounds of the model-written overview, characters. */
export const NARRATIVE_MIN_CHARS = 200;
export const NARRATIVE_MAX_CHARS = 3_000;
/** Heading of the section the overview is inserted as. */
export const NARRATIVE_HEADING = '## Overview';

/** A model-written overview that passed the rule checks. */
export interface ArchitectureNarrative {
  text: string;
  via: 'sampling' | 'provider';
  model: string;
}

/** Adds a model-written overview to an architecture result; the structured decisions are never touched. */
export interface ArchitectureNarrator {
  /**
   * @returns the result with the overview inserted in `markdown` (after the title block), plus the narrative;
   *   the result unchanged and no narrative when no model is available or the overview fails its checks.
   * @throws CancelledError when `signal` aborts.
   */
  refine(
    result: ArchitectureResult,
    request: ArchitectureRequest,
    options?: { signal?: AbortSignal },
  ): Promise<{ result: ArchitectureResult; narrative?: ArchitectureNarrative }>;
}

const NarrativeSchema = z.object({ overview: z.string().min(NARRATIVE_MIN_CHARS).max(NARRATIVE_MAX_CHARS) });

const SYSTEM_PROMPT = [
  'You write the overview of an architecture document for engineers and stakeholders: 2-4 plain paragraphs that explain',
  'the chosen style, the main components and why they fit the requirements. The decisions are made and fixed; explain them,',
  'never change or contradict them, and never introduce technologies, figures or components that are not in the design.',
  'Plain prose only: no headings, lists, tables, code, diagrams or links.',
  'Answer with ONLY a JSON object {"overview": "<text>"}.',
].join('\n');

const normalizeNumber = (n: string): string => n.replace(/[,_\s]/g, '');

/**
 * Rule checks on the overview: it names the chosen style, is prose (no headings, fences, tables, HTML or links),
 * and every number of two or more digits in it appears in the brief or in the generated document (no invented figures).
 */
export function checkNarrative(text: string, result: ArchitectureResult, request: ArchitectureRequest): string[] {
  const problems: string[] = [];
  if (!text.toLowerCase().includes(result.style.name.toLowerCase())) {
    problems.push(`the overview must name the chosen style "${result.style.name}"`);
  }
  if (/^\s*#|```|^\s*\|.*\|\s*$|<[a-z][^>]*>|https?:\/\//im.test(text)) {
    problems.push('the overview must be plain prose: no headings, code fences, tables, HTML or links');
  }
  const source = normalizeNumber(
    [
      result.markdown,
      request.project_description,
      ...(request.requirements ?? []),
      ...(request.constraints ?? []),
    ].join(' '),
  );
  const invented = [...new Set(text.match(/\d[\d,_]*\d/g) ?? [])].filter((n) => !source.includes(normalizeNumber(n)));
  if (invented.length > 0)
    problems.push(`figures not found in the brief or the design: ${invented.slice(0, 5).join(', ')}`);
  return problems;
}

/** Inserts the overview as a section after the document's title block (before the first `## ` section). */
export function insertOverview(markdown: string, text: string, note: string): string {
  const section = `${NARRATIVE_HEADING}\n\n${text.trim()}\n\n_${note}_\n\n`;
  const at = markdown.indexOf('\n## ');
  return at < 0
    ? `${markdown.trimEnd()}\n\n${section}`
    : `${markdown.slice(0, at + 1)}${section}${markdown.slice(at + 1)}`;
}

function toBrief(result: ArchitectureResult, request: ArchitectureRequest): string {
  const design = {
    style: { name: result.style.name, reasons: result.style.reasons },
    components: result.components.map((c) => ({
      name: c.name,
      responsibility: c.responsibility,
      technology: c.technology,
    })),
    data_stores: result.data_stores.map((d) => ({ name: d.name, technology: d.technology, why: d.why })),
    api_style: result.api_style.primary,
    requirements: result.requirements.map((r) => r.label),
  };
  return [`<brief>\n${request.project_description}\n</brief>`, `The design (fixed): ${JSON.stringify(design)}`].join(
    '\n',
  );
}

/**
 * Creates the narrator: one JSON call (plus one repair round with the rule checks' findings). Only the overview
 * prose is model-written; style, components, stores, security, ADRs and diagrams stay exactly as the rule engine
 * produced them. Any failure leaves the result unchanged.
 */
export function createArchitectureNarrator(deps: {
  gateway: ModelGateway;
  maxOutputTokens: number;
}): ArchitectureNarrator {
  return {
    async refine(result, request, options = {}) {
      const access = deps.gateway.access();
      if (access.mode === 'none') return { result };
      try {
        const answer = await completeJson(
          deps.gateway,
          {
            caller: 'architect',
            system: SYSTEM_PROMPT,
            messages: [{ role: 'user', content: [{ type: 'text', text: toBrief(result, request) }] }],
            maxTokens: Math.min(deps.maxOutputTokens, 2_048),
            temperature: 0.2,
          },
          NarrativeSchema,
          {
            ...(options.signal ? { signal: options.signal } : {}),
            check: (v) => checkNarrative(v.overview, result, request),
          },
        );
        const model = answer.responses.at(-1)?.model ?? access.model ?? 'client-selected';
        const via = access.mode === 'sampling' ? 'sampling' : 'provider';
        const note = `Overview written by a model (${model} via ${via}) and checked against the design; every decision below is rule-based.`;
        return {
          result: { ...result, markdown: insertOverview(result.markdown, answer.value.overview, note) },
          narrative: { text: answer.value.overview.trim(), via, model },
        };
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        deps.gateway.recordFallback('architect', (error as Error).message);
        return { result };
      }
    },
  };
}
