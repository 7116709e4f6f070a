import { describe, expect, it } from 'vitest';
import { HANDBOOK_ORDER } from '../../../src/config/sections/queue.js';
import type { QueueMergeRequest, QueueState } from '../../../src/rituals/queue/model.js';
import { planQueue, reviewState } from '../../../src/rituals/queue/plan-queue.js';
import { workingHoursBetween } from '../../../src/rituals/common/calendar.js';

const settings = {
  timezone: 'Europe/Amsterdam',
  priorityLabel: 'priority::{n}',
  deliverableLabel: 'Deliverable',
  inProgressLabels: ['workflow::in dev'],
  reviewSloHours: 48,
  nearBreach: 0.75,
  order: HANDBOOK_ORDER,
};

describe('working hours', () => {
  it('count Monday to Friday in the team zone, not the weekend', () => {
    // Friday 12:00 to Monday 12:00 in Amsterdam (UTC+1 in November): 12 h on Friday, 12 h on Monday.
    expect(workingHoursBetween('2026-11-27T11:00:00Z', '2026-11-30T11:00:00Z', 'Europe/Amsterdam')).toBe(24);
    expect(workingHoursBetween('2026-11-28T11:00:00Z', '2026-11-29T11:00:00Z', 'Europe/Amsterdam')).toBe(0);
    expect(workingHoursBetween('2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', 'Europe/Amsterdam')).toBe(0);
  });

  it('across the end of summer time the 25-hour Sunday does not count', () => {
    // Monday 2026-10-26 00:00 CET back to Friday 2026-10-23 00:00 CEST: Fri (24) + Sat + Sun (skipped).
    expect(workingHoursBetween('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 'Europe/Amsterdam')).toBe(0);
    expect(workingHoursBetween('2026-10-22T22:00:00Z', '2026-10-26T23:00:00Z', 'Europe/Amsterdam')).toBe(48);
  });
});

describe('the review SLO', () => {
  it.each([
    [35.9, 'within'],
    [36, 'near'],
    [47.9, 'near'],
    [48, 'breaching'],
  ] as const)('%s working hours of 48 is %s', (hours, expected) => {
    expect(reviewState(hours, settings)).toBe(expected);
  });

  function review(reference: string, createdAt: string): QueueMergeRequest {
    return {
      reference,
      title: reference,
      webUrl: `https://gitlab.test/${reference}`,
      author: 'amara',
      reviewers: ['chen'],
      draft: false,
      labels: ['priority::3'],
      createdAt,
      blockingDiscussionsResolved: true,
      hasConflicts: false,
      detailedMergeStatus: 'mergeable',
    };
  }

  it('places reviews by the hour: breaching at exactly 48 working hours, near at exactly 36', () => {
    // Now: Thursday 2026-12-03 12:00 Amsterdam. 48 working hours back is Tuesday 12:00; 36 is Wednesday 00:00.
    const state: QueueState = {
      settings,
      user: 'chen',
      mergeRequests: [
        review('g/p!1', '2026-12-01T11:00:00Z'),
        review('g/p!2', '2026-12-01T11:00:01Z'),
        review('g/p!3', '2026-12-01T23:00:00Z'),
        review('g/p!4', '2026-12-01T23:00:01Z'),
      ],
      issues: [],
      claims: {},
      dri: null,
    };
    const result = planQueue(state, '2026-12-03T11:00:00Z');
    expect(result.entries.map((e) => [e.reference, e.level, e.review?.state])).toEqual([
      ['g/p!1', 2, 'breaching'],
      ['g/p!2', 2, 'near'],
      ['g/p!3', 2, 'near'],
      ['g/p!4', 3, 'within'],
    ]);
  });
});
