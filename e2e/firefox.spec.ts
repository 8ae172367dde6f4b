// Firefox ESR (puppeteer-core over WebDriver BiDi): the same extension as in Chromium, installed as a temporary
// add-on under a pinned UUID. The content script is asked through the same message contract
// (utils/messages.ts), from an extension page (popup.html in a tab) instead of a service worker.
//
// One Firefox for the whole file (serial: a failure skips the rest instead of relaunching). Covered here:
// the built manifest's Firefox keys; mentions of english.html, chinese.html and traditional.html, painted in the page's
// CSS.highlights and on screen (type colour, a user colour applied live); the hover card (open, entity,
// quotes; Escape and moving away close it) with no page mutation but one <gloss-root>; the quote check's
// verdicts on quotes.html and a quotation's card; the same under a
// strict CSP; the keyboard-focus card; popup search; the popup over a tab (its mentions listed and revealed,
// the per-site switch turning the tab off and on again without reload); and after every test, nothing but
// Firefox's own services tried to leave loopback (with a canary proving the guard sees attempts).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  expectedMentions,
  expectedQuotes,
  FIREFOX_BUILD,
  glossMutationProblems,
  PROJECT_ROOT,
  readBuiltManifest,
  sleep,
  verdictsOf,
} from './support/common.ts';
import {
  colorsBehindText,
  geckoId,
  getMatchesFirefox,
  getQuotesFirefox,
  getPageMutationsFirefox,
  glossRootsFromPage,
  launchFirefoxWithGloss,
  mentionPointFirefox,
  paintedRangesFirefox,
  paintedTextsFirefox,
  recordPageMutationsFirefox,
  trackPageRequestsFirefox,
  waitForCardStateFirefox,
  waitUntil,
  type FirefoxSession,
} from './support/firefox.ts';
import { startServer, type StaticServer } from './support/server.ts';
import type { PageMatch } from '../utils/messages.ts';
import { HIGHLIGHT_ALPHA, TYPE_COLORS } from '../utils/type-colors.ts';

test.describe.configure({ mode: 'serial' });

/** Fixed in wxt.config.ts (GECKO_ID): Firefox keys an add-on's storage to it, so it must never change. */
const GECKO_ID = 'gloss@gloss.example';

/** The display names of an entity in the bundled index (data/index.json). */
function entityNames(id: string): { en: string; zh: string } {
  const index = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'index.json'), 'utf8')) as {
    entities: { id: string; names: { en: string; zh: string } }[];
  };
  const entity = index.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`data/index.json has no entity ${id}`);
  return entity.names;
}

/** `hex` at `alpha` over white, as the screen shows it. */
function overWhite(hex: string, alpha = HIGHLIGHT_ALPHA): [number, number, number] {
  const channel = (i: number) => Math.round(255 - alpha * (255 - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)));
  return [channel(0), channel(1), channel(2)];
}
const near = (a: readonly number[], b: readonly number[], tolerance = 4) => [0, 1, 2].every((i) => Math.abs(a[i] - b[i]) <= tolerance);

/** Write settings the way the extension stores them (utils/settings.ts: sync item "settings"), merged over what is stored. */
async function patchStoredSettings(extensionPage: Page, patch: Record<string, unknown>): Promise<void> {
  await extensionPage.evaluate(async (patch: Record<string, unknown>) => {
    const sync = (
      globalThis as unknown as {
        browser: { storage: { sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
      }
    ).browser.storage.sync;
    const stored = ((await sync.get('settings')).settings ?? {}) as Record<string, unknown>;
    await sync.set({ settings: { ...stored, ...patch } });
  }, patch);
}

const plain = (matches: PageMatch[]) => matches.map(({ entityId, text }) => ({ entityId, text }));
const sameMatches = (expected: PageMatch[]) => (r: { matches: PageMatch[] }) =>
  JSON.stringify(plain(r.matches)) === JSON.stringify(expected);

test('the Firefox build: fixed gecko id, strict_min_version 140.0, no data collection', () => {
  const manifest = readBuiltManifest(FIREFOX_BUILD) as {
    manifest_version?: number;
    browser_specific_settings?: {
      gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[]; optional?: string[] } };
    };
  };
  expect(manifest.manifest_version).toBe(3);
  const gecko = manifest.browser_specific_settings?.gecko;
  expect(gecko?.id).toBe(GECKO_ID);
  expect(gecko?.strict_min_version).toBe('140.0');
  expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
  expect(gecko?.data_collection_permissions?.optional ?? []).toEqual([]);
});

test.describe('Firefox ESR', () => {
  let firefox: FirefoxSession;
  let server: StaticServer;
  /** An extension page (popup.html in its own tab) that asks content scripts through browser.tabs. */
  let contract: Page;
  /** Pages opened by the current test (closed after it), with their request logs. */
  let pages: { page: Page; requests: ReturnType<typeof trackPageRequestsFirefox> }[] = [];
  let attemptsBefore = 0;

  const openPage = async (options: { recordMutations?: boolean } = {}): Promise<Page> => {
    const page = await firefox.browser.newPage();
    pages.push({ page, requests: trackPageRequestsFirefox(page) });
    if (options.recordMutations) await recordPageMutationsFirefox(page);
    return page;
  };
  const matches = (page: Page, until?: (r: { matches: PageMatch[] }) => boolean) => getMatchesFirefox(contract, page, { until });

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer();
    firefox = await launchFirefoxWithGloss();
    contract = await firefox.openExtensionPage('popup.html');
  });
  test.afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  test.beforeEach(() => {
    pages = [];
    attemptsBefore = firefox.unexplainedOffMachineAttempts().length;
  });
  test.afterEach(async () => {
    const nonLocal = pages.flatMap(({ requests }) => requests.nonLocal());
    for (const { page } of pages) await page.close().catch(() => undefined);
    // The pages' own requests, without exception; then anything else Firefox tried (refusing proxy), minus
    // Mozilla's services (BROWSER_SERVICE_HOSTS in support/firefox.ts): the add-on's background included.
    expect(nonLocal, 'page requests that left loopback').toEqual([]);
    expect(firefox.unexplainedOffMachineAttempts().slice(attemptsBefore), 'other attempts to reach the network').toEqual([]);
  });

  test('launches with Gloss installed under the pinned UUID', async () => {
    expect(firefox.extensionId).toBe(geckoId());
    expect(firefox.extensionId).toBe(GECKO_ID);
    // The extension's files are served at the pinned origin: the manifest is the one we built.
    const manifest = await contract.evaluate(
      async (u: string) => (await fetch(u)).json() as Promise<Record<string, unknown>>,
      firefox.popupUrl('manifest.json'),
    );
    expect(manifest).toEqual(readBuiltManifest(FIREFOX_BUILD));
  });

  for (const file of ['english.html', 'chinese.html', 'traditional.html']) {
    test(`${file}: the expected mentions through the contract, painted in CSS.highlights, no mutation`, async () => {
      const page = await openPage({ recordMutations: true });
      await page.goto(server.url(file));
      const expected = expectedMentions(file);
      const response = await matches(page);
      expect(response.url).toBe(page.url());
      expect(plain(response.matches)).toEqual(expected);
      // What is painted: every live range in the page's highlight registry is an expected mention's text.
      const painted = await paintedTextsFirefox(page);
      expect(painted.length, 'painted ranges (CSS.highlights)').toBeGreaterThan(0);
      expect(painted.sort()).toEqual(expected.map((m) => m.text).sort());
      // Highlighting alone changes nothing in the page's DOM (no card opened: not even <gloss-root>).
      await sleep(300);
      expect(glossMutationProblems(await getPageMutationsFirefox(page)), 'page mutations attributable to Gloss').toEqual([]);
    });
  }

  test('english.html: on screen, mentions are painted in their type colour; a user colour applies live', async () => {
    const page = await openPage();
    await page.goto(server.url('english.html'));
    await matches(page);
    // "DeepSeek-R1" (a model) has the model colour behind its text; "allegro" (not a mention) has none.
    const model = overWhite(TYPE_COLORS.model.light);
    const [behindModel] = await colorsBehindText(contract, page, 'DeepSeek-R1');
    expect(near(behindModel, model), `dominant colour behind DeepSeek-R1 ${behindModel} ≈ ${model}`).toBe(true);
    const [behindTempo] = await colorsBehindText(contract, page, 'allegro');
    expect(behindTempo.slice(0, 3), 'behind "allegro"').toEqual([255, 255, 255]);

    // The user's colour for models (options page → settings.colors) repaints the open tab without reload.
    try {
      await patchStoredSettings(contract, { colors: { model: '#ff0000' } });
      await expect
        .poll(async () => near((await colorsBehindText(contract, page, 'DeepSeek-R1'))[0], overWhite('#ff0000')), {
          message: 'user colour behind DeepSeek-R1',
          timeout: 5_000,
        })
        .toBe(true);
    } finally {
      await patchStoredSettings(contract, { colors: {} });
    }
    await expect.poll(async () => near((await colorsBehindText(contract, page, 'DeepSeek-R1'))[0], model), { timeout: 5_000 }).toBe(true);
  });

  test('hovering a mention opens its card in a closed <gloss-root>; Escape and moving away close it', async () => {
    const page = await openPage({ recordMutations: true });
    await page.goto(server.url('english.html'));
    await matches(page);
    expect((await waitForCardStateFirefox(contract, page, () => true)).open).toBe(false);

    // A word that is not a mention (the music tempo) opens nothing.
    const tempo = await mentionPointFirefox(page, 'allegro');
    await page.mouse.move(tempo.x, tempo.y, { steps: 2 });
    await sleep(800);
    expect((await waitForCardStateFirefox(contract, page, () => true)).open, 'card after hovering the music "allegro"').toBe(false);

    // Larry Li: a person with verbatim quotes in the seed (3, as in Chromium).
    const point = await mentionPointFirefox(page, 'Larry Li');
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const state = await waitForCardStateFirefox(contract, page, (s) => s.open);
    expect(state.entityId).toBe('larry-li');
    expect(state.quoteCount).toBeGreaterThan(0);
    expect(state.quoteCount).toBe(3);
    expect(await glossRootsFromPage(page), '<gloss-root> as the page sees it').toEqual({ count: 1, allClosed: true });

    await page.keyboard.press('Escape');
    await waitForCardStateFirefox(contract, page, (s) => !s.open, 5_000);

    // Hover another mention, then move the pointer away: the card closes after its short grace.
    const other = await mentionPointFirefox(page, 'Kai-Fu Lee');
    await page.mouse.move(other.x, other.y, { steps: 4 });
    expect((await waitForCardStateFirefox(contract, page, (s) => s.open)).entityId).toBe('kai-fu-lee');
    await page.mouse.move(5, 5, { steps: 2 });
    await waitForCardStateFirefox(contract, page, (s) => !s.open, 5_000);

    await sleep(300);
    expect(glossMutationProblems(await getPageMutationsFirefox(page), true), 'page mutations attributable to Gloss').toEqual([]);
  });

  test('quotes.html: the quote check gives Chromium’s verdicts; hovering a mark opens the quotation’s card', async () => {
    const page = await openPage({ recordMutations: true });
    await page.goto(server.url('quotes.html'));
    const response = await getQuotesFirefox(contract, page);
    expect(verdictsOf(response)).toEqual(expectedQuotes());
    const point = await mentionPointFirefox(page, '”', 2);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const state = await waitForCardStateFirefox(contract, page, (s) => s.open);
    expect(state).toMatchObject({ verdict: 'altered', entityId: 'kaoutar-el-maghraoui' });
    await page.keyboard.press('Escape');
    await waitForCardStateFirefox(contract, page, (s) => !s.open, 5_000);
    await sleep(300);
    expect(glossMutationProblems(await getPageMutationsFirefox(page), true), 'page mutations attributable to Gloss').toEqual([]);
  });

  test('english.html under a strict Content-Security-Policy: same mentions, painted, and a styled card', async () => {
    const csp = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    const strict = await startServer({ headers: { '/english.html': { 'Content-Security-Policy': csp } } });
    try {
      const page = await openPage({ recordMutations: true });
      await page.goto(strict.url('english.html'));
      const expected = expectedMentions('english.html');
      expect(plain((await matches(page)).matches)).toEqual(expected);
      expect((await paintedTextsFirefox(page)).sort()).toEqual(expected.map((m) => m.text).sort());
      const point = await mentionPointFirefox(page, 'Larry Li');
      await page.mouse.move(point.x, point.y, { steps: 4 });
      expect((await waitForCardStateFirefox(contract, page, (s) => s.open)).entityId).toBe('larry-li');
      // The card's stylesheet (inside the closed shadow root) applies despite the page's CSP: its :host rule
      // is what makes <gloss-root> a fixed, topmost layer.
      const host = await page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('gloss-root')!);
        return { position: style.position, zIndex: style.zIndex };
      });
      expect(host).toEqual({ position: 'fixed', zIndex: '2147483647' });
      await page.keyboard.press('Escape');
      await waitForCardStateFirefox(contract, page, (s) => !s.open, 5_000);
      await sleep(300);
      expect(glossMutationProblems(await getPageMutationsFirefox(page), true), 'page mutations attributable to Gloss').toEqual([]);
    } finally {
      await strict.close();
    }
  });

  test('keyboard: focusing a link that holds a mention opens its card; Escape closes it', async () => {
    const page = await openPage();
    await page.goto(server.url('inline-splits.html'));
    await matches(page);
    await page.focus('#inline-a a');
    expect((await waitForCardStateFirefox(contract, page, (s) => s.open)).entityId).toBe('kai-fu-lee');
    await page.keyboard.press('Escape');
    await waitForCardStateFirefox(contract, page, (s) => !s.open, 5_000);
  });

  test('popup search: "deepsek" finds DeepSeek first, "冈原" finds Daisuke Okanohara', async () => {
    const popup = await openPage();
    await firefox.gotoExtensionPage(popup, 'popup.html', '.gloss-search input');
    const input = await popup.$('.gloss-search input');
    if (!input) throw new Error('no search field in the popup');
    const first = async () => {
      const option = await popup.waitForSelector('#gloss-results-option-0', { timeout: 5_000 });
      return option!.evaluate((el) => ({
        kind: el.classList.contains('gloss-option-entity') ? 'entity' : 'quote',
        label: el.querySelector('.gloss-option-label')?.textContent ?? '',
        detail: el.querySelector('.gloss-option-detail')?.textContent ?? '',
      }));
    };

    await input.type('deepsek');
    await waitUntil(popup, () => document.querySelector('.gloss-search input')?.getAttribute('aria-expanded') === 'true', null);
    expect(await first()).toMatchObject({ kind: 'entity', label: 'DeepSeek' });

    // Escape clears the field; then a Chinese query, typed as characters.
    await popup.keyboard.press('Escape');
    await waitUntil(popup, () => (document.querySelector('.gloss-search input') as HTMLInputElement).value === '', null);
    await input.type('冈原');
    expect(await input.evaluate((el) => el.value)).toBe('冈原');
    await waitUntil(popup, () => document.querySelector('.gloss-option-label')?.textContent === 'Daisuke Okanohara', null, {
      timeoutMs: 5_000,
    });
    // The detail is what matched: the short alias 冈原 (of 冈原大辅), marked.
    const okanohara = await first();
    expect(okanohara).toMatchObject({ kind: 'entity', label: 'Daisuke Okanohara' });
    expect(okanohara.detail).toContain('冈原');
    expect(await popup.$eval('#gloss-results-option-0 .gloss-option-detail mark', (el) => el.textContent)).toBe('冈原');

    // Enter opens the best hit's details.
    await popup.keyboard.press('Enter');
    const heading = await popup.waitForSelector('h2.gloss-entity-name', { timeout: 5_000 });
    const title = await heading!.evaluate((el) => el.textContent ?? '');
    const names = entityNames('daisuke-okanohara'); // from the bundled index: Daisuke Okanohara, 冈野原大辅
    expect(title).toContain(names.en);
    expect(title).toContain(names.zh);
  });

  test('popup over a tab: lists and reveals its mentions; the per-site switch turns the tab off and on without reload', async () => {
    const host = new URL(server.origin).hostname; // 127.0.0.1
    const expected = expectedMentions('english.html');
    const page = await openPage();
    await page.goto(server.url('english.html'));
    expect(plain((await matches(page)).matches)).toEqual(expected);
    expect((await paintedTextsFirefox(page)).length).toBeGreaterThan(0);
    const document0 = await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = Math.random()));

    // The popup as it opens over this tab: it asks for the active tab when it starts, so load it in a
    // background tab while english.html is the active one; it then shows the page's entities and its site switch.
    const popup = await openPage();
    await page.bringToFront();
    const siteSwitch = '.gloss-foot [role="switch"]';
    await firefox.gotoExtensionPage(popup, 'popup.html', siteSwitch);
    expect(await popup.$eval(siteSwitch, (el) => el.textContent)).toContain(host);
    await waitUntil(popup, (s: string) => document.querySelector(s)?.getAttribute('aria-checked') === 'true', siteSwitch);
    await waitUntil(popup, () => document.querySelectorAll('.gloss-page-list .gloss-page-name').length > 0, null, { timeoutMs: 10_000 });
    const listed = await popup.$$eval('.gloss-page-list .gloss-page-name', (els) => els.map((el) => el.textContent));
    expect(listed).toContain('DeepSeek');
    expect(listed).toContain('Kai-Fu Lee');

    const readStored = () =>
      contract.evaluate(async () => {
        const api = (globalThis as unknown as { browser: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } } })
          .browser;
        return ((await api.storage.sync.get('settings')).settings ?? null) as { disabledSites?: string[] } | null;
      });
    try {
      await popup.bringToFront();
      // A name in the list reveals its mention in the tab: flashed with the "active" highlight.
      const kaiFu = await popup.evaluateHandle(() =>
        Array.from(document.querySelectorAll('.gloss-page-reveal')).find((b) => b.textContent?.includes('Kai-Fu Lee')),
      );
      await (kaiFu as unknown as { click(): Promise<void> }).click();
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const active = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('gloss-active');
              return [...(active ?? [])].map((r) => {
                const live = document.createRange();
                live.setStart(r.startContainer, r.startOffset);
                live.setEnd(r.endContainer, r.endOffset);
                return live.toString();
              });
            }),
          { message: 'the revealed mention (gloss-active)', intervals: [100], timeout: 5_000 },
        )
        .toEqual(['Kai-Fu Lee']);

      await popup.click(siteSwitch);
      await waitUntil(popup, (s: string) => document.querySelector(s)?.getAttribute('aria-checked') === 'false', siteSwitch);
      expect((await readStored())?.disabledSites).toEqual([host]);

      const off = await matches(page, (r) => r.matches.length === 0);
      expect(off.matches).toEqual([]);
      await expect.poll(async () => (await paintedRangesFirefox(page)).length, { message: 'painted ranges while off' }).toBe(0);
      // The popup lists nothing and says why (public/_locales/en: popup_page_off_site).
      await waitUntil(
        popup,
        () =>
          document.querySelectorAll('.gloss-page-list').length === 0 &&
          document.querySelector('.gloss-page .gloss-note')?.textContent === 'Gloss is off for this site.',
        null,
      );

      await popup.click(siteSwitch);
      await waitUntil(popup, (s: string) => document.querySelector(s)?.getAttribute('aria-checked') === 'true', siteSwitch);
      expect((await readStored())?.disabledSites).toEqual([]);
      expect(plain((await matches(page, sameMatches(expected))).matches)).toEqual(expected);
      await expect
        .poll(async () => (await paintedTextsFirefox(page)).sort(), { message: 'painted texts after turning back on' })
        .toEqual(expected.map((m) => m.text).sort());
      // Same document all along: no reload happened.
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(document0);
    } finally {
      // Leave the site on for whatever runs next, whatever happened above.
      await patchStoredSettings(contract, { disabledSites: [] });
    }
  });

  test('the add-on contacts nothing: during the whole session only Firefox itself tried to leave loopback', async () => {
    // Firefox's own attempts (Mozilla services) are allowed and listed in the report for the record.
    const all = firefox.offMachineAttempts();
    test.info().annotations.push({ type: 'firefox-service-attempts', description: all.join(' ') || 'none' });
    expect(firefox.unexplainedOffMachineAttempts()).toEqual([]);

    // The guard itself works: a request to a non-loopback host (.invalid: never resolvable) reaches the
    // refusing proxy and is recorded. It is this check's own, so the after-test check does not count it.
    const before = firefox.unexplainedOffMachineAttempts().length;
    const canary = await firefox.browser.newPage();
    try {
      await canary.evaluate(() => fetch('http://gloss-canary.invalid/probe').catch(() => undefined));
      await expect
        .poll(() => firefox.unexplainedOffMachineAttempts().slice(before), { timeout: 5_000 })
        .toEqual(['http://gloss-canary.invalid/probe']);
    } finally {
      await canary.close();
      attemptsBefore = firefox.unexplainedOffMachineAttempts().length;
    }
  });
});
