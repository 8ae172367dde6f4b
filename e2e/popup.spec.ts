// The extension's own pages in Chromium: the toolbar popup (search, "On this page", jumping to a mention, the
// switches), the options page taking effect live on an open tab, the source view at a passage, and the hover
// card's source link.
//
// The toolbar popup is the real one: chrome.action.openPopup(), called from the service worker, opens it over
// the active tab of the focused window, exactly where a click on the toolbar button would. Playwright does not
// attach to it (it is not a tab), so the tests reach its document through an extension page opened as a probe
// tab: chrome.extension.getViews({ type: 'popup' }) gives same-origin access to the popup's window.
// What a real click grants and openPopup() does not: the activeTab permission. Without it (and without the
// "tabs" permission) the popup cannot read the tab's URL, so it has no hostname and shows no per-site switch;
// the per-site test therefore switches the site off on the options page, where the setting is the same.
//
// Because Gloss cannot read web tabs' URLs, the shared sendToTab helper cannot find a web tab once one of
// Gloss's own pages is open in a tab too; `tell` below finds the tab by asking each content script for its URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JSHandle, Page } from '@playwright/test';
import { paintedRanges, paintedTexts, type ChromiumSession } from './support/chromium.ts';
import { PROJECT_ROOT, expectedMentions } from './support/common.ts';
import { expect, test } from './support/fixtures.ts';
import type { CardStateResponse, MatchesResponse, PageMatch, TabMessage } from '../utils/messages.ts';
import type { GlossIndex } from '../utils/types.ts';

const index = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'index.json'), 'utf8')) as GlossIndex;
const entityById = new Map(index.entities.map((entity) => [entity.id, entity]));
const typeOf = (entityId: string) => entityById.get(entityId)?.type;
const plain = (matches: PageMatch[]) => matches.map(({ entityId, text }) => ({ entityId, text }));

const extensionUrl = (gloss: ChromiumSession, page: string) => `chrome-extension://${gloss.extensionId}/${page}`;

// ---------------------------------------------------------------------------------------------------------
// Talking to a tab's content script without seeing tab URLs
// ---------------------------------------------------------------------------------------------------------

/** Sends `message` to the top frame of the tab showing `page` (found by the URL its content script reports). */
async function tell(gloss: ChromiumSession, page: Page, message: TabMessage): Promise<unknown> {
  const sw = await gloss.serviceWorker();
  const result = await sw.evaluate(
    async ({ url, message }) => {
      type Tab = { id?: number; url?: string };
      const api = (
        globalThis as unknown as {
          chrome: {
            tabs: {
              query(q: object): Promise<Tab[]>;
              sendMessage(tabId: number, m: unknown, o: { frameId: number }): Promise<unknown>;
            };
          };
        }
      ).chrome.tabs;
      for (const tab of await api.query({})) {
        // A visible URL is one of Gloss's own pages (or a granted tab): only the right one can be it.
        if (tab.id === undefined || (tab.url !== undefined && tab.url !== url)) continue;
        let answer: { url?: unknown } | undefined;
        try {
          answer = (await api.sendMessage(tab.id, { type: 'gloss:matches' }, { frameId: 0 })) as { url?: unknown } | undefined;
        } catch {
          continue; // no content script in that tab
        }
        if (answer?.url !== url) continue;
        try {
          return {
            ok: true as const,
            value: message.type === 'gloss:matches' ? answer : await api.sendMessage(tab.id, message, { frameId: 0 }),
          };
        } catch (error) {
          return { ok: false as const, error: String((error as Error)?.message ?? error) };
        }
      }
      return { ok: false as const, error: `no content script answered from ${url}` };
    },
    { url: page.url(), message },
  );
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The content script's complete `gloss:matches` answer, polled until `until` holds (default: any). */
async function matchesOf(
  gloss: ChromiumSession,
  page: Page,
  until: (matches: PageMatch[]) => boolean = () => true,
  timeout = 15_000,
): Promise<PageMatch[]> {
  let last: MatchesResponse | undefined;
  let problem = 'no answer yet';
  await expect
    .poll(
      async () => {
        try {
          last = (await tell(gloss, page, { type: 'gloss:matches' })) as MatchesResponse;
          problem = '';
        } catch (error) {
          problem = String(error);
          return false;
        }
        return last.complete && until(plain(last.matches));
      },
      { timeout, intervals: [100, 250], message: `gloss:matches on ${page.url()}` },
    )
    .toBe(true)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nlast answer: ${problem || JSON.stringify(last)}`);
    });
  return plain(last!.matches);
}

async function cardStateOf(gloss: ChromiumSession, page: Page): Promise<CardStateResponse> {
  return (await tell(gloss, page, { type: 'gloss:card-state' })) as CardStateResponse;
}

/** Names in the page's CSS highlight registry (the page world can read it). */
async function highlightNames(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()].sort());
}

/** What `gloss-active` (the revealed or carded mention) holds: its text, paragraph and whether it is on screen. */
async function activeHighlight(page: Page): Promise<{ text: string; paragraph: string; inView: boolean }[]> {
  return page.evaluate(() => {
    const active = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('gloss-active');
    return [...(active ?? [])].map((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const rect = live.getBoundingClientRect();
      return {
        text: live.toString(),
        paragraph: live.startContainer.parentElement?.closest('p')?.id ?? '',
        inView: rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight,
      };
    });
  });
}

/** Painted ranges that are live (in the document, not collapsed). */
async function paintedCount(page: Page): Promise<number> {
  return (await paintedRanges(page)).filter((range) => range.connected && !range.collapsed).length;
}

// ---------------------------------------------------------------------------------------------------------
// The toolbar popup
// ---------------------------------------------------------------------------------------------------------

interface ToolbarPopup {
  /** Runs `fn` with the popup's window (in the probe's realm: no `instanceof` across windows). */
  evaluate<R, A>(fn: (win: Window, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The "On this page" list: name and count of each entity, top to bottom. */
  pageList(): Promise<{ name: string; count: number }[]>;
  /** Clicks the named entity's "show on the page" button. */
  reveal(name: string): Promise<void>;
  text(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens Gloss's toolbar popup over `page` (made the active tab of its window), as the toolbar button would.
 * `probe` is any of Gloss's own pages, open in another tab of the same browser.
 */
async function openToolbarPopup(gloss: ChromiumSession, page: Page, probe: Page): Promise<ToolbarPopup> {
  await page.bringToFront();
  const sw = await gloss.serviceWorker();
  await sw.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  type Views = { chrome: { extension: { getViews(filter: { type: string }): Window[] } } };
  await expect
    .poll(() => probe.evaluate(() => (globalThis as unknown as Views).chrome.extension.getViews({ type: 'popup' }).length), {
      message: 'toolbar popups open',
    })
    .toBe(1);
  const win = (await probe.evaluateHandle(
    () => (globalThis as unknown as Views).chrome.extension.getViews({ type: 'popup' })[0],
  )) as JSHandle<Window>;
  const popup: ToolbarPopup = {
    evaluate: (fn, arg) => win.evaluate(fn as never, arg as never) as never,
    pageList: () =>
      popup.evaluate(
        (w) =>
          [...w.document.querySelectorAll('.gloss-page-item')].map((item) => ({
            name: item.querySelector('.gloss-page-name')?.textContent ?? '',
            count: Number(item.querySelector('.gloss-count [aria-hidden="true"]')?.textContent),
          })),
        null,
      ),
    async reveal(name) {
      const clicked = await popup.evaluate((w, name) => {
        const item = [...w.document.querySelectorAll('.gloss-page-item')].find(
          (li) => li.querySelector('.gloss-page-name')?.textContent === name,
        );
        const button = item?.querySelector<HTMLElement>('.gloss-page-reveal');
        button?.click();
        return !!button;
      }, name);
      if (!clicked) throw new Error(`no "${name}" in the popup's "On this page" list`);
    },
    text: () => popup.evaluate((w) => w.document.body.innerText, null),
    async close() {
      await popup.evaluate((w) => w.close(), null).catch(() => undefined);
      await win.dispose().catch(() => undefined);
    },
  };
  return popup;
}

/** Each entity of a fixture page once, in order of first mention, with its mention count and index name. */
function firstAppearance(file: string): { name: string; count: number }[] {
  const out = new Map<string, { name: string; count: number }>();
  for (const { entityId } of expectedMentions(file)) {
    const seen = out.get(entityId);
    if (seen) seen.count++;
    else out.set(entityId, { name: entityById.get(entityId)!.name, count: 1 });
  }
  return [...out.values()];
}

// Every test leaves the settings as installed (the browser is shared by the spec files of a worker).
test.afterEach(async ({ gloss }) => {
  const sw = await gloss.serviceWorker();
  await sw.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { sync: { remove(key: string): Promise<void> } } } }).chrome.storage.sync.remove(
      'settings',
    ),
  );
});

// ---------------------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------------------

test('popup search: focused on open; fuzzy, Chinese and quote hits; ↓/↑/Enter open an entity, Escape goes back', async ({
  gloss,
  page,
}) => {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(extensionUrl(gloss, 'popup.html'));
  const box = page.getByRole('combobox', { name: 'Search names, facts and quotes' });
  await expect(box).toBeFocused();
  const options = page.getByRole('option');
  const option = (i: number) => page.locator(`#gloss-results-option-${i}`);
  const details = page.locator('.gloss-details');

  // A typo: the organisation first, then its model.
  await page.keyboard.type('deepsek');
  await expect(option(0).locator('.gloss-option-label')).toHaveText('DeepSeek');
  await expect(option(0)).toContainText('Organization');
  await expect(option(1).locator('.gloss-option-label')).toHaveText('DeepSeek-R1');
  await expect(box).toHaveAttribute('aria-activedescendant', 'gloss-results-option-0');
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'gloss-results-option-1');
  await expect(option(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(box).toHaveAttribute('aria-activedescendant', 'gloss-results-option-0');
  await page.keyboard.press('Enter');
  await expect(details.locator('.gloss-entity-name')).toContainText('DeepSeek');
  await expect(details.getByRole('button', { name: 'Back to results' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('deepsek');

  // The seed's spelling 冈原(大辅): one hit, the person whose Chinese name is 冈野原大辅. The UI (English) shows
  // the English name with the alias that matched.
  await box.fill('冈原');
  await expect(options).toHaveCount(1);
  await expect(option(0).locator('.gloss-option-label')).toHaveText('Daisuke Okanohara');
  await expect(option(0).locator('.gloss-option-detail')).toContainText('冈原');
  await expect(option(0)).toContainText('Person');
  await page.keyboard.press('Enter');
  const okanohara = index.quotes.find((quote) => quote.speaker === 'daisuke-okanohara')!;
  await expect(details.locator('.gloss-entity-name')).toContainText('Daisuke Okanohara');
  await expect(details.locator('.gloss-entity-alt')).toHaveText('冈野原大辅');
  await expect(details.locator('.gloss-quote blockquote').first()).toHaveText(okanohara.text);
  await page.keyboard.press('Escape');
  await expect(box).toBeFocused();

  // A word inside a quote: the quote, attributed to its speaker; Enter on it opens the speaker.
  await box.fill('中间件');
  const anita = index.quotes.find((quote) => quote.speaker === 'anita-huang' && quote.text.includes('中间件'))!;
  const quoteOption = options.filter({ has: page.locator('.gloss-option-quote') }).first();
  await expect(quoteOption).toContainText(anita.text);
  await expect(quoteOption).toContainText('— Anita Huang');
  const quoteId = await quoteOption.getAttribute('id');
  for (let i = 0; i < 10 && (await box.getAttribute('aria-activedescendant')) !== quoteId; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(box).toHaveAttribute('aria-activedescendant', quoteId!);
  await page.keyboard.press('Enter');
  await expect(details.locator('.gloss-entity-name')).toContainText('Anita Huang');
  await expect(details.locator('.gloss-quote blockquote')).toContainText([anita.text]);
  await page.keyboard.press('Escape');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('中间件');
  // With text, Escape clears the search (the popup shows "On this page" again).
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'On this page' })).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------
// "On this page" and jumping to a mention
// ---------------------------------------------------------------------------------------------------------

test('toolbar popup over english.html: "On this page" lists its entities by first appearance, with counts', async ({
  gloss,
  server,
  page,
}) => {
  await page.goto(server.url('english.html'));
  expect(await matchesOf(gloss, page)).toEqual(expectedMentions('english.html'));
  const probe = await gloss.context.newPage();
  await probe.goto(extensionUrl(gloss, 'source.html'));
  const popup = await openToolbarPopup(gloss, page, probe);
  try {
    await expect.poll(() => popup.pageList(), { message: '"On this page" in the toolbar popup' }).toEqual(firstAppearance('english.html'));
    // Counts are read out as words too.
    expect(await popup.text()).toContain('mentions: 2');
  } finally {
    await popup.close();
    await probe.close();
  }
});

test('toolbar popup: "Add this page" adds the article to the library and says what it found', async ({ gloss, server, page }) => {
  await page.goto(server.url('english.html'));
  expect(await matchesOf(gloss, page)).toEqual(expectedMentions('english.html'));
  const probe = await gloss.context.newPage();
  await probe.goto(extensionUrl(gloss, 'source.html'));
  const popup = await openToolbarPopup(gloss, page, probe);
  try {
    const clicked = await popup.evaluate((w) => {
      const button = [...w.document.querySelectorAll<HTMLButtonElement>('.gloss-add button')].find(
        (b) => b.textContent === 'Add this page',
      );
      button?.click();
      return !!button;
    }, null);
    expect(clicked, 'an "Add this page" button in the popup').toBe(true);
    await expect.poll(() => popup.text(), { timeout: 10_000 }).toMatch(/Added “[^”]+”: \d+ known names/);
    const known = Number(/: (\d+) known names/.exec(await popup.text())![1]);
    expect(known, 'english.html names known entities').toBe(new Set(expectedMentions('english.html').map((m) => m.entityId)).size);
  } finally {
    await popup.close();
    // The library is the worker's, shared with later tests: leave it empty again.
    type Library = { sources: { id: string; bundled: boolean }[] };
    type Runtime = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    await probe.evaluate(async () => {
      const runtime = (globalThis as unknown as Runtime).chrome.runtime;
      const library = (await runtime.sendMessage({ type: 'gloss:library' })) as Library;
      for (const source of library.sources.filter((s) => !s.bundled))
        await runtime.sendMessage({ type: 'gloss:remove-source', sourceId: source.id });
    });
    await probe.close();
  }
});

test('toolbar popup over long.html: a name scrolls the page to its next mention and flashes it', async ({ gloss, server, page }) => {
  await page.goto(server.url('long.html'));
  expect(await matchesOf(gloss, page)).toEqual(expectedMentions('long.html'));
  expect(await page.evaluate(() => scrollY)).toBe(0);
  const probe = await gloss.context.newPage();
  await probe.goto(extensionUrl(gloss, 'source.html'));
  const popup = await openToolbarPopup(gloss, page, probe);
  try {
    await expect.poll(() => popup.pageList()).toEqual(firstAppearance('long.html'));

    // Panasonic is only mentioned far below the fold.
    await popup.reveal('Panasonic');
    await expect
      .poll(() => activeHighlight(page), { intervals: [50], message: 'gloss-active after revealing Panasonic' })
      .toEqual([{ text: 'Panasonic', paragraph: 'p-bottom', inView: true }]);
    const below = await page.evaluate(() => scrollY);
    expect(below, 'scrollY after revealing Panasonic').toBeGreaterThan(800);
    // The flash ends.
    await expect.poll(() => activeHighlight(page), { timeout: 5_000, message: 'gloss-active after the flash' }).toEqual([]);

    // Larry Li: first the mention at the top (scrolling back up), then the next one, at the bottom.
    await popup.reveal('Larry Li');
    await expect
      .poll(() => activeHighlight(page), { intervals: [50], message: 'gloss-active after revealing Larry Li once' })
      .toEqual([{ text: 'Larry Li', paragraph: 'p-top', inView: true }]);
    expect(await page.evaluate(() => scrollY)).toBeLessThan(below);
    await popup.reveal('Larry Li');
    await expect
      .poll(() => activeHighlight(page), { intervals: [50], message: 'gloss-active after revealing Larry Li twice' })
      .toEqual([{ text: 'Larry Li', paragraph: 'p-bottom', inView: true }]);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(800);
  } finally {
    await popup.close();
    await probe.close();
  }
});

// ---------------------------------------------------------------------------------------------------------
// Switches and settings, live on an open tab
// ---------------------------------------------------------------------------------------------------------

test('per-site off (options page) clears an open tab without reload; removing the site brings it back', async ({ gloss, server, page }) => {
  await page.goto(server.url('english.html'));
  const expected = expectedMentions('english.html');
  expect(await matchesOf(gloss, page)).toEqual(expected);
  expect(await paintedCount(page)).toBeGreaterThan(0);
  const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));

  const options = await gloss.context.newPage();
  try {
    await options.goto(extensionUrl(gloss, 'options.html'));
    await options.getByLabel('Site (name or address)').fill(new URL(page.url()).hostname);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(options.getByRole('button', { name: 'Remove 127.0.0.1' })).toBeVisible();

    await expect.poll(() => paintedCount(page), { message: 'painted ranges with the site off' }).toBe(0);
    expect(await matchesOf(gloss, page, (m) => m.length === 0)).toEqual([]);

    await options.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    expect(await matchesOf(gloss, page, (m) => m.length > 0)).toEqual(expected);
    await expect.poll(() => paintedCount(page), { message: 'painted ranges with the site on again' }).toBeGreaterThan(0);
    expect((await paintedTexts(page)).every((text) => expected.some((m) => m.text === text))).toBe(true);
    // Same document all along: no reload.
    expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker);
  } finally {
    await options.close();
  }
});

test('global switch: off in the popup clears an open tab, the toolbar popup says so, on again restores it', async ({
  gloss,
  server,
  page,
}) => {
  await page.goto(server.url('english.html'));
  const expected = expectedMentions('english.html');
  expect(await matchesOf(gloss, page)).toEqual(expected);

  const tab = await gloss.context.newPage();
  try {
    await tab.goto(extensionUrl(gloss, 'popup.html'));
    const global = tab.getByRole('switch', { name: 'Highlight names' });
    await expect(global).toHaveAttribute('aria-checked', 'true');
    await global.click();
    await expect(global).toHaveAttribute('aria-checked', 'false');
    await expect.poll(() => paintedCount(page), { message: 'painted ranges with Gloss off' }).toBe(0);
    expect(await matchesOf(gloss, page, (m) => m.length === 0)).toEqual([]);

    // The toolbar popup over the page explains why nothing is listed, and turns Gloss back on.
    const popup = await openToolbarPopup(gloss, page, tab);
    try {
      await expect.poll(() => popup.text()).toContain('Gloss is switched off.');
      await popup.evaluate((w) => w.document.querySelector<HTMLElement>('.gloss-head [role="switch"]')!.click(), null);
      expect(await matchesOf(gloss, page, (m) => m.length > 0)).toEqual(expected);
      await expect.poll(() => paintedCount(page)).toBeGreaterThan(0);
      // The other open copy of the popup follows the setting.
      await expect(global).toHaveAttribute('aria-checked', 'true');
    } finally {
      await popup.close();
    }
  } finally {
    await tab.close();
  }
});

test('options: underline style and organizations off restyle an open tab live', async ({ gloss, server, page }) => {
  await page.goto(server.url('english.html'));
  const expected = expectedMentions('english.html');
  expect(await matchesOf(gloss, page)).toEqual(expected);
  const before = await highlightNames(page);
  expect(before).toEqual(expect.arrayContaining(['gloss-active', 'gloss-organization', 'gloss-person', 'gloss-model']));

  const options = await gloss.context.newPage();
  try {
    await options.goto(extensionUrl(gloss, 'options.html'));
    await options.getByRole('radio', { name: 'Coloured underline' }).check();
    await expect
      .poll(() => highlightNames(page), { message: 'highlight names after choosing underline' })
      .toEqual(expect.arrayContaining(['gloss-organization-u', 'gloss-person-u', 'gloss-model-u']));
    const underlined = await highlightNames(page);
    expect(
      underlined.filter((name) => /^gloss-(organization|person|model)$/.test(name)),
      'background highlights left',
    ).toEqual([]);

    await options.getByRole('checkbox', { name: 'Organization', exact: true }).uncheck();
    const withoutOrganizations = expected.filter((m) => typeOf(m.entityId) !== 'organization');
    expect(withoutOrganizations.length).toBeLessThan(expected.length);
    expect(await matchesOf(gloss, page, (m) => m.length === withoutOrganizations.length)).toEqual(withoutOrganizations);
    await expect
      .poll(() => highlightNames(page), { message: 'highlight names with organizations off' })
      .not.toEqual(expect.arrayContaining(['gloss-organization-u']));
    const names = await highlightNames(page);
    expect(names).not.toContain('gloss-organization');
    expect(names).toContain('gloss-person-u');
    // What is still painted is exactly the remaining mentions.
    expect((await paintedTexts(page)).sort()).toEqual(withoutOrganizations.map((m) => m.text).sort());

    // Back to the defaults: background highlights, every type.
    await options.getByRole('button', { name: 'Restore all defaults' }).click();
    expect(await matchesOf(gloss, page, (m) => m.length === expected.length)).toEqual(expected);
    await expect.poll(() => highlightNames(page)).toEqual(before);
  } finally {
    await options.close();
  }
});

// ---------------------------------------------------------------------------------------------------------
// The source view
// ---------------------------------------------------------------------------------------------------------

/** The marked passage: the text of all its <mark>s, and whether the first is on screen. */
async function markedPassage(page: Page): Promise<{ text: string; inView: boolean; count: number }> {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll<HTMLElement>('mark.source-passage')];
    const rect = marks[0]?.getBoundingClientRect();
    return {
      text: marks.map((mark) => mark.textContent).join(''),
      inView: !!rect && rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight,
      count: marks.length,
    };
  });
}

test('source view: the passage of a quote is marked and scrolled into view; text-quote params survive wrong offsets', async ({
  gloss,
  page,
}) => {
  const quote = index.quotes.find((q) => q.speaker === 'anita-huang' && q.text.includes('中间件'))!;
  const source = index.sources.find((s) => s.id === quote.source)!;
  expect(source.id).toBe('000_bbac0297650de592');
  expect(source.text.slice(quote.start, quote.end)).toBe(quote.text);

  await page.goto(extensionUrl(gloss, `source.html?source=${source.id}&start=${quote.start}&end=${quote.end}`));
  await expect(page.locator('mark.source-passage').first()).toBeVisible();
  await expect.poll(() => markedPassage(page)).toMatchObject({ text: quote.text, inView: true });
  expect(await page.evaluate(() => scrollY), 'the passage is below the first screen: the page scrolled').toBeGreaterThan(0);
  await expect(page.locator('.source-notice')).toHaveCount(0);

  // Offsets from an older version of the source: the quote and its context still find the passage.
  const params = new URLSearchParams({
    source: source.id,
    start: '10',
    end: String(10 + quote.text.length),
    exact: quote.text,
    prefix: quote.prefix ?? '',
    suffix: quote.suffix ?? '',
  });
  await page.goto(extensionUrl(gloss, `source.html?${params}`));
  await expect(page.locator('mark.source-passage').first()).toBeVisible();
  await expect.poll(() => markedPassage(page)).toMatchObject({ text: quote.text, inView: true });
  await expect(page.locator('.source-notice')).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------------------
// The card's source link
// ---------------------------------------------------------------------------------------------------------

/** The focused node inside the page, closed shadow roots included (through the accessibility tree). */
async function focusedNode(page: Page): Promise<{ role: string; name: string } | null> {
  type AXNode = { role?: { value?: string }; name?: { value?: string }; properties?: { name: string; value: { value?: unknown } }[] };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const focused = nodes.filter((node) => node.properties?.some((p) => p.name === 'focused' && p.value.value === true));
    const node = focused[focused.length - 1];
    return node ? { role: node.role?.value ?? '', name: node.name?.value ?? '' } : null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

test("the card's source link, from the keyboard, opens the source view at that passage", async ({ gloss, server, page }) => {
  await page.goto(server.url('english.html'));
  const expected = expectedMentions('english.html');
  expect(await matchesOf(gloss, page)).toEqual(expected);
  await page.bringToFront();

  // The keyboard command: the first mention's card opens with focus in it.
  await tell(gloss, page, { type: 'gloss:next-mention' });
  await expect.poll(async () => (await cardStateOf(gloss, page)).entityId ?? null).toBe(expected[0].entityId);
  await expect.poll(async () => (await focusedNode(page))?.role).toBe('dialog');

  // Tab to the first link (past the close button).
  let focused = await focusedNode(page);
  for (let i = 0; i < 6 && focused?.role !== 'link'; i++) {
    await page.keyboard.press('Tab');
    focused = await focusedNode(page);
  }
  expect(focused?.role, 'focused node in the card').toBe('link');
  expect(focused?.name).toMatch(/^Open the passage in “.+”$/);
  expect((await cardStateOf(gloss, page)).open).toBe(true);

  const [opened] = await Promise.all([gloss.context.waitForEvent('page'), page.keyboard.press('Enter')]);
  try {
    await opened.waitForLoadState('domcontentloaded');
    const url = new URL(opened.url());
    expect(`${url.protocol}//${url.host}`).toBe(`chrome-extension://${gloss.extensionId}`);
    expect(url.pathname).toBe('/source.html');
    const sourceId = url.searchParams.get('source')!;
    const start = Number(url.searchParams.get('start'));
    const end = Number(url.searchParams.get('end'));
    const source = index.sources.find((s) => s.id === sourceId);
    expect(source, `source ${sourceId}`).toBeDefined();
    const passage = source!.text.slice(start, end);
    // A passage the card's entity is actually about.
    const entity = entityById.get(expected[0].entityId)!;
    const said = index.quotes.filter((q) => q.speaker === entity.id);
    const passages = [entity.summary, ...entity.facts, ...said, ...entity.contexts, ...entity.related.map((r) => r.evidence)]
      .filter((p): p is NonNullable<typeof p> => !!p)
      .map((p) => p.text);
    expect(passages).toContain(passage);
    await expect(opened.locator('mark.source-passage').first()).toBeVisible();
    await expect.poll(() => markedPassage(opened)).toMatchObject({ text: passage, inView: true });
    // The link named the source it opens.
    expect(focused?.name).toBe(`Open the passage in “${source!.title}”`);
  } finally {
    await opened.close();
  }
});
