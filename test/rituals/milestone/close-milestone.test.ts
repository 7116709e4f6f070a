import { describe, expect, it } from 'vitest';
import { closeProblem } from '../../../src/rituals/milestone/close-milestone.js';
import { milestone } from './fixtures.js';

describe('closeProblem', () => {
  const own = (kind: 'project' | 'group', id: number) => milestone('M', '2026-10-10', '2026-11-09', { owner: { kind, id } });

  it.each([
    {
      name: "a project's own milestone, from the project",
      from: own('project', 3),
      scope: { kind: 'project' as const, id: 3, name: 'project g/app' },
    },
    { name: "a group's own milestone, from the group", from: own('group', 7), scope: { kind: 'group' as const, id: 7, name: 'group g' } },
  ])('lets --close close $name', ({ from, scope }) => {
    expect(closeProblem(from, scope)).toBeNull();
  });

  // Every project below the group can use its milestone; closing it would strand their open issues.
  it.each([
    {
      name: 'a group milestone, from one of its projects',
      from: own('group', 7),
      scope: { kind: 'project' as const, id: 3, name: 'project g/app' },
    },
    {
      name: "a parent group's milestone, from a subgroup",
      from: own('group', 7),
      scope: { kind: 'group' as const, id: 8, name: 'group g/team' },
    },
  ])('refuses to close $name', ({ from, scope }) => {
    expect(closeProblem(from, scope)).toBe(
      `--close: "M" is a milestone of a group above ${scope.name}, and projects outside it may still have open issues in it; roll over that group with --group to close it, or leave out --close`,
    );
  });
});
