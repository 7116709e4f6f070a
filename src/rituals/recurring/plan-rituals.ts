// Recurring ritual issues from `rituals:` in teamops.yml: the monthly Ops showcase discussion
// ("at least one showcase video and async discussion issue per month … The team's Engineering
// Manager is the DRI"), the Key Project review prep issue ("at least 48 hours in advance of the
// meeting"), a weekly meeting agenda "at alternating time zones". `ritual run` opens each issue
// due today that is not there yet (found by its key: ritual, team and occurrence date);
// `ritual check` lists due, done and missing ones.
import type { RitualEntry } from '../../config/sections/rituals.js';
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { formatDate, instantAt, isoWeekLabel, weekdayOf, type IsoDate, type Weekday } from '../common/calendar.js';
import { WEEKDAYS } from '../common/iso-date.js';
import { renderIssueBody } from '../common/issue-body.js';
import { fillPattern } from '../common/pattern.js';
import { dueOccurrence, nextOccurrence, type Cadence, type Occurrence, type Schedule } from './cadence.js';

export interface RitualSettings {
  name: string;
  schedule: Schedule;
  entry: RitualEntry;
}

const NTH: Record<string, number> = { '1st': 1, first: 1, '2nd': 2, second: 2, '3rd': 3, third: 3, '4th': 4, fourth: 4, last: -1 };
const DURATION = /^(\d+)\s*(h|hours?|d|days?)$/i;

const isWeekday = (text: string): text is Weekday => (WEEKDAYS as readonly string[]).includes(text);

/** The ritual's cadence in the planner's terms, or what is wrong with it (each problem names the key). */
export function ritualSettings(name: string, entry: RitualEntry, timeZone: string): RitualSettings | string[] {
  const at = (key: string) => `rituals.${name}.${key}`;
  const problems: string[] = [];
  const every = entry.every.trim().toLowerCase();
  const on = typeof entry.on === 'string' ? entry.on.trim().toLowerCase() : entry.on;
  let cadence: Cadence | null = null;
  const weeks = /^(\d+)\s*weeks?$/.exec(every);
  if (every === 'week' || weeks) {
    const interval = weeks ? Number(weeks[1]) : 1;
    const weekday = typeof on === 'string' ? on : undefined;
    if (interval < 1) problems.push(`${at('every')}: expected at least 1 week`);
    else if (interval > 1 && !entry.from)
      problems.push(`${at('from')}: every ${interval} weeks counts from a first date; set from: YYYY-MM-DD`);
    else if (weekday !== undefined && !isWeekday(weekday))
      problems.push(`${at('on')}: expected a weekday such as tuesday, got "${entry.on}"`);
    else if (weekday === undefined && !entry.from) problems.push(`${at('on')}: name the weekday (on: tuesday)`);
    else {
      const anchorDay = entry.from ? weekdayOf(entry.from) : undefined;
      if (weekday !== undefined && anchorDay !== undefined && weekday !== anchorDay)
        problems.push(`${at('from')}: ${entry.from} is a ${anchorDay}, not a ${weekday}`);
      else cadence = { kind: 'weekly', weekday: (weekday as Weekday | undefined) ?? anchorDay!, interval, anchor: entry.from ?? null };
    }
  } else if (every === 'month') {
    const nth = typeof on === 'string' ? /^(1st|2nd|3rd|4th|first|second|third|fourth|last)\s+(\w+)$/.exec(on) : null;
    if (typeof on === 'number') cadence = { kind: 'monthly-day', day: on };
    else if (nth && isWeekday(nth[2]!)) cadence = { kind: 'monthly-weekday', nth: NTH[nth[1]!]!, weekday: nth[2] };
    else
      problems.push(
        `${at('on')}: expected a day of the month (15) or a weekday of it ("2nd tuesday", "last friday"), got "${entry.on ?? ''}"`,
      );
  } else problems.push(`${at('every')}: expected week, month or "N weeks", got "${entry.every}"`);
  let leadHours: number | null = null;
  if (entry.before !== undefined) {
    const duration = DURATION.exec(entry.before.trim());
    if (!duration) problems.push(`${at('before')}: expected a lead time such as 48h or 2d, got "${entry.before}"`);
    else leadHours = Number(duration[1]) * (duration[2]!.toLowerCase().startsWith('h') ? 1 : 24);
  }
  if (entry.at && leadHours === null) problems.push(`${at('at')}: a meeting time matters only with a lead time (before: 48h)`);
  if (entry.assignees.includes('host') && !entry.rotation) problems.push(`${at('assignees')}: "host" needs a rotation with hosts`);
  if (problems.length > 0 || !cadence) return problems;
  return { name, entry, schedule: { cadence, leadHours, at: entry.at ?? null, timeZone } };
}

/** A ritual's assignees that stand for someone, found for each issue (`em`, `dri`, `host`); any other is a username. */
export const ASSIGNEE_ROLES = ['em', 'dri', 'host'] as const;

export function isAssigneeRole(assignee: string): boolean {
  return (ASSIGNEE_ROLES as readonly string[]).includes(assignee);
}

/** One issue a ritual wants for one team (or none): what `ritual run` opens and `ritual check` reports. */
export interface RitualTarget {
  ritual: RitualSettings;
  team: string | null;
  project: string;
}

export function ritualKey(target: Pick<RitualTarget, 'team'> & { ritual: { name: string } }, date: IsoDate): string {
  return `ritual/${target.ritual.name}/${target.team ? `${target.team}/` : ''}${date}`;
}

/** What the occurrence's title and template see. */
export interface RitualValues {
  ritual: string;
  date: IsoDate;
  opens: IsoDate;
  team: string;
  month: string;
  week: string;
  yyyy: string;
  mm: string;
  host: string;
  zone: string;
  time: string;
  /** The meeting as an instant, when its time is known. */
  utc: string;
}

export function ritualValues(target: RitualTarget, occurrence: Pick<Occurrence, 'date' | 'opensOn' | 'index'>): RitualValues {
  const { entry, schedule } = target.ritual;
  const rotation = entry.rotation ? entry.rotation[occurrence.index % entry.rotation.length] : undefined;
  const zone = rotation?.zone ?? schedule.timeZone;
  const time = rotation?.time ?? entry.at ?? '';
  return {
    ritual: target.ritual.name,
    date: occurrence.date,
    opens: occurrence.opensOn,
    team: target.team ?? '',
    month: formatDate(occurrence.date, 'MMMM yyyy'),
    week: isoWeekLabel(occurrence.date),
    yyyy: occurrence.date.slice(0, 4),
    mm: occurrence.date.slice(5, 7),
    host: rotation?.host ?? '',
    zone,
    time,
    utc: time ? instantAt(occurrence.date, time, zone) : '',
  };
}

export function ritualTitle(target: RitualTarget, values: RitualValues): string {
  return fillPattern(target.ritual.entry.title, { ...values }, `rituals.${target.ritual.name}.title`);
}

export interface RitualState {
  /** Per target (same order): the occurrence's existing issue, if any. */
  existing: Array<{ reference: string; webUrl: string } | null>;
  /** Per target: the template text. */
  templates: string[];
  /** Per target and occurrence: who to assign (user ids and usernames), resolved from usernames, em, dri, host. */
  assignees: Array<Array<{ id: number; username: string }>>;
}

export type RitualStatus = 'done' | 'missing' | 'created' | 'not-due';

export interface RitualReportEntry {
  ritual: string;
  team: string | null;
  project: string;
  /** The occurrence due today, or the next one. */
  date: IsoDate | null;
  opensOn: IsoDate | null;
  status: RitualStatus;
  title: string | null;
  issue: { reference: string; url: string } | null;
}

export interface RitualContext {
  rituals: RitualReportEntry[];
}

/** The occurrence each target has due today, or null. */
export function dueOccurrences(targets: RitualTarget[], today: IsoDate): Array<Occurrence | null> {
  return targets.map((target) => dueOccurrence(target.ritual.schedule, today));
}

/** Opens each due issue that is not there; what is there is unchanged; rituals with nothing due are reported with their next date. */
export function planRituals(
  targets: RitualTarget[],
  occurrences: Array<Occurrence | null>,
  state: RitualState,
  today: IsoDate,
  command: string,
): Plan<RitualContext> {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const report: RitualReportEntry[] = targets.map((target, index) => {
    const occurrence = occurrences[index] ?? null;
    const base = { ritual: target.ritual.name, team: target.team, project: target.project };
    if (!occurrence) {
      const next = nextOccurrence(target.ritual.schedule, today);
      return { ...base, date: next?.date ?? null, opensOn: next?.opensOn ?? null, status: 'not-due', title: null, issue: null };
    }
    const values = ritualValues(target, occurrence);
    const title = ritualTitle(target, values);
    const key = ritualKey(target, occurrence.date);
    const existing = state.existing[index] ?? null;
    const entry = { ...base, date: occurrence.date, opensOn: occurrence.opensOn, title };
    if (existing) {
      unchanged.push({
        key,
        summary: `${target.ritual.name}${target.team ? ` (${target.team})` : ''} for ${occurrence.date} exists: ${existing.reference} "${title}"`,
        url: existing.webUrl,
      });
      return { ...entry, status: 'done', issue: { reference: existing.reference, url: existing.webUrl } };
    }
    const assignees = state.assignees[index] ?? [];
    const variables = { ...values, assignees: assignees.map((a) => a.username) };
    const description = renderIssueBody(state.templates[index] ?? '', variables, `rituals.${target.ritual.name}.template`).trim();
    actions.push({
      kind: 'create-issue',
      key,
      summary: `create "${title}" in ${target.project}${assignees.length ? `, assigned to ${assignees.map((a) => `@${a.username}`).join(', ')}` : ''}`,
      project: target.project,
      issue: { title, description, labels: target.ritual.entry.labels, assigneeIds: assignees.map((a) => a.id) },
    });
    return { ...entry, status: 'missing', issue: null };
  });
  const scope = [...new Set(targets.map((t) => t.project))].join(', ') || 'rituals';
  return createPlan({ command, scope, date: today, actions, unchanged, context: { rituals: report } });
}
