import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A browser test walks a whole journey of pages in one test; on two busy cores that can pass 30 s.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
