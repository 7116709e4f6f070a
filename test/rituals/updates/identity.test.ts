import { describe, expect, it } from 'vitest';
import { asyncUpdateKey, updateTitle } from '../../../src/rituals/updates/identity.js';
import { week } from './fixtures.js';

describe('update keys and titles', () => {
  it.each([
    ['Milestone Review', 'async-update/grace.hopper/Milestone-Review/2026-11-10/2026-11-16'],
    ['em-weekly', 'async-update/grace.hopper/em-weekly/2026-11-10/2026-11-16'],
  ])('keys template %s as %s', (name, key) => {
    expect(asyncUpdateKey('grace.hopper', name, week)).toBe(key);
  });

  it('rejects a title placeholder it does not know', () => {
    expect(() => updateTitle('{author} {sprint}', 'a', 'em-weekly', week)).toThrow(/updates.title uses \{sprint\}/);
  });
});
