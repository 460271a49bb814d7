import { defineConfig } from 'vitest/config'
import { SCORING_YOUNG_GENERATION_MB } from './src/main/scoring/pool'

// `npm run bench`: the benchmark harness runs as one long vitest file so it can import the
// TypeScript sources directly; it measures, it does not assert timing.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
    pool: 'forks',
    // In-process scoring is measured with the young generation of the scoring workers, where
    // Podium scores: two semi-spaces of a third of it each.
    execArgv: [`--max-semi-space-size=${SCORING_YOUNG_GENERATION_MB / 3}`]
  }
})
