import { describe, expect, it } from 'vitest';
import { callOutFor, slippedFrom } from '../../../src/rituals/milestone/slips.js';

describe('the circuit breaker', () => {
  it.each([
    [0, null],
    [1, null],
    [2, 'retrospective'],
    [3, 'escalate'],
    [5, 'escalate'],
  ] as const)('%i slips call for %s', (slips, callOut) => {
    expect(callOutFor(slips)).toBe(callOut);
  });
});

describe('slips from the milestone history', () => {
  const change = (action: 'add' | 'remove', milestone: string | null, dueDate: string | null, day: string, open = true) => ({
    action,
    milestone,
    dueDate,
    open,
    day,
  });

  it('counts leaving a milestone on or after its due date while open, not before it, nor once closed', () => {
    expect(
      slippedFrom([
        change('add', '16.3', '2026-09-09', '2026-08-10'),
        change('add', '16.4', '2026-10-09', '2026-09-09'), // left 16.3 on its due date: a slip
        change('add', '16.5', '2026-11-09', '2026-10-01'), // left 16.4 before it was due: replanned
        change('remove', '16.5', '2026-11-09', '2026-11-12', false), // left 16.5 once closed: not a slip
        change('add', '16.6', '2026-12-09', '2026-11-13', false),
        change('remove', '16.6', '2026-12-09', '2026-12-10'), // taken out of 16.6 after its due date: a slip
      ]),
    ).toEqual(['16.3', '16.6']);
  });
});
