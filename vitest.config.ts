import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e tests drive the real Pulumi CLI, which takes seconds per operation.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores on CI: run files two at a time so the Pulumi engine isn't starved.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
