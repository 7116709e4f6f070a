import { describe, expect, it } from 'vitest';
import { driSection } from '../../../src/config/sections/dri.js';
import { driSettings } from '../../../src/rituals/dri/settings.js';

describe('driSettings', () => {
  it('takes absences by username without the @, and finds nothing wrong with a complete section', () => {
    const section = driSection.parse({
      project: 'distribution/team-tasks',
      roster: ['amara', 'bruno'],
      absences: { '@bruno': [{ from: '2026-11-16', to: '2026-11-17' }] },
    });
    const { settings, problems } = driSettings(section);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      project: 'distribution/team-tasks',
      roster: ['amara', 'bruno'],
      templateName: 'DRI',
      title: 'DRI rotation week of {week_start}',
      weekStartsOn: 'monday',
    });
    expect(Object.keys(settings.absences)).toEqual(['bruno']);
  });

  it('names its defaults after team.name, and after no team without one', () => {
    const section = driSection.parse({ project: 'platform/tasks', roster: ['amara'] });
    expect(driSettings(section, { name: 'Platform' }).settings).toMatchObject({
      templateName: 'Platform-DRI',
      title: 'Platform DRI rotation week of {week_start}',
      teamName: 'Platform',
    });
    const chosen = driSection.parse({ project: 'platform/tasks', roster: ['amara'], template: 'On-call', title: 'On call {week_start}' });
    expect(driSettings(chosen, { name: 'Platform' }).settings).toMatchObject({ templateName: 'On-call', title: 'On call {week_start}' });
  });

  it('takes planned swaps without the @, and refuses two in one week', () => {
    const section = driSection.parse({
      project: 'p/q',
      roster: ['amara', 'bruno'],
      overrides: { '2026-12-21': '@ana', '2026-12-28': 'bruno', '2026-12-30': 'amara' },
    });
    const { settings, problems } = driSettings(section);
    expect(settings.overrides).toEqual({ '2026-12-21': 'ana', '2026-12-28': 'bruno', '2026-12-30': 'amara' });
    expect(problems).toEqual(['dri.overrides names 2026-12-28 and 2026-12-30, both in the week of 2026-12-28: keep one']);
  });

  it('lists every problem of the section together', () => {
    const { problems } = driSettings(driSection.parse({ absences: { '@chen': [{ from: '2026-11-16', to: '2026-11-16' }] } }));
    expect(problems).toEqual([
      'dri.project is not set: name the project that holds the DRI issues (group/project)',
      'dri.roster is empty: list the GitLab usernames of the rotation in order',
      'dri.absences names @chen, who is not on dri.roster',
    ]);
  });
});
