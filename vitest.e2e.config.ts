import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's Chromium driven by playwright-core, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
