// The dri: section of teamops.yml in the planner's terms; what is wrong with it is found before
// GitLab is asked anything.
import type { DriSection } from '../../config/sections/dri.js';
import type { DriSettings } from './model.js';

export interface SettingsResult {
  settings: DriSettings;
  problems: string[];
}

const withoutAt = (name: string) => name.replace(/^@/, '');

export function driSettings(dri: DriSection): SettingsResult {
  const problems: string[] = [];
  if (!dri.project) problems.push('dri.project is not set: name the project that holds the DRI issues (group/project)');
  if (dri.roster.length === 0) problems.push('dri.roster is empty: list the GitLab usernames of the rotation in order');
  const onRoster = new Set(dri.roster.map((name) => name.toLowerCase()));
  for (const name of Object.keys(dri.absences)) {
    if (!onRoster.has(withoutAt(name).toLowerCase())) problems.push(`dri.absences names ${name}, who is not on dri.roster`);
  }
  return {
    settings: {
      project: dri.project ?? '',
      roster: dri.roster,
      templateName: dri.template,
      title: dri.title,
      labels: dri.labels,
      cadence: dri.cadence,
      weekStartsOn: dri.week_starts_on,
      absences: Object.fromEntries(Object.entries(dri.absences).map(([name, ranges]) => [withoutAt(name), ranges])),
      activeRequestLabel: dri.active_request_label,
    },
    problems,
  };
}
