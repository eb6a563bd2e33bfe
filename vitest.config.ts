import { defineConfig } from 'vitest/config'

// OFL_TEST_REPORT (set by .ci/run) adds vitest's JSON report, from which CI counts passed/failed/skipped.
const report = process.env.OFL_TEST_REPORT

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    disableConsoleIntercept: true,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
})
