import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Builds use DuckDB and the disk; two at a time suits a two-core machine.
    maxWorkers: 2,
  },
})
