import { describe, expect, it } from 'vitest';
import { claimStartDate, isClaimComment, readClaims } from '../../../src/rituals/queue/claims.js';

describe('reading a claim', () => {
  it.each([
    ["I'll pick this up, starting 2026-12-03", '2026-12-03'],
    ['I can take this on Dec 3', '2026-12-03'],
    ['I will work on it from 3 December', '2026-12-03'],
    ["I'm taking this from December 3rd, 2026", '2026-12-03'],
    ['Claiming this, starting tomorrow', '2026-12-01'],
    ["I'll start on it next Monday", '2026-12-07'],
    ['dibs, from Jan 5', '2027-01-05'],
    ["I'll take it. It has been broken since Nov 20; starting Dec 3", '2026-12-03'],
  ])('%s → %s (written on Monday 2026-11-30)', (body, expected) => {
    expect(isClaimComment(body)).toBe(true);
    expect(claimStartDate(body, '2026-11-30')).toBe(expected);
  });

  it('reads a date without a year as the next one: "on Jan 4" written in late December is January next year', () => {
    expect(claimStartDate("I'll take it on Jan 4", '2026-12-28')).toBe('2027-01-04');
  });

  it('a comment that claims nothing is no claim, and a claim without a date has none', () => {
    expect(isClaimComment('Broken since Nov 20, see the logs')).toBe(false);
    expect(claimStartDate("I'd like to take this", '2026-11-30')).toBeNull();
  });

  it('valid until the start date has passed, lapsed after; without a date not a claim; the latest comment per person counts', () => {
    const comments = [
      { noteId: 1, author: 'amara', body: "I'll take this from 2026-11-20", createdAt: '2026-11-16T09:00:00Z' },
      { noteId: 2, author: 'bruno', body: "I'd like to pick this up", createdAt: '2026-11-17T09:00:00Z' },
      { noteId: 3, author: 'chen', body: "I'll take it, starting 2026-12-01", createdAt: '2026-11-18T09:00:00Z' },
      { noteId: 4, author: 'dana', body: "I'll take this on 2026-11-25", createdAt: '2026-11-18T09:00:00Z' },
      { noteId: 5, author: 'dana', body: 'I will start on 2026-12-04 instead', createdAt: '2026-11-26T09:00:00Z' },
      { noteId: 6, author: 'emeka', body: 'Any news on this?', createdAt: '2026-11-26T09:00:00Z' },
    ];
    const claims = readClaims('g/p#1', comments, '2026-12-01', 'Europe/Amsterdam');
    expect(claims.map((c) => [c.claimer, c.startDate, c.state, c.noteId])).toEqual([
      ['amara', '2026-11-20', 'lapsed', 1],
      ['bruno', null, 'not-a-claim', 2],
      ['chen', '2026-12-01', 'valid', 3],
      ['dana', '2026-12-04', 'valid', 5],
    ]);
  });
});
