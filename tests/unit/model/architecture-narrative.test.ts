import { describe, expect, it } from 'vitest';
import { createArchitectureEngine } from '../../../generators/architecture/index.js';
import type { ArchitectureRequest } from '../../../src/contracts/architecture.js';
import { checkNarrative, insertOverview, NARRATIVE_HEADING } from '../../../src/model/architecture-narrative.js';
import { createModelServices } from '../../../src/model/services.js';
import { lastUserText, modelConfig, scriptedChannel } from './fakes.js';

const REQUEST: ArchitectureRequest = {
  project_description: 'A booking platform for 200 clinics with 50,000 monthly users; a team of 6 engineers.',
  requirements: ['HIPAA compliance', 'p95 latency under 300 ms'],
};
const result = createArchitectureEngine().generate(REQUEST);
const style = result.style.name;
const prose = (extra = ''): string =>
  `The design uses a ${style} because the team of 6 engineers can run one deployable while the booking domain grows. ` +
  `It serves the 50,000 monthly users of 200 clinics, keeps HIPAA controls in one place and meets the 300 ms latency goal. ${extra}`.padEnd(
    260,
    ' ',
  );

describe('the architecture narrator', () => {
  it.each([
    [prose(), []],
    [prose().replace(style, 'design'), [expect.stringContaining('must name the chosen style')]],
    [`${prose()}\n## Heading`, [expect.stringContaining('plain prose')]],
    [`${prose()} See https://example.com.`, [expect.stringContaining('plain prose')]],
    [prose('It handles 9,999,999 requests per day.'), [expect.stringContaining('9,999,999')]],
  ])('checks overview %#', (text, problems) => {
    expect(checkNarrative(text, result, REQUEST)).toEqual(problems);
  });

  it('inserts the overview after the title block and leaves every structured decision untouched', async () => {
    const model = createModelServices({ config: modelConfig({}) });
    const channel = scriptedChannel([
      JSON.stringify({ overview: prose('It scales to 10,000,000 users.') }),
      JSON.stringify({ overview: prose() }),
    ]);
    const refined = await model.scope.run({ sampling: channel }, () => model.narrator.refine(result, REQUEST));
    expect(lastUserText(channel.requests[1]!)).toContain('figures not found');
    expect(refined.narrative).toMatchObject({ via: 'sampling', model: 'scripted-model' });
    const { markdown, ...decisions } = refined.result;
    const { markdown: original, ...originalDecisions } = result;
    expect(decisions).toEqual(originalDecisions);
    expect(markdown.indexOf(NARRATIVE_HEADING)).toBeLessThan(markdown.indexOf('## Requirements read from the brief'));
    expect(markdown.replace(/## Overview[\s\S]*?(?=\n## Requirements)/, '').replace(/\n\n\n/, '\n\n')).toBe(original);
  });

  it('leaves the result unchanged without a model or after two invalid answers', async () => {
    const model = createModelServices({ config: modelConfig({}) });
    expect(await model.scope.run({}, () => model.narrator.refine(result, REQUEST))).toEqual({ result });
    const channel = scriptedChannel(['{"overview": "too short"}', 'still not json']);
    expect(
      await model.scope.run({ sampling: channel, taskId: 't' }, () => model.narrator.refine(result, REQUEST)),
    ).toEqual({ result });
    expect(model.ledger.task('t')?.fallbacks).toBe(1);
  });

  it('insertOverview appends when there is no section heading', () => {
    expect(insertOverview('# T\n\nbody\n', 'Prose.', 'note')).toBe(
      '# T\n\nbody\n\n## Overview\n\nProse.\n\n_note_\n\n',
    );
  });
});
