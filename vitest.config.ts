import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    restoreMocks: true,
    clearMocks: true,
    // The team time zone is explicit config; pinning the runner's zone to something other than UTC
    // makes any accidental use of the machine's local time show up as a failing test.
    env: { TZ: 'America/Los_Angeles', NO_COLOR: '', FORCE_COLOR: '' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
