import { describe, expect, it } from 'vitest';
import { toLabel, toNodeId } from '../../../../generators/architecture/diagrams.js';
import { EXAMPLE, PCI, PLAIN, generate } from './briefs.js';

/** Lines a Mermaid flowchart may contain in what the engine emits; anything else is a syntax error. */
const MERMAID_LINE = [
  /^subgraph [a-z][a-z0-9_]*\["[^"]*"\]$/,
  /^end$/,
  /^direction (TB|LR)$/,
  /^[a-z][a-z0-9_]*(\["[^"]*"\]|\[\("[^"]*"\)\]|\[\["[^"]*"\]\]|\(\["[^"]*"\]\))$/,
  /^[a-z][a-z0-9_]* (-->|-\.->)(\|[^|]+\|)? [a-z][a-z0-9_]*$/,
];

/** Checks the emitted flowchart line by line: header, known line shapes, unique ids, balanced subgraphs, declared edge ends. */
function checkFlowchart(source: string, header: string): { declared: Set<string>; text: string } {
  const lines = source.trimEnd().split('\n');
  expect(lines[0]).toBe(header);
  const declared = new Set<string>();
  let depth = 0;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    expect(
      MERMAID_LINE.some((p) => p.test(line)),
      `invalid Mermaid line: ${line}`,
    ).toBe(true);
    const id = /^(?:subgraph )?([a-z][a-z0-9_]*)[[(]/.exec(line)?.[1];
    if (id) {
      expect(declared.has(id), `duplicate id ${id}`).toBe(false);
      declared.add(id);
    }
    if (line.startsWith('subgraph ')) depth += 1;
    if (line === 'end') depth -= 1;
    expect(depth).toBeGreaterThanOrEqual(0);
    const edge = /^([a-z][a-z0-9_]*) (?:-->|-\.->)(?:\|[^|]+\|)? ([a-z][a-z0-9_]*)$/.exec(line);
    if (edge) {
      expect(declared.has(edge[1] ?? ''), `edge from undeclared ${edge[1]}`).toBe(true);
      expect(declared.has(edge[2] ?? ''), `edge to undeclared ${edge[2]}`).toBe(true);
    }
  }
  expect(depth).toBe(0);
  return { declared, text: source };
}

describe('Mermaid diagrams', () => {
  it('the checker rejects an unescaped quote and an undeclared edge end', () => {
    expect(() => checkFlowchart('flowchart LR\n  a["say "hi""]\n', 'flowchart LR')).toThrow(/invalid Mermaid line/);
    expect(() => checkFlowchart('flowchart LR\n  a["A"]\n  a --> b\n', 'flowchart LR')).toThrow(/undeclared b/);
  });

  it('escapes quotes and angle brackets in labels', () => {
    expect(toLabel('say "hi" <b>\nnow')).toBe('say #quot;hi#quot; #lt;b#gt; now');
    expect(toNodeId('c', 'Application (modular monolith)')).toBe('c_application_modular_monolith');
  });

  it.each([
    ['example', EXAMPLE],
    ['shop', PCI],
    ['recipes', PLAIN],
    [
      'microservices',
      { project_description: '40 teams must deploy independently; 20k rps; search and notifications.' },
    ],
    [
      'event-driven',
      {
        project_description: 'IoT telemetry streams from 100k sensors.',
        constraints: ['99.99% availability, multi-region'],
      },
    ],
  ])('%s: valid headers, every component and data store drawn', (_name, request) => {
    const result = generate(request);
    const components = checkFlowchart(result.diagrams.components, 'flowchart LR');
    const deployment = checkFlowchart(result.diagrams.deployment, 'flowchart TB');
    for (const c of result.components) {
      expect(components.text).toContain(`"${c.name}<br/>`);
      expect(deployment.text).toContain(`"${c.name}<br/>`);
    }
    for (const s of result.data_stores) expect(components.text).toContain(`"${s.name}<br/>`);
    const edges = result.components.reduce((n, c) => n + c.depends_on.length, 0);
    expect(components.text.split('\n').filter((l) => l.includes(' --> '))).toHaveLength(edges);
    for (const region of result.deployment.regions) expect(deployment.text).toContain(`["${region.name}"]`);
  });
});
