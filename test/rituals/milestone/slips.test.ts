import { describe, expect, it } from 'vitest';
import { callOutFor } from '../../../src/rituals/milestone/slips.js';

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
