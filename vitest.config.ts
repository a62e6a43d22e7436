import { defineConfig } from 'vitest/config';

// Unit and integration tests: no browser. Browser tests have their own config.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 20_000,
  },
});
