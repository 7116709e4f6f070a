// okr checkin --remind, for a pipeline the day before the staff meeting: one comment per week on
// each open key result whose last check-in is older than okr.checkin_cadence, mentioning its
// assignees. Nobody is mentioned twice in one week: someone assigned to several overdue key
// results is mentioned on the first (by reference) and named without an @ on the others, and
// people mentioned by an earlier run this week are not mentioned again.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { isoWeekLabel, type IsoDate } from '../common/calendar.js';
import { compareText } from '../common/text.js';
import { isOverdue, mentionsIn, readCheckins, reminderKey, remindersThisWeek, type CheckinCadence } from './checkins.js';
import { mention, type KeyResultIssue } from './key-result-issue.js';
import type { OkrQuarter } from './quarter.js';

export interface ReminderRequest {
  quarter: OkrQuarter;
  cadence: CheckinCadence;
}

export interface ReminderSummary {
  reference: string;
  title: string;
  webUrl: string;
  lastCheckin: IsoDate | null;
  /** Mentioned by this reminder. */
  mentioned: string[];
  /** Assignees mentioned elsewhere this week, named without an @. */
  alreadyMentioned: string[];
}

export interface ReminderPlanContext {
  quarter: string;
  week: string;
  cadence: CheckinCadence;
  reminders: ReminderSummary[];
}

const CADENCE_WORDS: Record<CheckinCadence, string> = { weekly: 'this week', biweekly: 'these two weeks', monthly: 'this month' };

function reminderBody(kr: KeyResultIssue, summary: ReminderSummary, cadence: CheckinCadence): string {
  const who = [
    summary.mentioned.length > 0 ? mention(summary.mentioned) : '',
    summary.alreadyMentioned.length > 0 ? `(also ${summary.alreadyMentioned.join(', ')}, reminded elsewhere this week)` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const last = summary.lastCheckin ? `The last check-in was on ${summary.lastCheckin}.` : 'It has no check-in yet.';
  return [
    `${who || 'This key result has no assignee.'} Please check in on this key result ${CADENCE_WORDS[cadence]}, before the staff meeting. ${last}`,
    '',
    `Update the **Current:** and **Score:** lines of the description, or run \`teamops okr checkin --kr ${kr.reference} --current VALUE --note "…"\`.`,
  ].join('\n');
}

export function planReminders(keyResults: KeyResultIssue[], request: ReminderRequest, today: IsoDate): Plan<ReminderPlanContext> {
  const week = isoWeekLabel(today);
  const open = keyResults.filter((kr) => kr.state === 'opened').sort((a, b) => compareText(a.reference, b.reference));
  const mentioned = new Set(
    open.flatMap((kr) => remindersThisWeek(kr.reference, kr.notes, today)).flatMap((note) => mentionsIn(note.body)),
  );
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const reminders: ReminderSummary[] = [];
  for (const kr of open) {
    const last = readCheckins(kr.reference, kr.notes).at(-1);
    const key = reminderKey(kr.reference, today);
    if (!isOverdue(last, today, request.cadence)) {
      unchanged.push({ key, summary: `${kr.reference} "${kr.title}" was checked in on ${last?.date ?? '?'}`, url: kr.webUrl });
      continue;
    }
    if (remindersThisWeek(kr.reference, kr.notes, today).length > 0) {
      unchanged.push({ key, summary: `${kr.reference} "${kr.title}" was reminded in ${week}`, url: kr.webUrl });
      continue;
    }
    const fresh = kr.assignees.filter((a) => !mentioned.has(a.toLowerCase()));
    for (const a of fresh) mentioned.add(a.toLowerCase());
    const summary: ReminderSummary = {
      reference: kr.reference,
      title: kr.title,
      webUrl: kr.webUrl,
      lastCheckin: last?.date ?? null,
      mentioned: fresh,
      alreadyMentioned: kr.assignees.filter((a) => !fresh.includes(a)),
    };
    reminders.push(summary);
    actions.push({
      kind: 'create-note',
      key,
      summary:
        fresh.length > 0
          ? `remind ${mention(fresh)} to check in on ${kr.reference} "${kr.title}" (last: ${summary.lastCheckin ?? 'never'})`
          : `comment that ${kr.reference} "${kr.title}" needs a check-in (last: ${summary.lastCheckin ?? 'never'}); its assignees were mentioned on another key result this week`,
      target: { project: kr.projectId, iid: kr.iid },
      body: reminderBody(kr, summary, request.cadence),
    });
  }
  return createPlan<ReminderPlanContext>({
    command: 'okr checkin --remind',
    scope: `${request.quarter.quarter.name} key results`,
    date: today,
    actions,
    unchanged,
    context: { quarter: request.quarter.quarter.name, week, cadence: request.cadence, reminders },
  });
}
