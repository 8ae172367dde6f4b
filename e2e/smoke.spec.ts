// Smoke: the Chromium build loads, its service worker starts, the manifest is Gloss's, pages load, and
// nothing leaves loopback (the `requests` fixture checks that after every test).
import { collectErrors } from './support/chromium.ts';
import { CHROME_BUILD, readBuiltManifest } from './support/common.ts';
import { expect, test } from './support/fixtures.ts';

test('the service worker starts and the manifest is Gloss, MV3', async ({ gloss }) => {
  const sw = await gloss.serviceWorker();
  expect(gloss.extensionId).toMatch(/^[a-p]{32}$/);
  expect(sw.url()).toMatch(new RegExp(`^chrome-extension://${gloss.extensionId}/`));
  const info = await sw.evaluate(() => {
    const api = (
      globalThis as unknown as {
        chrome: { runtime: { getManifest(): { name: string; manifest_version: number } }; i18n: { getMessage(k: string): string } };
      }
    ).chrome;
    const manifest = api.runtime.getManifest();
    const name = manifest.name.startsWith('__MSG_') ? api.i18n.getMessage(manifest.name.slice(6, -2)) : manifest.name;
    return { name, manifestVersion: manifest.manifest_version };
  });
  expect(info).toEqual({ name: 'Gloss', manifestVersion: 3 });
});

test('a fixture page loads with Gloss present, and no request leaves loopback', async ({ gloss, server, page, requests }) => {
  const errors = collectErrors(gloss.context);
  await page.goto(server.url('english.html'));
  await expect(page.locator('h1')).toContainText('DeepSeek-R1');
  // Give the content script and the service worker a moment to do whatever they do at start.
  await page.waitForTimeout(1_000);
  expect(requests.urls).toContain(server.url('english.html'));
  expect(errors.fromExtension()).toEqual([]);
});

test('the popup the manifest declares renders without errors', async ({ gloss, page }) => {
  const manifest = readBuiltManifest(CHROME_BUILD) as { action?: { default_popup?: string } };
  const popup = manifest.action?.default_popup;
  expect(popup, 'action.default_popup in the built manifest').toBe('popup.html');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`chrome-extension://${gloss.extensionId}/${popup}`);
  // The search field is the popup's first control: rendered means Preact ran.
  await expect(page.locator('.gloss-search input')).toBeVisible();
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});
