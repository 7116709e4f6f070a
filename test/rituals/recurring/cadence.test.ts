import { describe, expect, it } from 'vitest';
import { dueOccurrence, type Schedule } from '../../../src/rituals/recurring/cadence.js';
import { ritualSettings } from '../../../src/rituals/recurring/plan-rituals.js';
import { addDays } from '../../../src/rituals/common/calendar.js';

const ZONE = 'Europe/Amsterdam';

function schedule(entry: Record<string, unknown>): Schedule {
  const settings = ritualSettings('r', { title: 't', labels: [], assignees: [], ...entry } as never, ZONE);
  if (Array.isArray(settings)) throw new Error(settings.join('\n'));
  return settings.schedule;
}

/** Running every day of 2027-Q1: on which days a new occurrence becomes due, and for which date. */
function openedOverQuarter(s: Schedule): string[] {
  const opened: string[] = [];
  let previous: string | null = null;
  for (let day = '2027-01-01'; day <= '2027-03-31'; day = addDays(day, 1)) {
    const due = dueOccurrence(s, day);
    if (due && due.date !== previous) opened.push(`${day} → ${due.date}`);
    previous = due?.date ?? previous;
  }
  return opened;
}

describe('ritual cadences over 2027-Q1 (expected dates written by hand)', () => {
  it('weekly on Monday; the first run catches up on the week that began on 2026-12-28', () => {
    expect(openedOverQuarter(schedule({ every: 'week', on: 'monday' }))).toEqual([
      '2027-01-01 → 2026-12-28',
      '2027-01-04 → 2027-01-04',
      '2027-01-11 → 2027-01-11',
      '2027-01-18 → 2027-01-18',
      '2027-01-25 → 2027-01-25',
      '2027-02-01 → 2027-02-01',
      '2027-02-08 → 2027-02-08',
      '2027-02-15 → 2027-02-15',
      '2027-02-22 → 2027-02-22',
      '2027-03-01 → 2027-03-01',
      '2027-03-08 → 2027-03-08',
      '2027-03-15 → 2027-03-15',
      '2027-03-22 → 2027-03-22',
      '2027-03-29 → 2027-03-29',
    ]);
  });

  it('monthly on the 1st Thursday', () => {
    expect(openedOverQuarter(schedule({ every: 'month', on: '1st thursday' }))).toEqual([
      '2027-01-01 → 2026-12-03',
      '2027-01-07 → 2027-01-07',
      '2027-02-04 → 2027-02-04',
      '2027-03-04 → 2027-03-04',
    ]);
  });

  it('monthly on the 31st, clamped to February', () => {
    expect(openedOverQuarter(schedule({ every: 'month', on: 31 }))).toEqual([
      '2027-01-01 → 2026-12-31',
      '2027-01-31 → 2027-01-31',
      '2027-02-28 → 2027-02-28',
      '2027-03-31 → 2027-03-31',
    ]);
  });

  it('monthly on the last Friday', () => {
    expect(openedOverQuarter(schedule({ every: 'month', on: 'last friday' }))).toEqual([
      '2027-01-01 → 2026-12-25',
      '2027-01-29 → 2027-01-29',
      '2027-02-26 → 2027-02-26',
      '2027-03-26 → 2027-03-26',
    ]);
  });

  it('every 2 weeks from Wednesday 2027-01-06, nothing before the anchor', () => {
    expect(openedOverQuarter(schedule({ every: '2 weeks', from: '2027-01-06' }))).toEqual([
      '2027-01-06 → 2027-01-06',
      '2027-01-20 → 2027-01-20',
      '2027-02-03 → 2027-02-03',
      '2027-02-17 → 2027-02-17',
      '2027-03-03 → 2027-03-03',
      '2027-03-17 → 2027-03-17',
      '2027-03-31 → 2027-03-31',
    ]);
  });

  it('48 hours before each review on the 2nd Tuesday at 15:00: the Sunday before, and not after the review', () => {
    const review = schedule({ every: 'month', on: '2nd tuesday', before: '48h', at: '15:00' });
    expect(openedOverQuarter(review)).toEqual(['2027-01-10 → 2027-01-12', '2027-02-07 → 2027-02-09', '2027-03-07 → 2027-03-09']);
    expect(dueOccurrence(review, '2027-01-12')?.date).toBe('2027-01-12');
    expect(dueOccurrence(review, '2027-01-13')).toBeNull();
  });

  it('counts a lead time in hours across the change to summer time', () => {
    // Amsterdam moves to UTC+2 on Sunday 2027-03-28 at 02:00. 48 hours before Tuesday 00:30 (22:30 UTC
    // on Monday) is 22:30 UTC on Saturday: 23:30 on Saturday in Amsterdam, one hour short of Sunday.
    const early = schedule({ every: 'week', on: 'tuesday', before: '48h', at: '00:30' });
    expect(dueOccurrence(early, '2027-03-27')).toMatchObject({ date: '2027-03-30', opensOn: '2027-03-27' });
    expect(dueOccurrence(early, '2027-03-20')).toBeNull();
    expect(dueOccurrence(early, '2027-03-21')).toMatchObject({ date: '2027-03-23', opensOn: '2027-03-21' });
  });

  it('a day before each Thursday meeting, alternating: occurrences count on from a fixed week', () => {
    const weekly = schedule({ every: 'week', on: 'thursday', before: '1d' });
    const first = dueOccurrence(weekly, '2027-01-06');
    const second = dueOccurrence(weekly, '2027-01-13');
    expect([first?.date, second?.date]).toEqual(['2027-01-07', '2027-01-14']);
    expect((second?.index ?? 0) - (first?.index ?? 0)).toBe(1);
    expect(openedOverQuarter(weekly)).toHaveLength(13);
    expect(openedOverQuarter(weekly).at(-1)).toBe('2027-03-31 → 2027-04-01');
  });

  it.each([
    [{ every: 'fortnight', on: 'monday' }, 'rituals.r.every: expected week, month or "N weeks", got "fortnight"'],
    [{ every: '2 weeks', on: 'monday' }, 'rituals.r.from: every 2 weeks counts from a first date; set from: YYYY-MM-DD'],
    [{ every: 'week', on: 'mondy' }, 'rituals.r.on: expected a weekday such as tuesday, got "mondy"'],
    [{ every: 'week', on: 'monday', from: '2027-01-06' }, 'rituals.r.from: 2027-01-06 is a wednesday, not a monday'],
    [
      { every: 'month', on: '5th monday' },
      'rituals.r.on: expected a day of the month (15) or a weekday of it ("2nd tuesday", "last friday"), got "5th monday"',
    ],
    [{ every: 'month', on: 1, before: 'two days' }, 'rituals.r.before: expected a lead time such as 48h or 2d, got "two days"'],
    [{ every: 'month', on: 1, at: '15:00' }, 'rituals.r.at: a meeting time matters only with a lead time (before: 48h)'],
  ])('rejects %j', (entry, problem) => {
    expect(ritualSettings('r', { title: 't', labels: [], assignees: [], ...entry } as never, ZONE)).toEqual([problem]);
  });
});
