import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The handlers' per-request log lines and metrics are for operators, not test output; a test that
    // reads them asks for them itself (test/unit/observability.test.ts, test/http/personal-data.test.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true',
      // Powertools' development mode writes through the global console, which a test can spy on.
      POWERTOOLS_DEV: 'true' },
  },
});
