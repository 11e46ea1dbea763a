import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // One DynamoDB Local and one S3 server for the whole run; each test file gets its own table.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Node 20 is this project's local runtime; the SDK's notice about Node 22 is noise here (Lambda runs 22+).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
