// The user's library in Chromium, as a user goes through it: add a real saved page, accept two of the names
// Gloss proposes, see them painted on another open tab without reload, hover one for its card (a verbatim
// sentence of the added page), open the stored copy at that passage; restart the browser on the same profile
// and find everything still there; export, remove everything, import: the same library.
//
// The library is asked through its message contract (utils/messages.ts) from one of Gloss's own pages (the
// options page in a tab), as the popup and the options page do; a web tab's id is found by asking each
// content script for its URL (Gloss has no "tabs" permission, so it cannot read web tabs' URLs).
import { test, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromiumWithGloss, mentionPoint, paintedRanges, type ChromiumSession } from './support/chromium.ts';
import { CORPUS_DIR, OFFLINE_CSP } from './support/robustness.ts';
import { startServer, type StaticServer } from './support/server.ts';
import type { CardStateResponse, MatchesResponse } from '../utils/messages.ts';
import type { LibraryListing } from '../utils/library/service.ts';
import type { EntityView } from '../utils/view/entity-view.ts';

// The extension APIs as an extension page sees them (evaluated in the options page).
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
};

test.describe.configure({ mode: 'serial' });

const ADDED_PAGE = 'nytimes-1.html';
// Another page open in another tab, loaded before anything is added: the new names must reach it live.
const OTHER_TAB_PAGE = 'nytimes-1.html?other-tab';

let profile: string;
let corpus: StaticServer;
let gloss: ChromiumSession;
let control: Page;

async function openControl(): Promise<Page> {
  const page = await gloss.context.newPage();
  await page.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  await page.waitForSelector('#sources');
  return page;
}

/** A library message from an extension page, as the popup and the options page send it. */
function ask<T>(message: object): Promise<T> {
  return control.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/** The id of the tab showing `url`, found by asking each content script where it is. */
function tabIdOf(url: string): Promise<number> {
  return control.evaluate(async (url) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const answer = (await chrome.tabs.sendMessage(tab.id, { type: 'gloss:matches' }, { frameId: 0 }).catch(() => undefined)) as
        { url?: string } | undefined;
      if (answer?.url === url) return tab.id;
    }
    throw new Error(`no tab answers from ${url}`);
  }, url);
}

function tabMessage<T>(url: string, message: object): Promise<T> {
  return tabIdOf(url).then(
    (id) => control.evaluate(({ id, message }) => chrome.tabs.sendMessage(id, message, { frameId: 0 }), { id, message }) as Promise<T>,
  );
}

async function launch() {
  gloss = await launchChromiumWithGloss({ userDataDir: profile });
  control = await openControl();
}

test.beforeAll(async () => {
  profile = await mkdtemp(path.join(os.tmpdir(), 'gloss-library-profile-'));
  corpus = await startServer({
    root: CORPUS_DIR,
    charset: null,
    headers: { [`/${ADDED_PAGE}`]: { 'Content-Security-Policy': OFFLINE_CSP } },
  });
  await launch();
});

test.afterAll(async () => {
  await gloss?.close();
  await corpus?.close();
  await rm(profile, { recursive: true, force: true });
});

let accepted: { id: string; name: string }[] = [];
let sourceId = '';
let libraryBefore: LibraryListing;

test('add a real page, accept two proposed names, see them on another open tab without reload', async () => {
  const other = await gloss.context.newPage();
  await other.goto(corpus.url(OTHER_TAB_PAGE));
  const page = await gloss.context.newPage();
  await page.goto(corpus.url(ADDED_PAGE));
  // Both content scripts are up before anything is added.
  await expect.poll(() => tabIdOf(other.url()).catch(() => -1)).toBeGreaterThan(-1);
  await expect.poll(() => tabIdOf(page.url()).catch(() => -1)).toBeGreaterThan(-1);

  const added = await ask<{
    ok: boolean;
    error?: string;
    source: { id: string; title: string; url: string };
    found: string[];
    candidates: { name: string; count: number }[];
  }>({
    type: 'gloss:add-page',
    tabId: await tabIdOf(page.url()),
  });
  expect(added.ok, added.error).toBe(true);
  // The page states a canonical address on another site (nytimes.com, served here from loopback): a page may
  // not file itself under another site's name, so the source keeps where it was read.
  const canonical = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.getAttribute('href'));
  expect(canonical).toContain('nytimes.com');
  expect(added.source.url).toBe(page.url());
  expect(added.source.title.length).toBeGreaterThan(5);
  const twoOrMore = added.candidates.filter((c) => c.count >= 2);
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
  await expect
    .poll(
      async () => {
        const matches = await tabMessage<MatchesResponse>(other.url(), { type: 'gloss:matches' });
        return matches.complete ? ids.filter((id) => matches.matches.some((m) => m.entityId === id)) : [];
      },
      { timeout: 10_000 },
    )
    .toEqual(ids);
  // A figure, not a timed assertion (the goal is 2 s): printed with the run.
  console.log(`library: accepted names reported by another open tab ${Date.now() - acceptedAt} ms after the accept answered`);
  const painted = (await paintedRanges(other)).map((r) => r.text);
  for (const name of names) expect(painted).toContain(name);
});

test('hovering a new name shows its card with a verbatim sentence of the added page; its link opens the stored copy there', async () => {
  const other = gloss.context.pages().find((p) => p.url().endsWith(OTHER_TAB_PAGE))!;
  await other.bringToFront();
  const point = await mentionPoint(other, accepted[0].name);
  await other.mouse.move(point.x, point.y);
  await expect
    .poll(async () => (await tabMessage<CardStateResponse>(other.url(), { type: 'gloss:card-state' })).entityId, { timeout: 10_000 })
    .toBe(accepted[0].id);

  const view = (await control.evaluate((id) => chrome.runtime.sendMessage({ type: 'gloss:entity', id }), accepted[0].id)) as EntityView;
  const source = await ask<{ text: string }>({ type: 'gloss:source', sourceId });
  expect(view.summary!.text).toContain(accepted[0].name);
  expect(source.text.slice(view.summary!.locator.start, view.summary!.locator.end)).toBe(view.summary!.text);

  // The stored copy at the passage: the source view marks exactly the summary's text.
  const viewer = await gloss.context.newPage();
  const link = `/source.html?source=${encodeURIComponent(sourceId)}&start=${view.summary!.locator.start}&end=${view.summary!.locator.end}`;
  await viewer.goto(`chrome-extension://${gloss.extensionId}${link}`);
  await viewer.locator('.source-passage').first().waitFor({ timeout: 10_000 });
  expect((await viewer.locator('.source-passage').allTextContents()).join('')).toBe(view.summary!.text);
  await viewer.screenshot({ path: test.info().outputPath('source-view.png') });
  await viewer.close();
});

test('a browser restart on the same profile keeps the library, and pages are painted with it', async () => {
  libraryBefore = await ask<LibraryListing>({ type: 'gloss:library' });
  expect(libraryBefore.sources.filter((s) => !s.bundled).map((s) => s.id)).toEqual([sourceId]);
  await gloss.close();
  await launch();
  expect(await ask<LibraryListing>({ type: 'gloss:library' })).toEqual(libraryBefore);
  const page = await gloss.context.newPage();
  await page.goto(corpus.url(OTHER_TAB_PAGE));
  await expect
    .poll(
      async () => {
        const matches = await tabMessage<MatchesResponse>(page.url(), { type: 'gloss:matches' }).catch(() => undefined);
        return matches?.complete ? accepted.filter((e) => matches.matches.some((m) => m.entityId === e.id)).length : 0;
      },
      { timeout: 15_000 },
    )
    .toBe(2);
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
  expect(await ask<LibraryListing>({ type: 'gloss:library' })).toEqual(libraryBefore);
});
