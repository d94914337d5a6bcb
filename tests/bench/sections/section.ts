import type { BenchPaths, ProcessRegistry } from '../processes.js';
import type { ExpectedFigure, Figure } from '../report.js';

/** What a section gets from the runner. */
export interface SectionContext {
  paths: BenchPaths;
  registry: ProcessRegistry;
  /** Records one figure of this section (the runner fills in `section`). */
  emit(figure: Omit<Figure, 'section'>): void;
  /** Progress text for humans, to stderr (stdout holds the JSON lines and the table). */
  log(message: string): void;
  /** Milliseconds left of this section's soft time limit; sections stop starting new rounds at 0. */
  timeLeftMs(): number;
}

/** One independently runnable benchmark section (`--only <name>`). */
export interface Section {
  name: string;
  /** Soft limit: the section stops starting new work past it; the runner aborts it 30 s later. */
  timeLimitMs: number;
  /** Budgeted figures this section reports; any not reported show as NOT RUN. */
  expected: readonly ExpectedFigure[];
  run(ctx: SectionContext): Promise<void>;
}
