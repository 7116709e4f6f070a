import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // teamops' own tests, and each workspace package's tests with the package's vitest.config.ts.
    projects: [
      {
        extends: true,
        test: {
          name: 'teamops',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/support/setup.ts'],
        },
      },
      'packages/*',
    ],
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
