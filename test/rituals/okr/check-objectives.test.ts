import { describe, expect, it } from 'vitest';
import { checkObjectives } from '../../../src/rituals/okr/check-objectives.js';
import type { ObjectiveDraft } from '../../../src/rituals/okr/model.js';

describe('checkObjectives', () => {
  const kr = { title: 'KR', project: 'g/p', from: 1, to: 2 };
  const draft = (overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({
    title: 'Obj',
    team: 't',
    project: 'g/okrs',
    keyResults: [kr, { ...kr, title: 'KR2' }, { ...kr, title: 'KR3' }],
    ...overrides,
  });

  it.each<[string, ObjectiveDraft[], string[]]>([
    ['a valid objective', [draft()], []],
    ['a missing objective title', [draft({ title: '  ' })], ['objective 1: title: missing']],
    [
      'a missing team and project',
      [draft({ team: undefined, project: undefined })],
      ['objective 1 "Obj": team: missing', 'objective 1 "Obj": project: missing'],
    ],
    [
      'a key result without title',
      [draft({ keyResults: [{ ...kr, title: undefined }] })],
      ['objective 1 "Obj", key result 1: title: missing'],
    ],
    [
      'a key result without from',
      [draft({ keyResults: [{ ...kr, from: undefined }] })],
      ['objective 1 "Obj", key result 1 "KR": from: missing; a key result is measured "from x to y"'],
    ],
    [
      'a non-numeric to',
      [draft({ keyResults: [{ ...kr, to: 'lots' }] })],
      ['objective 1 "Obj", key result 1 "KR": to: "lots" is not a number'],
    ],
    [
      'a non-numeric current',
      [draft({ keyResults: [{ ...kr, current: 'soon' }] })],
      ['objective 1 "Obj", key result 1 "KR": current: "soon" is not a number'],
    ],
    [
      'a target equal to its start',
      [draft({ keyResults: [{ ...kr, to: 1 }] })],
      ['objective 1 "Obj", key result 1 "KR": to: the target equals from (1)'],
    ],
    [
      'two key results with the same title',
      [draft({ keyResults: [kr, kr] })],
      ['objective 1 "Obj", key result 2 "KR": title: same key "kr" as objective 1 "Obj", key result 1 "KR"'],
    ],
    ['two objectives with the same title in a team', [draft(), draft()], ['objective 2 "Obj": title: same key "obj" as objective 1 "Obj"']],
    ['a bad id', [draft({ id: 'Bad Id' })], ['objective 1 "Obj": id: "Bad Id" must be lower-case letters, digits and dashes']],
  ])('%s', (_name, drafts, expected) => {
    const { errors } = checkObjectives(drafts);
    expect(errors).toHaveLength(expected.length);
    expected.forEach((message, i) => expect(errors[i]).toContain(message));
  });

  it('accepts percentages and keeps the objective assignees for key results that name none', () => {
    const { objectives, errors } = checkObjectives([
      draft({ assignees: ['a'], keyResults: [{ title: 'Rate', project: 'g/p', from: '40%', to: '85 %' }] }),
    ]);
    expect(errors).toEqual([]);
    expect(objectives[0]?.keyResults[0]).toMatchObject({
      slug: 'rate',
      from: { value: 40, percent: true },
      to: { value: 85, percent: true },
      current: { value: 40 },
      assignees: ['a'],
    });
  });
});
