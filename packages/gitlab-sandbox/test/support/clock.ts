import { SettableClock } from '../../src/testing.js';

/** The instant every test starts at unless it says otherwise: Monday 2026-11-16, 09:00 UTC. */
export const DEFAULT_NOW = '2026-11-16T09:00:00Z';

/** This test file's clock (vitest runs each file in its own module graph), so a test reads the same in 2030. */
export const testClock = new SettableClock(DEFAULT_NOW);
