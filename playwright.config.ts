import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (Playwright) and Firefox ESR (puppeteer-core) themselves, from
// e2e/support/: no project here uses Playwright's own browsers, so nothing is ever downloaded.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // 2 cores and heavy browsers: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTimeout: 45 * 60_000,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
});
