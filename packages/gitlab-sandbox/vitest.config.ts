import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'gitlab-sandbox',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    restoreMocks: true,
    clearMocks: true,
    // Pinning the runner's zone to something other than UTC makes any accidental use of the machine's
    // local time show up as a failing test.
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
