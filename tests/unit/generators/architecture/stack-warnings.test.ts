import { describe, expect, it } from 'vitest';
import { PCI, generate } from './briefs.js';

describe('stack warnings', () => {
  it.each([
    [
      'SQLite with multi-region writes',
      { project_description: 'Multi-region active-active order entry.', tech_stack: ['SQLite'] },
      'SQLite',
      'high',
    ],
    [
      'serverless with WebSockets',
      { project_description: 'Live chat for support agents.', tech_stack: ['AWS Lambda'] },
      'AWS Lambda',
      'medium',
    ],
    [
      'serverless with long jobs',
      { project_description: 'Video transcoding jobs that take up to 40 minutes.', tech_stack: ['Azure Functions'] },
      'Azure Functions',
      'high',
    ],
    ['MongoDB with relational reporting', PCI, 'MongoDB', 'medium'],
    ['Heroku with HIPAA', { project_description: 'HIPAA patient portal.', tech_stack: ['Heroku'] }, 'Heroku', 'high'],
  ])('%s', (_name, request, technology, severity) => {
    const warning = generate(request).stack_warnings.find(
      (w) => w.technology === technology && w.severity === severity,
    );
    expect(warning?.message.length).toBeGreaterThan(20);
    expect(warning?.requirement).toMatch(/\(".+"\)$/);
  });

  it('lists unknown technologies as not assessed and invents nothing about them', () => {
    const result = generate({
      project_description: 'A small blog.',
      tech_stack: ['PostgreSQL', 'Zorblax 3', 'HyperQueue'],
    });
    expect(result.stack_warnings).toEqual([
      {
        technology: 'Zorblax 3',
        requirement: null,
        severity: 'not-assessed',
        message: '"Zorblax 3" is not in the engine\'s technology catalogue; its compatibility was not assessed.',
        suggestion: null,
      },
      {
        technology: 'HyperQueue',
        requirement: null,
        severity: 'not-assessed',
        message: '"HyperQueue" is not in the engine\'s technology catalogue; its compatibility was not assessed.',
        suggestion: null,
      },
    ]);
  });

  it('raises nothing for a compatible stack', () => {
    expect(
      generate({
        project_description: 'A recipe site for a team of 3.',
        tech_stack: ['TypeScript', 'React', 'PostgreSQL'],
      }).stack_warnings,
    ).toEqual([]);
  });
});
