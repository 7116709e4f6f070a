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
      templateName: 'Distribution-DRI',
      weekStartsOn: 'monday',
    });
    expect(Object.keys(settings.absences)).toEqual(['bruno']);
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
