import { describe, expect, it } from 'vitest';
import { asyncUpdateKey, asyncUpdateKeyPrefix, issueForPeriod, updateTitle } from '../../../src/rituals/updates/identity.js';
import { week } from './fixtures.js';

describe('update keys and titles', () => {
  it.each([
    ['Milestone Review', 'async-update/grace.hopper/Milestone-Review/2026-11-10/2026-11-16'],
    ['em-weekly', 'async-update/grace.hopper/em-weekly/2026-11-10/2026-11-16'],
  ])('keys template %s as %s', (name, key) => {
    expect(asyncUpdateKey('grace.hopper', name, week)).toBe(key);
  });

  it('keys a calendar week by its first day, and finds an update keyed by the old rolling range', () => {
    const period = { kind: 'week' as const, since: '2026-11-23', until: '2026-11-29', calendar: true as const };
    expect(asyncUpdateKey('grace.hopper', 'em-weekly', period)).toBe('async-update/grace.hopper/em-weekly/week/2026-11-23');
    const prefix = asyncUpdateKeyPrefix('grace.hopper', 'em-weekly');
    const issues = [
      { iid: 1, key: 'async-update/grace.hopper/pe-weekly/2026-11-21/2026-11-27' },
      { iid: 2, key: 'async-update/grace.hopper/em-weekly/2026-11-14/2026-11-20' },
      { iid: 3, key: 'async-update/grace.hopper/em-weekly/2026-11-21/2026-11-27' },
    ];
    expect(issueForPeriod(issues, prefix, period)?.iid).toBe(3);
    expect(issueForPeriod([...issues, { iid: 4, key: `${prefix}week/2026-11-23` }], prefix, period)?.iid).toBe(4);
    expect(issueForPeriod(issues.slice(0, 2), prefix, period)).toBeNull();
  });

  it('rejects a title placeholder it does not know', () => {
    expect(() => updateTitle('{author} {sprint}', 'a', 'em-weekly', week)).toThrow(/updates.title uses \{sprint\}/);
  });
});
