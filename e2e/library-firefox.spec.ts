// The user's library in Firefox ESR, as in Chromium (library.spec.ts): add a real saved page (a Chinese one),
// accept two of the names Gloss proposes, see them painted on another open tab without reload, hover one for
// its card (a verbatim sentence of the added page), open the stored copy at that passage; restart the browser
// on the same profile and find everything still there; export, remove everything, import: the same library.
//
// The library is asked through its message contract (utils/messages.ts) from one of Gloss's own pages (the
// options page in a tab), as the popup and the options page do; a web tab's id is found by asking each
// content script for its URL, as in Chromium.
//
// The restart. Gloss is a temporary add-on here (WebDriver BiDi's webExtension.install, as the harness does it):
// at shutdown Firefox removes it (XPIProvider.cleanupTemporaryAddons → the add-on's bootstrap "uninstall"),
// but that path does not call the AddonManager's onUninstalled listener, which is where an uninstall clears
// the extension's storage and forgets its UUID (Extension.sys.mjs, clearOnUninstall;
// extensions.webextensions.keepStorageOnUninstall only matters there). So the next launch on the same profile,
// installing the same build under the same gecko id and UUID, finds the IndexedDB library and storage.local of
// moz-extension://UUID as they were: what a user's restart (or an update of an installed add-on) looks like.
// No preference keeps them here; if a Firefox ever cleared them at shutdown, the restart test fails.
import { test, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  getMatchesFirefox,
  launchFirefoxWithGloss,
  mentionPointFirefox,
  paintedTextsFirefox,
  waitForCardStateFirefox,
  waitUntil,
  type FirefoxSession,
} from './support/firefox.ts';
import { CORPUS_DIR, OFFLINE_CSP } from './support/robustness.ts';
import { startServer, type StaticServer } from './support/server.ts';
import type { LibraryListing } from '../utils/library/service.ts';
import type { EntityView } from '../utils/view/entity-view.ts';

// The extension APIs as an extension page sees them (evaluated in the options page).
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
};

test.describe.configure({ mode: 'serial' });

/** Guangming Online (光明网), UTF-8, no canonical link: the source's URL is where it was read. */
const ADDED_PAGE = 'gmw.html';
// Another page open in another tab, loaded before anything is added: the new names must reach it live.
const OTHER_TAB_PAGE = `${ADDED_PAGE}?other-tab`;
/** One UUID for both launches: the library lives in the IndexedDB of moz-extension://UUID. */
const UUID = randomUUID();

let profile: string;
let corpus: StaticServer;
let firefox: FirefoxSession;
let control: Page;

async function launch() {
  firefox = await launchFirefoxWithGloss({ uuid: UUID, profileDir: profile });
  control = await firefox.openExtensionPage('options.html');
  await waitUntil(control, () => document.querySelector('#sources') !== null, null);
}

/** A library message from an extension page, as the popup and the options page send it. */
function ask<T>(message: object): Promise<T> {
  return control.evaluate((m: object) => browser.runtime.sendMessage(m), message) as Promise<T>;
}

/** The id of the tab showing `url`, found by asking each content script where it is. */
function tabIdOf(url: string): Promise<number> {
  return control.evaluate(async (url: string) => {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id === undefined) continue;
      const answer = (await browser.tabs.sendMessage(tab.id, { type: 'gloss:matches' }, { frameId: 0 }).catch(() => undefined)) as
        { url?: string } | undefined;
      if (answer?.url === url) return tab.id;
    }
    throw new Error(`no tab answers from ${url}`);
  }, url);
}

/** The web tab showing `file` of the corpus. */
async function tabShowing(file: string): Promise<Page> {
  const url = corpus.url(file);
  const page = (await firefox.browser.pages()).find((p) => p.url() === url);
  if (!page) throw new Error(`no tab shows ${url}`);
  return page;
}

/**
 * The same library, in the same order (the order the Sources page lists it in, and an export writes it):
 * first the same records whatever their order, so a failure says which of the two it is.
 */
function expectSameLibrary(actual: LibraryListing, expected: LibraryListing) {
  const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  expect({ sources: byId(actual.sources), entities: byId(actual.entities) }, 'the same sources and entities').toEqual({
    sources: byId(expected.sources),
    entities: byId(expected.entities),
  });
  expect(actual, 'the same order').toEqual(expected);
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  profile = await mkdtemp(path.join(os.tmpdir(), 'gloss-library-firefox-profile-'));
  corpus = await startServer({
    root: CORPUS_DIR,
    charset: null,
    headers: { [`/${ADDED_PAGE}`]: { 'Content-Security-Policy': OFFLINE_CSP } },
  });
  await launch();
});

test.afterAll(async () => {
  await firefox?.close();
  await corpus?.close();
  await rm(profile, { recursive: true, force: true });
});

let accepted: { id: string; name: string }[] = [];
let sourceId = '';
let libraryBefore: LibraryListing;

test('add a real page, accept two proposed names, see them on another open tab without reload', async () => {
  const other = await firefox.browser.newPage();
  await other.goto(corpus.url(OTHER_TAB_PAGE));
  const page = await firefox.browser.newPage();
  await page.goto(corpus.url(ADDED_PAGE));
  // Both content scripts are up (and done reading) before anything is added.
  await getMatchesFirefox(control, other);
  await getMatchesFirefox(control, page);

  const added = await ask<{
    ok: boolean;
    error?: string;
    source: { id: string; title: string; url: string; lang: string };
    found: string[];
    candidates: { name: string; count: number }[];
  }>({
    type: 'gloss:add-page',
    tabId: await tabIdOf(page.url()),
  });
  expect(added.ok, added.error).toBe(true);
  // The page's own canonical address when it states one, else where it was read.
  const canonical = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.getAttribute('href'));
  expect(added.source.url).toBe(canonical ?? page.url());
  expect(added.source.title.length).toBeGreaterThan(5);
  const twoOrMore = added.candidates.filter((c) => c.count >= 2);
  test.info().annotations.push({
    type: 'add-page',
    description: JSON.stringify({ source: added.source, found: added.found, candidates: added.candidates.slice(0, 20) }),
  });
  expect(twoOrMore.length, JSON.stringify(added.candidates.slice(0, 20))).toBeGreaterThanOrEqual(2);
  sourceId = added.source.id;

  const names = twoOrMore.slice(0, 2).map((c) => c.name);
  const answer = await ask<{ ok: boolean; error?: string; entities: { id: string; name: string }[] }>({
    type: 'gloss:accept',
    sourceId,
    names,
  });
  expect(answer.ok, answer.error).toBe(true);
  accepted = answer.entities;
  expect(accepted.map((e) => e.name)).toEqual(names);

  // The other tab was never reloaded: its content script hears of the names and reads the page again.
  const acceptedAt = Date.now();
  const ids = accepted.map((e) => e.id);
  const live = await getMatchesFirefox(control, other, {
    timeoutMs: 10_000,
    until: (r) => ids.every((id) => r.matches.some((m) => m.entityId === id)),
  });
  expect(ids.filter((id) => live.matches.some((m) => m.entityId === id))).toEqual(ids);
  // A figure, not a timed assertion (the goal is 2 s): printed with the run.
  console.log(`library (Firefox): accepted names reported by another open tab ${Date.now() - acceptedAt} ms after the accept answered`);
  const painted = await paintedTextsFirefox(other);
  for (const name of names) expect(painted).toContain(name);
});

test('hovering a new name shows its card with a verbatim sentence of the added page; its link opens the stored copy there', async () => {
  const other = await tabShowing(OTHER_TAB_PAGE);
  await other.bringToFront();
  const point = await mentionPointFirefox(other, accepted[0].name);
  await other.mouse.move(point.x, point.y, { steps: 4 });
  await waitForCardStateFirefox(control, other, (s) => s.open && s.entityId === accepted[0].id);

  const view = await ask<EntityView>({ type: 'gloss:entity', id: accepted[0].id });
  const source = await ask<{ text: string }>({ type: 'gloss:source', sourceId });
  expect(view.summary!.text).toContain(accepted[0].name);
  expect(source.text.slice(view.summary!.locator.start, view.summary!.locator.end)).toBe(view.summary!.text);

  // The stored copy at the passage: the source view marks exactly the summary's text.
  const viewer = await firefox.browser.newPage();
  const link = `source.html?source=${encodeURIComponent(sourceId)}&start=${view.summary!.locator.start}&end=${view.summary!.locator.end}`;
  await firefox.gotoExtensionPage(viewer, link, '.source-passage');
  const marked = await viewer.$$eval('.source-passage', (els) => els.map((el) => el.textContent ?? '').join(''));
  expect(marked).toBe(view.summary!.text);
  await viewer.screenshot({ path: test.info().outputPath('source-view.png') });
  await viewer.close();
});

test('a browser restart on the same profile keeps the library, and pages are painted with it', async () => {
  test.setTimeout(90_000);
  libraryBefore = await ask<LibraryListing>({ type: 'gloss:library' });
  expect(libraryBefore.sources.filter((s) => !s.bundled).map((s) => s.id)).toEqual([sourceId]);
  await firefox.close();
  await launch();
  expect(await control.evaluate(() => location.origin)).toBe(`moz-extension://${UUID}`);
  expectSameLibrary(await ask<LibraryListing>({ type: 'gloss:library' }), libraryBefore);
  const page = await firefox.browser.newPage();
  await page.goto(corpus.url(OTHER_TAB_PAGE));
  const matches = await getMatchesFirefox(control, page, {
    until: (r) => accepted.every((e) => r.matches.some((m) => m.entityId === e.id)),
  });
  expect(accepted.filter((e) => matches.matches.some((m) => m.entityId === e.id)).length).toBe(2);
});

test('export, remove everything, import: the same library', async () => {
  const exported = await ask<{ ok: boolean; data: object }>({ type: 'gloss:export-library' });
  expect(exported.ok).toBe(true);
  expect(await ask({ type: 'gloss:remove-source', sourceId })).toEqual({ ok: true });
  const emptied = await ask<LibraryListing>({ type: 'gloss:library' });
  expect(emptied.sources.every((s) => s.bundled)).toBe(true);
  expect(emptied.entities.some((e) => e.user)).toBe(false);

  const imported = await ask<{ ok: boolean; error?: string; added: number; merged: number }>({
    type: 'gloss:import-library',
    data: exported.data,
  });
  expect(imported.ok, imported.error).toBe(true);
  expect(imported.added).toBe(3);
  expectSameLibrary(await ask<LibraryListing>({ type: 'gloss:library' }), libraryBefore);
});
