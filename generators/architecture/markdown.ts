import type { ArchitectureResult } from '../../src/contracts/architecture.js';
import { formatNumber } from './extract-requirements.js';

type Body = Omit<ArchitectureResult, 'markdown'>;

/** Escapes a table cell: pipes and line breaks would break the row. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  if (rows.length === 0) return ['_None._'];
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function requirementsSection(r: Body): string[] {
  const rows = r.requirements.map((s) => [
    s.label,
    s.value === null ? '—' : `${formatNumber(s.value)} ${s.unit ?? ''}`.trim(),
    `${s.evidence.source}: “${s.evidence.text}”`,
  ]);
  return ['## Requirements read from the brief', '', ...table(['Signal', 'Value', 'Evidence'], rows)];
}

function styleSection(r: Body): string[] {
  const scores = r.score_breakdown.map((s) => [
    s.name,
    String(s.score),
    s.contributions.map((c) => `${c.rule} ${c.delta > 0 ? '+' : ''}${c.delta}`).join(', ') || '—',
  ]);
  const lines = [
    '## Architecture style',
    '',
    `**${r.style.name}** (score ${r.style.score}).`,
    '',
    '### Why',
    '',
    ...r.style.reasons.map((x) => `- ${x}`),
  ];
  lines.push(
    '',
    '### Scores',
    '',
    ...table(['Style', 'Score', 'Rules (delta)'], scores),
    '',
    '### Alternatives considered',
    '',
  );
  for (const alt of r.alternatives) {
    lines.push(
      `- **${alt.name}** (score ${alt.score})`,
      ...alt.why_not.map((x) => `  - ${x}`),
      ...alt.trade_offs.map((x) => `  - Trade-off: ${x}`),
    );
  }
  return lines;
}

function designSection(r: Body): string[] {
  const lines = [
    '## Components',
    '',
    ...table(
      ['Component', 'Responsibility', 'Technology', 'Depends on'],
      r.components.map((c) => [c.name, c.responsibility, c.technology, c.depends_on.join(', ') || '—']),
    ),
  ];
  lines.push(
    '',
    '## Data stores',
    '',
    ...table(
      ['Store', 'Type', 'Technology', 'Holds', 'Why'],
      r.data_stores.map((s) => [s.name, s.type, s.technology, s.holds.join('; '), s.why]),
    ),
  );
  lines.push(
    '',
    '## API style',
    '',
    `**${r.api_style.primary}** — ${r.api_style.why}`,
    '',
    ...r.api_style.complements.map((c) => `- ${c.style}: ${c.use} — ${c.why}`),
  );
  return lines;
}

function securitySection(r: Body): string[] {
  const rows = r.security.map((c) => [c.requirement, c.control, c.reference]);
  const lines = ['## Security controls', '', ...table(['Requirement', 'Control', 'Reference'], rows)];
  lines.push('', '## Scalability', '', ...r.scalability.map((s) => `- **${s.trigger}** — ${s.action}`));
  return lines;
}

function deploymentSection(r: Body): string[] {
  const d = r.deployment;
  return [
    '## Deployment',
    '',
    `**Compute:** ${d.compute}`,
    '',
    '**Environments:**',
    '',
    ...d.environments.map((e) => `- ${e.name}: ${e.purpose}`),
    '',
    '**Regions:**',
    '',
    ...d.regions.map((x) => `- ${x.name}: ${x.purpose}`),
    '',
    '**CI/CD:**',
    '',
    ...d.ci_cd.map((x, i) => `${i + 1}. ${x}`),
  ];
}

function risksSection(r: Body): string[] {
  const risks = r.risks.map((x) => [x.risk, x.likelihood, x.impact, x.mitigation]);
  const warnings = r.stack_warnings.map((w) => [
    w.technology,
    w.severity,
    w.requirement ?? '—',
    w.message,
    w.suggestion ?? '—',
  ]);
  return [
    '## Risks',
    '',
    ...table(['Risk', 'Likelihood', 'Impact', 'Mitigation'], risks),
    '',
    '## Stack warnings',
    '',
    ...table(['Technology', 'Severity', 'Requirement', 'Concern', 'Suggestion'], warnings),
  ];
}

function diagramsSection(r: Body): string[] {
  return [
    '## Diagrams',
    '',
    '### Components',
    '',
    '```mermaid',
    r.diagrams.components.trimEnd(),
    '```',
    '',
    '### Deployment',
    '',
    '```mermaid',
    r.diagrams.deployment.trimEnd(),
    '```',
  ];
}

function adrSection(r: Body): string[] {
  const lines = ['## Architecture decision records'];
  for (const adr of r.adrs) {
    lines.push(
      '',
      `### ${adr.id}: ${adr.title}`,
      '',
      `**Status:** ${adr.status}`,
      '',
      '**Context.** ' + adr.context,
      '',
      '**Decision.** ' + adr.decision,
      '',
      '**Consequences.**',
      '',
      ...adr.consequences.map((c) => `- ${c}`),
    );
  }
  return lines;
}

/** Renders the whole design as one Markdown document (GitHub-flavoured: tables and ```mermaid blocks). */
export function toMarkdown(title: string, r: Body): string {
  const sections = [
    requirementsSection(r),
    styleSection(r),
    designSection(r),
    securitySection(r),
    deploymentSection(r),
    risksSection(r),
    diagramsSection(r),
    adrSection(r),
  ];
  const head = [
    `# Architecture: ${cell(title)}`,
    '',
    `Proposed style: **${r.style.name}**. Generated deterministically from the brief: every figure is quoted from it or derived from a quoted figure by a stated rule.`,
  ];
  return `${[head, ...sections].map((s) => s.join('\n')).join('\n\n')}\n`;
}
