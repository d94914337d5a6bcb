import { writeFileSync } from 'node:fs';

/**
 * One measured figure, printed as one JSON line. `value` is null only for a figure that could not be measured
 * (`note` says why); `budget` (text, e.g. "≤ 1.2") and `pass` are present when the issue sets a budget for it.
 */
export interface Figure {
  section: string;
  metric: string;
  value: number | null;
  unit: string;
  budget?: string;
  pass?: boolean;
  note?: string;
}

/** A budgeted figure a section promises to report; if it does not, the table shows it as NOT RUN. */
export interface ExpectedFigure {
  metric: string;
  unit: string;
  budget: string;
}

/** `value ≤ limit` as a budget verdict. */
export function atMost(value: number, limit: number): Pick<Figure, 'budget' | 'pass'> {
  return { budget: `≤ ${limit}`, pass: value <= limit };
}

/** `value ≥ limit` as a budget verdict. */
export function atLeast(value: number, limit: number): Pick<Figure, 'budget' | 'pass'> {
  return { budget: `≥ ${limit}`, pass: value >= limit };
}

/** `value < limit` as a budget verdict. */
export function below(value: number, limit: number): Pick<Figure, 'budget' | 'pass'> {
  return { budget: `< ${limit}`, pass: value < limit };
}

/**
 * Collects figures: each is written (by default to stdout) as one JSON line the moment it is added, kept for the
 * final Markdown table, and (with `jsonOutPath`) saved as JSON lines by {@link Report.save}.
 */
export class Report {
  private readonly figures: Figure[] = [];

  constructor(
    private readonly jsonOutPath?: string,
    private readonly writeLine: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  /** Records and prints one figure. */
  add(figure: Figure): void {
    this.figures.push(figure);
    this.writeLine(`${JSON.stringify(figure)}\n`);
  }

  /** Adds a NOT RUN row (value null) for every expected budgeted figure `section` did not report. */
  fillMissing(section: string, expected: readonly ExpectedFigure[], reason: string): void {
    for (const e of expected) {
      if (this.figures.some((f) => f.section === section && f.metric === e.metric)) continue;
      this.add({ section, metric: e.metric, value: null, unit: e.unit, budget: e.budget, note: `not run: ${reason}` });
    }
  }

  /** Every figure so far, in order. */
  all(): readonly Figure[] {
    return this.figures;
  }

  /** Figures with a budget that was measured and missed. */
  missed(): Figure[] {
    return this.figures.filter((f) => f.pass === false);
  }

  /** Writes the JSON lines to the `--json-out` file, if one was given. */
  save(): void {
    if (this.jsonOutPath) writeFileSync(this.jsonOutPath, this.figures.map((f) => JSON.stringify(f)).join('\n') + '\n');
  }

  /** The Markdown table: figure | value | budget | verdict (met, MISSED, NOT RUN, or — without a budget). */
  markdown(): string {
    const rows = ['| figure | value | budget | verdict |', '|---|---|---|---|'];
    for (const f of this.figures) {
      const value = f.value === null ? 'n/a' : `${formatNumber(f.value)} ${f.unit}`.trim();
      const verdict = f.value === null ? notMeasured(f) : toVerdict(f);
      rows.push(`| ${f.section} · ${f.metric} | ${value} | ${f.budget ?? ''} | ${escapeCell(verdict)} |`);
    }
    return rows.join('\n');
  }
}

function toVerdict(f: Figure): string {
  if (f.pass === undefined) return f.note ? `— (${f.note})` : '—';
  return f.pass ? 'met' : 'MISSED';
}

function notMeasured(f: Figure): string {
  if (f.metric === 'error') return `SECTION FAILED: ${f.note ?? 'unknown error'}`;
  return `NOT RUN${f.note ? ` (${f.note.replace(/^not run: /, '')})` : ''}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 200);
}
