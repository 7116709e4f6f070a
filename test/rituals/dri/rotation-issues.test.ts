import { describe, expect, it } from 'vitest';
import { recogniseDriIssue } from '../../../src/rituals/dri/rotation-issues.js';
import { PROJECT, settings } from './fixtures.js';

describe('recognising DRI issues', () => {
  const facts = { id: 1, iid: 1, state: 'opened' as const, assignees: ['bruno'], reference: `${PROJECT}#1`, webUrl: 'u', description: 'x' };
  it.each([
    {
      what: 'teamops key',
      title: 'anything',
      key: `dri-rotation/${PROJECT}/2026-11-09`,
      expected: { weekStart: '2026-11-09', foundBy: 'key' },
    },
    {
      what: 'title made by hand',
      title: 'Distribution DRI rotation week of 2026-11-09',
      key: null,
      expected: { weekStart: '2026-11-09', foundBy: 'title' },
    },
    {
      what: 'hand-made title naming a Wednesday',
      title: 'distribution dri rotation week of  2026-11-11 ',
      key: null,
      expected: { weekStart: '2026-11-09', foundBy: 'title' },
    },
    { what: 'key of another project', title: 'x', key: 'dri-rotation/other/project/2026-11-09', expected: null },
    { what: 'unrelated issue', title: 'Distribution DRI rotation notes', key: null, expected: null },
  ])('finds the week from the $what', ({ title, key, expected }) => {
    const found = recogniseDriIssue({ ...facts, title, key }, settings());
    expect(found === null ? null : { weekStart: found.weekStart, foundBy: found.foundBy }).toEqual(expected);
  });

  it('reads whose turn it was from the marker a substitution leaves', () => {
    const found = recogniseDriIssue(
      {
        ...facts,
        assignees: ['emeka'],
        title: 'x',
        description: 'x\n\n<!-- teamops:dri-rotation-member=chen -->',
        key: `dri-rotation/${PROJECT}/2026-11-09`,
      },
      settings(),
    );
    expect(found).toMatchObject({ assignee: 'emeka', rotationMember: 'chen' });
  });
});
