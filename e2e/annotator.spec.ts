// The annotator in Chromium, through the content script's message contract (utils/messages.ts):
//   { type: 'gloss:matches' }    → { url, complete, matches: { entityId, text }[] }  (document order)
//   { type: 'gloss:card-state' } → { open, entityId?, quoteCount?, verdict? }
//   { type: 'gloss:quotes' }     → { url, complete, quotes: { text, speakerId?, verdict, known, diff? }[] }
// For every fixture page: exactly the mentions of e2e/fixtures/expected.json, painted with the CSS Custom
// Highlight API, and no change to the page's DOM but one <gloss-root>. Plus typing, hovering, a page that
// rewrites itself, an infinite feed, a strict CSP. The `requests` fixture fails any test during which
// something tried to leave loopback.
import type { Page } from '@playwright/test';
import {
  collectErrors,
  getCardState,
  getMatches,
  getQuotes,
  getPageMutations,
  glossRootInfo,
  mentionPoint,
  paintedRanges,
  paintedTexts,
  recordPageMutations,
} from './support/chromium.ts';
import { expectedMentions, expectedQuotes, glossMutationProblems, sleep, verdictsOf } from './support/common.ts';
import { expect, test } from './support/fixtures.ts';
import { startServer } from './support/server.ts';
import type { PageMatch } from '../utils/messages.ts';

const sameMatches = (expected: PageMatch[]) => (r: { matches: PageMatch[] }) =>
  JSON.stringify(r.matches.map(({ entityId, text }) => ({ entityId, text }))) === JSON.stringify(expected);
const plain = (matches: PageMatch[]) => matches.map(({ entityId, text }) => ({ entityId, text }));

/** Waits until the page's own scripts and Gloss have settled, then checks the mutation rule. */
async function expectOnlyGlossRoot(page: Page, requireRoot = false): Promise<void> {
  await sleep(500);
  const problems = glossMutationProblems(await getPageMutations(page), requireRoot);
  expect(problems, 'page mutations attributable to Gloss (only one <gloss-root> insertion is allowed)').toEqual([]);
}

/** Every live painted range is the text of an expected mention; something is painted when expected. */
async function expectPaintedSubsetOf(page: Pick<Page, 'evaluate'>, expected: PageMatch[]): Promise<void> {
  const painted = await paintedTexts(page);
  const allowed = new Set(expected.map((m) => m.text));
  expect(
    painted.filter((text) => !allowed.has(text)),
    'painted ranges that are not expected mentions',
  ).toEqual([]);
  if (expected.length > 0) expect(painted.length, 'painted ranges (CSS.highlights)').toBeGreaterThan(0);
}

for (const file of ['english.html', 'chinese.html', 'traditional.html', 'inline-splits.html', 'inputs.html', 'shadow.html']) {
  test(`${file}: exactly the expected mentions, painted, and no page mutation but <gloss-root>`, async ({ gloss, server, page }) => {
    const errors = collectErrors(gloss.context);
    await recordPageMutations(page);
    await page.goto(server.url(file));
    const expected = expectedMentions(file);
    const response = await getMatches(gloss.context, page);
    expect(response.url).toBe(page.url());
    expect(plain(response.matches)).toEqual(expected);
    await expectPaintedSubsetOf(page, expected);
    await expectOnlyGlossRoot(page);
    expect(errors.fromExtension(), 'errors logged by the extension').toEqual([]);
  });
}

test('shadow.html: the same-origin srcdoc iframe is annotated too (painted in the frame)', async ({ server, page }) => {
  await page.goto(server.url('shadow.html'));
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('#framed')).toContainText('Hugging Face');
  const child = page.frames().find((f) => f !== page.mainFrame());
  if (!child) throw new Error('iframe not found');
  const expected = expectedMentions('shadow.html#iframe');
  await expect
    .poll(async () => (await paintedTexts(child)).sort(), { timeout: 15_000, message: 'painted texts in the iframe' })
    .toEqual(expected.map((m) => m.text).sort());
});

test('english.html under a strict Content-Security-Policy: same mentions', async ({ gloss, page }) => {
  const csp = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  const strict = await startServer({ headers: { '/english.html': { 'Content-Security-Policy': csp } } });
  try {
    await recordPageMutations(page);
    const response = await page.goto(strict.url('english.html'));
    expect(response?.headers()['content-security-policy']).toBe(csp);
    const answer = await getMatches(gloss.context, page);
    expect(plain(answer.matches)).toEqual(expectedMentions('english.html'));
    await expectOnlyGlossRoot(page);
  } finally {
    await strict.close();
  }
});

test('hovering a mention opens its card inside a closed <gloss-root>; Escape closes it', async ({ gloss, server, page }) => {
  await recordPageMutations(page);
  await page.goto(server.url('english.html'));
  await getMatches(gloss.context, page);
  expect((await getCardState(gloss.context, page)).open).toBe(false);

  // A word that is not a mention (the music tempo) opens nothing.
  const tempo = await mentionPoint(page, 'allegro');
  await page.mouse.move(tempo.x, tempo.y);
  await sleep(1_000);
  expect((await getCardState(gloss.context, page)).open, 'card after hovering the music "allegro"').toBe(false);

  const point = await mentionPoint(page, 'Kai-Fu Lee');
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await expect
    .poll(async () => (await getCardState(gloss.context, page)).entityId ?? null, { timeout: 10_000, message: 'card entity after hover' })
    .toBe('kai-fu-lee');
  const state = await getCardState(gloss.context, page);
  expect(state.open).toBe(true);
  if (state.quoteCount !== undefined) {
    expect(Number.isInteger(state.quoteCount) && state.quoteCount >= 0, `quoteCount ${state.quoteCount}`).toBe(true);
  }
  const root = await glossRootInfo(page);
  expect(root.count, 'number of <gloss-root> elements').toBe(1);
  expect(root.shadowRootType, "<gloss-root>'s shadow root").toBe('closed');
  expect(root.shadowText, 'text of the card').toContain('Kai-Fu Lee');

  await page.keyboard.press('Escape');
  await expect
    .poll(async () => (await getCardState(gloss.context, page)).open, { timeout: 5_000, message: 'card open after Escape' })
    .toBe(false);
  await expectOnlyGlossRoot(page, true);
});

test('traditional.html: hovering 李開復 opens the card of Kai-Fu Lee (李开复 in the catalog)', async ({ gloss, server, page }) => {
  await page.goto(server.url('traditional.html'));
  await getMatches(gloss.context, page);
  const point = await mentionPoint(page, '李開復');
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await expect
    .poll(async () => (await getCardState(gloss.context, page)).entityId ?? null, { timeout: 10_000, message: 'card entity after hover' })
    .toBe('kai-fu-lee');
});

test('inputs.html: typing into input, textarea and contenteditable behaves exactly as without Gloss', async ({ gloss, server, page }) => {
  await recordPageMutations(page);
  await page.goto(server.url('inputs.html'));
  const expected = expectedMentions('inputs.html');
  expect(plain((await getMatches(gloss.context, page)).matches)).toEqual(expected);

  const typed = ' and Hugging Face, DeepSeek';
  for (const id of ['input', 'textarea', 'editable']) {
    const initial = await page.evaluate((id) => {
      const el = document.getElementById(id) as HTMLElement;
      el.focus();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.setSelectionRange(el.value.length, el.value.length);
        return el.value;
      }
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return el.textContent ?? '';
    }, id);
    await page.evaluate(() => void ((window as unknown as { __events: unknown[] }).__events.length = 0));
    await page.keyboard.type(typed, { delay: 10 });
    await sleep(100); // lets the page read defaultPrevented after each dispatch
    const after = await page.evaluate((id) => {
      const el = document.getElementById(id) as HTMLElement;
      const value = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
      type Ev = { type: string; target: string; key: string | null; data: string | null; trusted: boolean; defaultPrevented: boolean };
      return { value, events: (window as unknown as { __events: Ev[] }).__events };
    }, id);
    expect(after.value.replace(/\u00a0/g, ' '), `value of #${id}`).toBe(initial + typed);
    const count = (type: string) => after.events.filter((e) => e.type === type && e.target === id).length;
    for (const type of ['keydown', 'keypress', 'beforeinput', 'input', 'keyup']) {
      expect(count(type), `${type} events on #${id}`).toBe(typed.length);
    }
    expect(
      after.events.filter((e) => e.target !== id),
      `events on other targets while typing into #${id}`,
    ).toEqual([]);
    expect(
      after.events.filter((e) => e.defaultPrevented),
      `prevented events on #${id}`,
    ).toEqual([]);
    expect(after.events.every((e) => e.trusted)).toBe(true);
    expect(
      after.events
        .filter((e) => e.type === 'keydown')
        .map((e) => e.key)
        .join(''),
    ).toBe(typed);
  }
  // Names typed into editable fields are still not mentions.
  await sleep(500);
  expect(plain((await getMatches(gloss.context, page)).matches)).toEqual(expected);
  await expectOnlyGlossRoot(page);
});

test('rerender.html: follows a paragraph rewritten every 200 ms, leaves no stale highlight', async ({ gloss, server, page }) => {
  await recordPageMutations(page);
  await page.goto(server.url('rerender.html'));
  await getMatches(gloss.context, page, { timeoutMs: 15_000 }).catch(() => undefined); // running; any answer
  await sleep(2_000);
  expect(await page.evaluate(() => (window as unknown as { __rerender: { renders: number } }).__rerender.renders)).toBeGreaterThan(5);

  for (const [state, key] of [
    ['with', 'rerender.html'],
    ['without', 'rerender.html#without'],
    ['with', 'rerender.html'],
  ] as const) {
    await page.evaluate((s) => (window as unknown as { __rerender: { stop(s: string): void } }).__rerender.stop(s), state);
    const expected = expectedMentions(key);
    const response = await getMatches(gloss.context, page, { until: sameMatches(expected) });
    expect(plain(response.matches)).toEqual(expected);
    await expect
      .poll(
        async () => (await paintedRanges(page)).filter((r) => !r.connected || r.collapsed || !expected.some((m) => m.text === r.text)),
        {
          timeout: 5_000,
          message: `stale or unexpected painted ranges in state "${state}"`,
        },
      )
      .toEqual([]);
  }
  await expectOnlyGlossRoot(page);
});

test('infinite-scroll.html: items appended while scrolling are annotated', async ({ gloss, server, page }) => {
  await recordPageMutations(page);
  await page.goto(server.url('infinite-scroll.html'));
  expect(plain((await getMatches(gloss.context, page)).matches)).toEqual(expectedMentions('infinite-scroll.html'));

  const feed = () => page.evaluate(() => (window as unknown as { __feed: { appended: number; max: number } }).__feed);
  const { max } = await feed();
  for (let i = 0; i < 40 && (await feed()).appended < max; i++) {
    await page.mouse.wheel(0, 4_000);
    await sleep(150);
  }
  expect((await feed()).appended).toBe(max);
  const expected = expectedMentions('infinite-scroll.html#all');
  const response = await getMatches(gloss.context, page, { until: sameMatches(expected) }).catch(async (error: Error) => {
    // Show the last complete answer rather than only the timeout.
    const last = await getMatches(gloss.context, page, { timeoutMs: 1_000 }).catch(() => null);
    throw new Error(`${error.message}\nlast complete answer: ${JSON.stringify(last?.matches)}`);
  });
  expect(plain(response.matches)).toEqual(expected);
  await expectPaintedSubsetOf(page, expected);
  await expectOnlyGlossRoot(page);
});

test('the card of a person shows their verbatim quote from the seed', async ({ gloss, server, page }) => {
  await page.goto(server.url('english.html'));
  await getMatches(gloss.context, page);
  const point = await mentionPoint(page, 'Larry Li');
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await expect.poll(async () => (await getCardState(gloss.context, page)).entityId ?? null, { timeout: 10_000 }).toBe('larry-li');
  const state = await getCardState(gloss.context, page);
  expect(state.quoteCount).toBe(3);
  const root = await glossRootInfo(page);
  // Verbatim from the seed, with the source's title.
  expect(root.shadowText).toContain('这记警钟敲响了');
  expect(root.shadowText).toContain('帕洛阿尔托投资公司 AMINO Capital 的创始管理合伙人');
  // Moving the pointer away closes it after a short grace.
  await page.mouse.move(5, 5);
  await expect.poll(async () => (await getCardState(gloss.context, page)).open, { timeout: 5_000 }).toBe(false);
});

test('keyboard: focusing a link that holds a mention opens its card; Escape closes it', async ({ gloss, server, page }) => {
  await page.goto(server.url('inline-splits.html'));
  await getMatches(gloss.context, page);
  await page.focus('#inline-a a');
  await expect.poll(async () => (await getCardState(gloss.context, page)).entityId ?? null, { timeout: 10_000 }).toBe('kai-fu-lee');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await getCardState(gloss.context, page)).open, { timeout: 5_000 }).toBe(false);
});

test('quotes.html: a verdict for each checked quotation (none for scare quotes, unknown or English ones), its card on the mark', async ({
  gloss,
  server,
  page,
}, testInfo) => {
  await recordPageMutations(page);
  await page.goto(server.url('quotes.html'));
  const response = await getQuotes(gloss.context, page);
  expect(response.url).toBe(page.url());
  expect(verdictsOf(response)).toEqual(expectedQuotes());
  // Altered: the word that differs, the page's and the source's, character by character.
  const altered = response.quotes.find((quote) => quote.verdict === 'altered');
  expect(altered?.diff?.filter((piece) => piece.kind !== 'same')).toEqual([
    { kind: 'page', text: '大力' },
    { kind: 'source', text: '积极' },
  ]);
  // The known quote is the source's own text: what the index holds for that speaker.
  expect(response.quotes.every((quote) => quote.known.text.length > 0)).toBe(true);

  // Each verdict is painted on its quotation's closing mark, nothing else.
  const marks = await page.evaluate(() =>
    ['verbatim', 'shortened', 'altered', 'other-speaker'].map((verdict) => [
      verdict,
      // Gloss paints StaticRanges: their text through a live copy.
      [...((CSS.highlights.get(`gloss-quote-${verdict}`) as Set<AbstractRange> | undefined) ?? [])].map((range) => {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return live.toString();
      }),
    ]),
  );
  expect(Object.fromEntries(marks)).toEqual({ verbatim: ['”', '”'], shortened: ['”'], altered: ['”'], 'other-speaker': ['”'] });

  // Hovering the altered quotation's mark (the third ” of the page) opens its card.
  const point = await mentionPoint(page, '”', 2);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await expect
    .poll(async () => (await getCardState(gloss.context, page)).verdict ?? null, { timeout: 10_000, message: 'card verdict after hover' })
    .toBe('altered');
  expect((await getCardState(gloss.context, page)).entityId).toBe('kaoutar-el-maghraoui');
  await page.screenshot({ path: testInfo.outputPath('quote-card.png') });
  await expectOnlyGlossRoot(page, true);
});
