import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests with no daemons, and integration tests that
// run against the real lab (two Docker engines and Podman) started once by
// the global setup in test/lab/global-setup.ts.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/support/build.ts', 'test/lab/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
