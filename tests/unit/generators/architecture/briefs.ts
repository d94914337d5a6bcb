import { readFileSync } from 'node:fs';
import { createArchitectureEngine } from '../../../../generators/architecture/index.js';
import type { ArchitectureRequest, ArchitectureResult } from '../../../../src/contracts/architecture.js';

/** Briefs shared by the architecture engine tests (read-only; each test generates its own result). */
export const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../../examples/inputs/architecture-brief.json', import.meta.url), 'utf8'),
) as ArchitectureRequest;

export const PLAIN: ArchitectureRequest = {
  project_description: 'A recipe-sharing website for a team of 4 developers, with search and photo uploads.',
};
export const PCI: ArchitectureRequest = {
  project_description: 'An online shop taking card payments; we must stay PCI DSS compliant. 20k daily users.',
  tech_stack: ['Python', 'Django', 'MongoDB', 'Heroku'],
  requirements: ['Monthly sales reports for finance'],
};
export const GDPR_ONLY: ArchitectureRequest = {
  project_description: 'A newsletter platform for EU publishers; GDPR applies. Team of 5.',
};

/** Generates with a fresh engine. */
export function generate(request: ArchitectureRequest): ArchitectureResult {
  return createArchitectureEngine().generate(request);
}
