import { defineConfig } from 'vitest/config'

// `npm run bench`: the benchmark harness runs as one long vitest file so it can import the
// TypeScript sources directly; it measures, it does not assert timing.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
    pool: 'forks'
  }
})
