// Playwright fixtures for the Chromium specs: one static server and one Chromium-with-Gloss per worker
// (workers: 1, so one browser for a spec file unless a failure restarts the worker), a fresh page per test,
// and a per-test network guard that fails the test if anything tried to leave loopback.
import { test as base, expect } from '@playwright/test';
import { launchChromiumWithGloss, trackRequests, type ChromiumSession, type RequestLog } from './chromium.ts';
import { startServer, type StaticServer } from './server.ts';

export interface WorkerFixtures {
  server: StaticServer;
  gloss: ChromiumSession;
}
export interface TestFixtures {
  /** Requests made during this test; checked after the test: none may leave loopback. */
  requests: RequestLog;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  gloss: [
    async ({}, use) => {
      const session = await launchChromiumWithGloss();
      await use(session);
      await session.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  requests: [
    async ({ gloss }, use) => {
      const before = gloss.unexplainedOffMachineAttempts().length;
      const log = trackRequests(gloss.context);
      await use(log);
      log.stop();
      // Strict: anything a page, frame or service worker (Gloss's content script, UI, background) asked for.
      expect(log.nonLocal(), 'requests that left loopback (pages, frames, service workers)').toEqual([]);
      // Anything else the browser tried, minus Chromium's own Google services (see BROWSER_SERVICE_HOSTS).
      expect(gloss.unexplainedOffMachineAttempts().slice(before), 'other attempts to reach the network').toEqual([]);
    },
    { auto: true },
  ],
  // A new tab in the Gloss browser (not Playwright's own browser), closed after the test.
  page: async ({ gloss }, use) => {
    const page = await gloss.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };
