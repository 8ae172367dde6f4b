// Firefox ESR (puppeteer-core over WebDriver BiDi): Gloss installs as a temporary add-on under a pinned
// UUID, and annotates pages through the same message contract as in Chromium, asked from an extension page.
import { test, expect } from '@playwright/test';
import { expectedMentions, isLocalUrl } from './support/common.ts';
import { geckoId, getMatchesFirefox, launchFirefoxWithGloss, type FirefoxSession } from './support/firefox.ts';
import { startServer, type StaticServer } from './support/server.ts';

test.describe('Firefox', () => {
  let firefox: FirefoxSession;
  let server: StaticServer;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer();
    firefox = await launchFirefoxWithGloss();
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('launches with Gloss installed under the pinned UUID', async () => {
    expect(firefox.extensionId).toBe(geckoId());
    // The extension's files are served at the pinned origin: the manifest is the one we built.
    const page = await firefox.browser.newPage();
    try {
      const url = firefox.popupUrl('manifest.json');
      page.goto(url).catch(() => undefined); // moz-extension:// navigations never settle under BiDi
      await page.waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout: 15_000 }, url);
      const manifest = await page.evaluate(async (u: string) => (await fetch(u)).json() as Promise<Record<string, unknown>>, url);
      expect(manifest.manifest_version).toBe(3);
      expect((manifest as { browser_specific_settings?: { gecko?: { id?: string } } }).browser_specific_settings?.gecko?.id).toBe(
        geckoId(),
      );
    } finally {
      await page.close();
    }
  });

  for (const file of ['english.html', 'chinese.html']) {
    test(`${file}: the expected mentions, through the content script contract`, async () => {
      const requests: string[] = [];
      const attemptsBefore = firefox.unexplainedOffMachineAttempts().length;
      const extensionPage = await firefox.openExtensionPage('popup.html');
      const page = await firefox.browser.newPage();
      page.on('request', (request) => void requests.push(request.url()));
      try {
        await page.goto(server.url(file));
        const response = await getMatchesFirefox(extensionPage, page);
        expect(response.matches.map(({ entityId, text }) => ({ entityId, text }))).toEqual(expectedMentions(file));
        expect(requests.filter((u) => !isLocalUrl(u)), 'page requests that left loopback').toEqual([]);
        expect(firefox.unexplainedOffMachineAttempts().slice(attemptsBefore), 'other attempts to reach the network').toEqual([]);
      } finally {
        await page.close();
        await extensionPage.close();
      }
    });
  }
});
