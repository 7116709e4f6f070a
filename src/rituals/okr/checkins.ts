// A key result's weekly check-in is a comment teamops writes once per key result and ISO week (its
// hidden key `okr-checkin/<reference>/<week>`), holding the value as a `Current:` line that the one
// progress reader reads back, and the check-in's day. Reminders are comments too, once per key
// result and week. The handbook asks for a check-in every week before the staff meeting;
// okr.checkin_cadence relaxes that to every other week or once a month.
import { addDays, isoWeekLabel, weekStart, type IsoDate } from '../common/calendar.js';
import { compareText } from '../common/text.js';
import { firstNumber, readKeyResultProgress } from './progress.js';

export type CheckinCadence = 'weekly' | 'biweekly' | 'monthly';

/** A comment as the check-in rituals read it. */
export interface OkrNote {
  id: number;
  body: string;
  key: string | null;
  createdAt: string;
}

export interface Checkin {
  noteId: number;
  key: string;
  /** `2027-W03` */
  week: string;
  date: IsoDate;
  value: number | null;
  /** The Current line as written: `70 minutes`. */
  current: string | null;
  body: string;
}

const CHECKIN = 'okr-checkin/';
const REMINDER = 'okr-checkin-reminder/';

/** `okr-checkin/distribution/omnibus#12/2027-W03`: one check-in per key result and week. */
export function checkinKey(reference: string, today: IsoDate): string {
  return `${CHECKIN}${reference}/${isoWeekLabel(today)}`;
}

/** `okr-checkin-reminder/distribution/omnibus#12/2027-W03`: one reminder per key result and week. */
export function reminderKey(reference: string, today: IsoDate): string {
  return `${REMINDER}${reference}/${isoWeekLabel(today)}`;
}

const ISO_DAY = /\b(\d{4}-\d{2}-\d{2})\b/;

/** The key result's check-ins, oldest first. A check-in's day is the one its comment names, else the day it was posted. */
export function readCheckins(reference: string, notes: readonly OkrNote[]): Checkin[] {
  const prefix = `${CHECKIN}${reference}/`;
  return notes
    .flatMap((note): Checkin[] => {
      if (!note.key?.startsWith(prefix)) return [];
      const current = readKeyResultProgress(note.body).current;
      return [
        {
          noteId: note.id,
          key: note.key,
          week: note.key.slice(prefix.length),
          date: ISO_DAY.exec(note.body)?.[1] ?? note.createdAt.slice(0, 10),
          value: firstNumber(current),
          current,
          body: note.body,
        },
      ];
    })
    .sort((a, b) => compareText(a.week, b.week) || compareText(a.date, b.date));
}

/** This week's reminders already posted on the key result. */
export function remindersThisWeek(reference: string, notes: readonly OkrNote[], today: IsoDate): OkrNote[] {
  const key = reminderKey(reference, today);
  return notes.filter((note) => note.key === key);
}

/** The first day of the period that must hold a check-in: this week, these two weeks, or this month. */
export function cadenceStart(today: IsoDate, cadence: CheckinCadence): IsoDate {
  if (cadence === 'weekly') return weekStart(today);
  if (cadence === 'biweekly') return addDays(weekStart(today), -7);
  return `${today.slice(0, 7)}-01`;
}

/** Overdue: an open key result without a check-in in the current period (a key result never checked in is overdue). */
export function isOverdue(last: Checkin | undefined, today: IsoDate, cadence: CheckinCadence): boolean {
  return last === undefined || compareText(last.date, cadenceStart(today, cadence)) < 0;
}

/** `@amara.okafor` mentions in a comment. */
export function mentionsIn(body: string): string[] {
  return [...body.matchAll(/(?<![\w@])@([\w.-]*\w)/g)].map((m) => m[1]!.toLowerCase());
}
