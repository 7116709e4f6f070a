import { describe, expect, it } from 'vitest';
import { checkMembers, wantedUsernames } from '../../../src/rituals/dri/members.js';

const settings = { project: 'distribution/team-tasks', roster: ['amara', 'bruno'], overrides: {} };
const user = (id: number) => ({ id, name: `User ${id}` });

describe('checking the roster against GitLab', () => {
  it('asks about a substitute only when they are not on the roster', () => {
    expect(wantedUsernames(settings, undefined)).toEqual(['amara', 'bruno']);
    expect(wantedUsernames(settings, 'Bruno')).toEqual(['amara', 'bruno']);
    expect(wantedUsernames(settings, 'emeka')).toEqual(['amara', 'bruno', 'emeka']);
  });

  it('keeps the members GitLab knows and names everyone it would not assign', () => {
    const { members, problems } = checkMembers(settings, {
      projectFound: true,
      users: [
        { username: 'amara', user: user(1) },
        { username: 'bruno', user: null },
        { username: 'emeka', user: user(3) },
      ],
      projectMemberIds: [1],
    });
    expect(members.map((m) => m.username)).toEqual(['amara', 'emeka']);
    expect(problems).toEqual([
      'dri.roster names bruno, who is not a GitLab user',
      '--to names emeka, who is not a member of distribution/team-tasks, so GitLab would not assign the DRI issue to them',
    ]);
  });

  it('says when the project does not exist', () => {
    const { problems } = checkMembers(settings, { projectFound: false, users: [], projectMemberIds: null });
    expect(problems).toEqual(['project distribution/team-tasks (dri.project) does not exist, or the token cannot see it']);
  });
});
