// Distribution's claiming rule: "You can show your interest in working on a specific task by
// leaving a comment in the issue … comment must contain the date on which you will commence the
// work. If the comment does not contain the date, or the date has passed, the item is free to be
// picked up by anyone again." A claim is a person's comment (never one of teamops' own, which carry
// a key) that says the writer will take the item; its
// start date is read with chrono-node's English parser, relative to the day the comment was written.
import * as chrono from 'chrono-node';
import { toTeamDate, type IsoDate } from '../common/calendar.js';
import { compareDates } from '../common/iso-date.js';
import type { Claim, ClaimComment } from './model.js';

// "I'll take this", "I will pick it up", "I can work on this", "I'd like to start on it", "claiming",
// "dibs", "interested in working on this".
const INTEREST = [
  /\b(?:i(?:'|’)?ll|i will|i can|i(?:'|’)?d like to|i would like to|i want to|i(?:'|’)?m going to|i am going to|let me)\b[^.!?\n]{0,40}?\b(?:take|pick|work|start|handle|grab|commence|begin)\b/i,
  /\b(?:claiming|i claim|dibs)\b/i,
  /\binterested in (?:working|picking|taking)\b/i,
  /\b(?:i(?:'|’)?m|i am) (?:taking|picking|starting)\b/i,
];

/** Whether a comment claims the item (whatever its date). */
export function isClaimComment(body: string): boolean {
  return INTEREST.some((pattern) => pattern.test(body));
}

// Words right before a date that make it the start ("starting Dec 3", "from 3 December", "on Monday"),
// or something else ("blocked since Nov 20", "due by Friday").
const START_WORDS = /\b(?:start(?:ing|s)?|from|on|commenc\w*|begin\w*|as of)\W*$/i;
const OTHER_WORDS = /\b(?:since|until|till|by|before|after|due|deadline|ago)\W*$/i;

/**
 * The start date a claim gives: a day-precise date after a start word, else the first one on or after
 * the day it was written, else the first at all (a date already past makes a lapsed claim); null without one.
 */
export function claimStartDate(body: string, writtenOn: IsoDate): IsoDate | null {
  // Noon on the day written, so "tomorrow" and weekdays are read in the writer's calendar.
  const [y, m, d] = writtenOn.split('-').map(Number) as [number, number, number];
  const reference = new Date(Date.UTC(y, m - 1, d, 12));
  const dates = chrono
    .parse(body, { instant: reference, timezone: 0 }, { forwardDate: true })
    .filter((result) => result.start.isCertain('day') || result.start.isCertain('weekday') || /\b(?:today|tomorrow)\b/i.test(result.text))
    .map((result) => {
      const before = body.slice(Math.max(0, result.index - 24), result.index);
      const day = result.start;
      const date = `${String(day.get('year')).padStart(4, '0')}-${String(day.get('month')).padStart(2, '0')}-${String(day.get('day')).padStart(2, '0')}`;
      return { date, start: START_WORDS.test(before), other: OTHER_WORDS.test(before) };
    })
    .filter((found) => !found.other);
  const chosen = dates.find((found) => found.start) ?? dates.find((found) => compareDates(found.date, writtenOn) >= 0) ?? dates[0];
  return chosen?.date ?? null;
}

/**
 * Every claim on an issue, the latest per claimer (a later comment replaces an earlier one): valid
 * while its start date has not passed, lapsed once it has, not a claim without a date.
 */
export function readClaims(issue: string, comments: ClaimComment[], today: IsoDate, timeZone: string): Claim[] {
  const latest = new Map<string, Claim>();
  const ordered = [...comments].sort((a, b) => compareDates(a.createdAt, b.createdAt) || a.noteId - b.noteId);
  for (const comment of ordered) {
    if (!isClaimComment(comment.body)) continue;
    const startDate = claimStartDate(comment.body, toTeamDate(new Date(comment.createdAt), timeZone));
    const state = startDate === null ? 'not-a-claim' : compareDates(startDate, today) < 0 ? 'lapsed' : 'valid';
    latest.set(comment.author.toLowerCase(), {
      issue,
      noteId: comment.noteId,
      claimer: comment.author,
      startDate,
      state,
      createdAt: comment.createdAt,
    });
  }
  return [...latest.values()];
}

/** The valid claim by someone other than `user`, if any: the item is not theirs to pick up. */
export function claimedByOther(claims: Claim[] | undefined, user: string): Claim | undefined {
  return claims?.find((c) => c.state === 'valid' && c.claimer.toLowerCase() !== user.toLowerCase());
}
