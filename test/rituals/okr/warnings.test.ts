import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../../../src/rituals/okr/model.js';
import { okrWarnings } from '../../../src/rituals/okr/warnings.js';
import { objectiveSpec as objective, quarter } from './fixtures.js';

describe('okrWarnings', () => {
  const kr = (slug: string) => ({ ...objective.keyResults[0]!, slug, title: slug });
  const withKrs = (slug: string, n: number): ObjectiveSpec => ({
    ...objective,
    slug,
    title: slug,
    keyResults: Array.from({ length: n }, (_, i) => kr(`kr-${i}`)),
  });

  it.each<[string, ObjectiveSpec[], string[], string[]]>([
    ['three objectives of three', [withKrs('a', 3), withKrs('b', 3), withKrs('c', 3)], [], []],
    [
      'one objective with one',
      [withKrs('a', 1)],
      [],
      ['objective 1 "a": key_results: 1 key result; the handbook asks for about three per objective'],
    ],
    ['one objective with five', [withKrs('a', 5)], [], ['objective 1 "a": key_results: 5 key results']],
    [
      'an objective nobody is assigned to',
      [{ ...withKrs('a', 3), assignees: [] }],
      [],
      ['objective 1 "a": assignees: none; the handbook assigns objectives to the team\'s manager and director'],
    ],
    [
      'ten in one team',
      [withKrs('a', 4), withKrs('b', 3), withKrs('c', 3)],
      [],
      ['team distribution: 10 key results in FY27-Q1; the handbook asks for no more than nine a quarter'],
    ],
    [
      'nine in the file and one already in GitLab',
      [withKrs('a', 3), withKrs('b', 3), withKrs('c', 3)],
      [`okr/FY27-Q1/distribution/other/kr/x`, 'okr/FY27-Q1/other-team/o/kr/y'],
      ['team distribution: 10 key results'],
    ],
  ])('%s', (_name, objectives, existing, expected) => {
    const warnings = okrWarnings(objectives, quarter, existing);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((message, i) => expect(warnings[i]).toContain(message));
  });
});
