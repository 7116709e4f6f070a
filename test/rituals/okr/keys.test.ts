import { describe, expect, it } from 'vitest';
import { slugify } from '../../../src/rituals/okr/keys.js';

describe('keys', () => {
  it.each([
    ['Ship FIPS builds!', 'ship-fips-builds'],
    ['Crème brûlée  recipes', 'creme-brulee-recipes'],
    [
      'Reduce the number of flaky jobs that need a manual retry in the nightly pipeline',
      'reduce-the-number-of-flaky-jobs-that-need-a-manual',
    ],
    ['日本語', ''],
  ])('slugify(%j) is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
