// The dri: section of teamops.yml in the planner's terms; what is wrong with it is found before
// GitLab is asked anything.
import type { DriSection } from '../../config/sections/dri.js';
import { weekStart, type IsoDate } from '../common/calendar.js';
import type { DriSettings } from './model.js';

export interface SettingsResult {
  settings: DriSettings;
  problems: string[];
}

const withoutAt = (name: string) => name.replace(/^@/, '');

/** The defaults name the team in teamops.yml (`team.name`), never one team of GitLab's handbook. */
export function defaultTitle(teamName: string | undefined): string {
  return `${teamName ? `${teamName} ` : ''}DRI rotation week of {week_start}`;
}

export function defaultTemplateName(teamName: string | undefined): string {
  return teamName ? `${teamName}-DRI` : 'DRI';
}

export function driSettings(dri: DriSection, team: { name?: string } = {}): SettingsResult {
  const problems: string[] = [];
  if (!dri.project) problems.push('dri.project is not set: name the project that holds the DRI issues (group/project)');
  if (dri.roster.length === 0) problems.push('dri.roster is empty: list the GitLab usernames of the rotation in order');
  const onRoster = new Set(dri.roster.map((name) => name.toLowerCase()));
  for (const name of Object.keys(dri.absences)) {
    if (!onRoster.has(withoutAt(name).toLowerCase())) problems.push(`dri.absences names ${name}, who is not on dri.roster`);
  }
  const overrides = Object.fromEntries(Object.entries(dri.overrides).map(([day, name]) => [day, withoutAt(name)]));
  problems.push(...overrideProblems(overrides, dri.week_starts_on));
  return {
    settings: {
      project: dri.project ?? '',
      roster: dri.roster,
      templateName: dri.template ?? defaultTemplateName(team.name),
      title: dri.title ?? defaultTitle(team.name),
      labels: dri.labels,
      cadence: dri.cadence,
      weekStartsOn: dri.week_starts_on,
      absences: Object.fromEntries(Object.entries(dri.absences).map(([name, ranges]) => [withoutAt(name), ranges])),
      activeRequestLabel: dri.active_request_label,
      teamName: team.name ?? null,
      overrides,
      handoffLabels: dri.handoff_labels,
    },
    problems,
  };
}

/** Two swaps in one week would contradict each other. */
function overrideProblems(overrides: Record<IsoDate, string>, weekStartsOn: DriSection['week_starts_on']): string[] {
  const byWeek = new Map<IsoDate, IsoDate[]>();
  for (const day of Object.keys(overrides).sort()) {
    const week = weekStart(day, weekStartsOn);
    byWeek.set(week, [...(byWeek.get(week) ?? []), day]);
  }
  return [...byWeek.entries()]
    .filter(([, days]) => days.length > 1)
    .map(([week, days]) => `dri.overrides names ${days.join(' and ')}, both in the week of ${week}: keep one`);
}
