import { describe, expect, it } from 'vitest';
import { titleMatcher } from '../../../src/rituals/dri/title.js';

describe('recognising DRI issues', () => {
  it('matches titles with {week_end} too', () => {
    expect(titleMatcher('DRI {week_start} to {week_end}')('DRI 2026-11-16 to 2026-11-22')).toBe('2026-11-16');
  });
});
