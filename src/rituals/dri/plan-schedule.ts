// Who is DRI each coming week: whoever an existing issue names, else whom `dri rotate` would choose
// then; with a longer cadence a rotation's DRI stays for its following weeks.
import { addDays, type IsoDate } from '../common/calendar.js';
import type { Cadence, DriIssue, DriSettings, DriState, SkippedMember } from './model.js';
import { issueForWeek, issuesAround } from './rotation-issues.js';
import { everyoneAway, pickDri, plannedSwap } from './roster.js';
import { calendarWeek, nextRotationStart, resolveWeek, rotationDays } from './week.js';

export interface DriScheduleWeek {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  dri: string | null;
  /** Whose turn in the roster order the rotation is. */
  rotationMember: string | null;
  /** An issue says so, or the rotation logic plans it. */
  source: 'issue' | 'planned';
  issue: { reference: string; webUrl: string } | null;
  /** This week starts a rotation (with a longer cadence, the following weeks continue it). */
  startsRotation: boolean;
  /** The dri.overrides day that makes this a planned swap, when it is one. */
  plannedSwap: IsoDate | null;
  skipped: SkippedMember[];
}

export interface DriSchedule {
  project: string;
  cadence: Cadence;
  weeks: DriScheduleWeek[];
  warnings: string[];
}

export interface DriScheduleRequest {
  /** First day of the first week to show; the week containing today when absent. */
  from?: IsoDate;
  weeks: number;
}

interface Rotation {
  handsOver: IsoDate;
  dri: string | null;
  /** The dri.overrides day that gave this rotation its DRI. */
  plannedSwap: IsoDate | null;
  rotationMember: string | null;
  issue: DriIssue | null;
  skipped: SkippedMember[];
}

export function planDriSchedule(state: DriState, request: DriScheduleRequest, today: IsoDate): DriSchedule {
  const { settings } = state;
  const from = request.from ?? resolveWeek(undefined, today, settings.weekStartsOn);
  const warnings = new Set<string>();
  const previous = issuesAround(state.issues, from).previous;
  let current: Rotation | null = previous ? rotationOfIssue(previous, settings) : null;
  let plannedAny = false;
  const planNext = (week: IsoDate, after: Rotation | null): Rotation => {
    const planned = plannedRotation(state, week, after, !plannedAny);
    planned.warnings.forEach((w) => warnings.add(w));
    plannedAny = true;
    return planned.rotation;
  };
  const weeks: DriScheduleWeek[] = [];
  for (let i = 0; i < request.weeks; i += 1) {
    const week = addDays(from, 7 * i);
    const issue = issueForWeek(state.issues, week);
    const continuing = !issue && current !== null && week < current.handsOver ? current : null;
    const rotation = issue ? rotationOfIssue(issue, settings) : (continuing ?? planNext(week, current));
    weeks.push(scheduleWeek(week, rotation, continuing === null));
    current = rotation;
  }
  return { project: settings.project, cadence: settings.cadence, weeks, warnings: [...warnings] };
}

function rotationOfIssue(issue: DriIssue, settings: DriSettings): Rotation {
  return {
    handsOver: nextRotationStart(issue.weekStart, settings.cadence, settings.weekStartsOn),
    dri: issue.assignee,
    plannedSwap: null,
    rotationMember: issue.rotationMember,
    issue,
    skipped: [],
  };
}

/** The rotation `dri rotate` would start on `week`; a Busy status counts only for the first one planned. */
function plannedRotation(
  state: DriState,
  week: IsoDate,
  current: Rotation | null,
  isNextRotation: boolean,
): { rotation: Rotation; warnings: string[] } {
  const { settings } = state;
  const days = rotationDays(week, settings);
  const pick = pickDri(state, days, current?.rotationMember ?? null, isNextRotation);
  // A planned swap takes the rotation without moving the roster on: the next one follows pick.member.
  const swap = plannedSwap(settings, days);
  return {
    rotation: {
      handsOver: nextRotationStart(week, settings.cadence, settings.weekStartsOn),
      dri: swap?.username ?? pick.member,
      plannedSwap: swap?.day ?? null,
      rotationMember: pick.member ?? current?.rotationMember ?? null,
      issue: null,
      skipped: pick.skipped,
    },
    warnings: [...pick.warnings, ...(pick.member === null && !swap ? [everyoneAway(week)] : [])],
  };
}

function scheduleWeek(week: IsoDate, rotation: Rotation, startsRotation: boolean): DriScheduleWeek {
  return {
    weekStart: week,
    weekEnd: calendarWeek(week).end,
    dri: rotation.dri,
    rotationMember: rotation.rotationMember,
    source: rotation.issue ? 'issue' : 'planned',
    issue: rotation.issue ? { reference: rotation.issue.reference, webUrl: rotation.issue.webUrl } : null,
    startsRotation,
    plannedSwap: startsRotation ? rotation.plannedSwap : null,
    skipped: startsRotation ? rotation.skipped : [],
  };
}
