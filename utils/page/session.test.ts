// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityView } from '../view/entity-view';
import type { MatchesResponse, QuotationToCheck, QuotesResponse, QuoteVerdictView, TabMessage } from '../messages';
import { defaultSettings, type Settings } from '../settings';
import { createMatcher } from '../matcher';
import { combineMatcherData } from '../library/matcher-data';
import { PAGE_MATCHER_DATA, pageMatcher } from '../testing/page-matcher';
import { createScheduler, type TimerHost } from './scheduler';
import { createPageSession, type CardPort, type PageSession } from './session';
import { rangeText } from './static-ranges';

const matcher = pageMatcher();

class FakeHighlight extends Set<Range> {
  priority = 0;
}

/** Timers that run only when the test says how much time passed. */
function manualTimers() {
  let next = 0;
  let now = 0;
  const due = new Map<number, { fn: () => void; at: number }>();
  const host: TimerHost = {
    setTimeout: (fn, ms) => (due.set(++next, { fn, at: now + ms }), next),
    clearTimeout: (id) => void due.delete(id),
    requestAnimationFrame: (fn) => (due.set(++next, { fn, at: now + 16 }), next),
    cancelAnimationFrame: (id) => void due.delete(id),
  };
  return {
    host,
    get pending() {
      return due.size;
    },
    /** Lets `ms` pass, running what falls due in order, and the page's microtasks (observer records) between. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const [id, timer] = [...due].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (id === undefined || !timer) break;
        due.delete(id);
        now = timer.at;
        timer.fn();
      }
      now = until;
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

function fakeCard() {
  const shows: { entityId: string; focus: boolean; verdict?: string }[] = [];
  let open = false;
  let close: () => void = () => undefined;
  const port: CardPort = {
    show: (view, _anchor, { focus }) => {
      shows.push({ entityId: view.id, focus });
      open = true;
    },
    showQuote: (quote, _anchor, { focus }) => {
      shows.push({ entityId: quote.known.speaker.id, focus, verdict: quote.verdict });
      open = true;
    },
    reposition: () => undefined,
    hide: () => void (open = false),
    owns: () => false,
    host: null,
    get open() {
      return open;
    },
  };
  return { port, shows, close: () => close(), setClose: (fn: () => void) => (close = fn) };
}

const view = (id: string) => ({ id, quotes: [{}, {}] }) as unknown as EntityView;

/** The background's side of the quote check, faked: a verbatim verdict for quotations with "companies". */
const KNOWN_TEXT = 'We will build models for companies, not for benchmarks. That is the plan.';
function fakeVerdict({ text }: QuotationToCheck): QuoteVerdictView | null {
  if (!text.includes('companies')) return null;
  const known = { id: 'q1', text: KNOWN_TEXT, speaker: { id: 'kai-fu-lee', name: 'Kai-Fu Lee' } } as unknown as QuoteVerdictView['known'];
  return { verdict: 'verbatim', known, knownStart: 0, knownEnd: text.length };
}

type RunFilter = (run: { text: string }) => boolean;
type ArticleFilter = (doc: Document) => Promise<RunFilter | null>;

/** An article filter still loading (the extras script), released by the test. */
function pendingArticleFilter() {
  let release: (filter: RunFilter) => void = () => undefined;
  const filter = new Promise<RunFilter>((resolve) => (release = resolve));
  return { filter, release: (filter: RunFilter) => release(filter) };
}

function setup(
  html: string,
  settings: Settings = defaultSettings(),
  hostname = 'example.com',
  articleFilter: ArticleFilter = () => Promise.resolve(null),
) {
  document.body.innerHTML = html;
  const checked: QuotationToCheck[] = [];
  const timers = manualTimers();
  const registry = new Map<string, FakeHighlight>();
  const card = fakeCard();
  const looked: string[] = [];
  const session = createPageSession({
    document,
    matcher,
    settings,
    highlights: {
      registry: { set: (name, h) => registry.set(name, h as unknown as FakeHighlight), delete: (name) => registry.delete(name) },
      create: () => new FakeHighlight() as unknown as Highlight,
    },
    scheduler: createScheduler(timers.host, { scheduler: { yield: () => Promise.resolve() } }),
    createCard: (close) => (card.setClose(close), card.port),
    entityView: async (id) => (looked.push(id), view(id)),
    checkQuotes: async (quotations) => (checked.push(...quotations), quotations.map(fakeVerdict)),
    articleFilter,
    hostname: () => hostname,
    url: () => 'https://example.com/page',
  });
  const ask = (message: TabMessage) => session.answer(message) as Promise<unknown>;
  const matches = async () => (await ask({ type: 'gloss:matches' })) as MatchesResponse;
  const painted = () =>
    [...registry]
      .filter(([name]) => name !== 'gloss-active' && !name.startsWith('gloss-quote-'))
      .flatMap(([, h]) => [...h].map((r) => rangeText(r)))
      .sort();
  const active = () => [...(registry.get('gloss-active') ?? [])].map((r) => rangeText(r));
  const quotes = async () => (await ask({ type: 'gloss:quotes' })) as QuotesResponse;
  return { session, timers, registry, card, looked, matches, ask, painted, active, checked, quotes };
}

const names = (response: MatchesResponse) => response.matches.map((m) => m.text);

let current: PageSession | undefined;
afterEach(() => {
  current?.dispose();
  current = undefined;
  document.body.innerHTML = '';
});
beforeAll(() => {
  // jsdom lays nothing out; the card only needs some rectangle to place itself by.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => ({ top: 10, bottom: 20, left: 0, right: 10, width: 10, height: 10 }) as DOMRect;
});

describe('createPageSession: the quote check', () => {
  const page =
    '<p>Kai-Fu Lee founded 01.AI.</p><p>He said: “We will build models for companies, not for benchmarks.”</p>' +
    '<p>“Nobody here has heard of this one before today,” a guest said.</p><p>A so-called “moat” is no speech.</p>';

  it('sends the speech quotations it reads with their speakers, paints a verdict on the closing mark, lists it', async () => {
    const t = setup(page);
    current = t.session;
    await t.timers.advance(0);
    expect(t.checked).toEqual([
      { text: 'We will build models for companies, not for benchmarks.', speakerId: 'kai-fu-lee' },
      { text: 'Nobody here has heard of this one before today,' },
    ]);
    const response = await t.quotes();
    expect(response).toMatchObject({ url: 'https://example.com/page', complete: true });
    expect(response.quotes).toEqual([
      {
        text: 'We will build models for companies, not for benchmarks.',
        speakerId: 'kai-fu-lee',
        verdict: 'verbatim',
        known: { speakerId: 'kai-fu-lee', text: KNOWN_TEXT },
      },
    ]);
    expect([...(t.registry.get('gloss-quote-verbatim') ?? [])].map((range) => rangeText(range))).toEqual(['”']);
  });

  it('opens the quotation’s card when its mark is focused, and reports its verdict', async () => {
    const t = setup(page.replace('<p>He said', '<p><a href="#x">He said').replace('”</p>', '”</a></p>'));
    current = t.session;
    await t.timers.advance(0);
    t.session.focusIn(document.querySelector('a'));
    await t.timers.advance(400);
    expect(t.card.shows.at(-1)).toEqual({ entityId: 'kai-fu-lee', focus: false, verdict: 'verbatim' });
    expect(await t.ask({ type: 'gloss:card-state' })).toEqual({ open: true, entityId: 'kai-fu-lee', verdict: 'verbatim' });
  });

  it('is off by its setting: nothing sent, listed or painted, and turning it off takes the marks away', async () => {
    const off = setup(page, { ...defaultSettings(), quoteCheck: false });
    current = off.session;
    await off.timers.advance(0);
    expect(off.checked).toEqual([]);
    expect((await off.quotes()).quotes).toEqual([]);
    off.session.dispose();

    const t = setup(page);
    current = t.session;
    await t.timers.advance(0);
    expect((await t.quotes()).quotes).toHaveLength(1);
    t.session.applySettings({ ...defaultSettings(), quoteCheck: false });
    await t.timers.advance(0);
    expect((await t.quotes()).quotes).toEqual([]);
    expect(t.registry.get('gloss-quote-verbatim')?.size ?? 0).toBe(0);
    expect(names(await t.matches())).toContain('Kai-Fu Lee');
  });
});

describe('createPageSession', () => {
  it('reads the page, paints what it found and reports it complete, in document order', async () => {
    const t = setup('<p>DeepSeek-R1 and <b>Kai-Fu</b> Lee.</p><p>IBM too.</p>');
    current = t.session;
    await t.timers.advance(0);
    const response = await t.matches();
    expect(response).toMatchObject({ url: 'https://example.com/page', complete: true });
    expect(names(response)).toEqual(['DeepSeek-R1', 'Kai-Fu Lee', 'IBM']);
    expect(t.painted()).toEqual(['DeepSeek-R1', 'IBM', 'Kai-Fu Lee']);
  });

  it('reads the page again with new names (the user accepted some), without a reload or a page change', async () => {
    const t = setup('<p>DeepSeek-R1 met Mistral Forge in Lyon.</p>');
    current = t.session;
    await t.timers.advance(0);
    expect(names(await t.matches())).toEqual(['DeepSeek-R1']);
    const withUserNames = combineMatcherData(PAGE_MATCHER_DATA, {
      entities: [{ id: 'u-mistral-forge', type: 'organization' }],
      aliases: [{ text: 'Mistral Forge', entity: 0, case: 'exact' }],
    });
    t.session.setMatcher(createMatcher(withUserNames));
    await t.timers.advance(0);
    const response = await t.matches();
    expect(response.complete).toBe(true);
    expect(response.matches).toEqual([
      { entityId: 'deepseek-r1', text: 'DeepSeek-R1' },
      { entityId: 'u-mistral-forge', text: 'Mistral Forge' },
    ]);
    expect(t.painted()).toEqual(['DeepSeek-R1', 'Mistral Forge']);
    // And back: the names removed, their highlights go.
    t.session.setMatcher(createMatcher(PAGE_MATCHER_DATA));
    await t.timers.advance(0);
    expect(t.painted()).toEqual(['DeepSeek-R1']);
  });

  it('follows the page: a change is re-read after the debounce, and reported incomplete until then', async () => {
    const t = setup('<p id="p">Nothing here.</p>');
    current = t.session;
    await t.timers.advance(0);
    document.getElementById('p')!.textContent = 'Now IBM is here.';
    await t.timers.advance(10);
    expect((await t.matches()).complete).toBe(false);
    await t.timers.advance(200);
    const response = await t.matches();
    expect(response.complete).toBe(true);
    expect(names(response)).toEqual(['IBM']);
    expect(t.painted()).toEqual(['IBM']);
  });

  it('a changed text is taken off the page before it is painted again, and read again after the debounce', async () => {
    const t = setup('<p id="p">IBM and Kai-Fu Lee.</p><p>DeepSeek-R1</p>');
    current = t.session;
    await t.timers.advance(0);
    expect(t.painted()).toEqual(['DeepSeek-R1', 'IBM', 'Kai-Fu Lee']);
    const node = document.getElementById('p')!.firstChild as Text;
    // The same node's text changes: its mentions' offsets no longer fit it ("Kai-Fu Lee" would paint "u Lee.").
    node.data = 'Nothing. But IBM and Kai-Fu Lee.';
    await Promise.resolve(); // the observer's callback: a microtask, before any rendering
    expect(t.painted()).toEqual(['DeepSeek-R1']);
    expect(names(await t.matches())).toEqual(['DeepSeek-R1']);
    await t.timers.advance(200);
    expect(t.painted()).toEqual(['DeepSeek-R1', 'IBM', 'Kai-Fu Lee']);
    expect(names(await t.matches())).toEqual(['IBM', 'Kai-Fu Lee', 'DeepSeek-R1']);
  });

  it('applies settings live: off for the site clears everything, on again reads again; types and first-only filter', async () => {
    const t = setup('<p>IBM, IBM and Kai-Fu Lee.</p>');
    current = t.session;
    await t.timers.advance(0);
    t.session.applySettings({ ...defaultSettings(), disabledSites: ['example.com'] });
    expect(await t.matches()).toMatchObject({ complete: true, matches: [] });
    expect(t.painted()).toEqual([]);

    t.session.applySettings({ ...defaultSettings(), mentions: 'first' });
    await t.timers.advance(0);
    expect(names(await t.matches())).toEqual(['IBM', 'Kai-Fu Lee']);
    expect(t.painted()).toEqual(['IBM', 'Kai-Fu Lee']);

    t.session.applySettings({ ...defaultSettings(), types: { ...defaultSettings().types, person: false } });
    await t.timers.advance(0);
    expect(names(await t.matches())).toEqual(['IBM', 'IBM']);
  });

  it('"article only" waits for the article filter (loaded on demand), then reads only the runs it accepts', async () => {
    const { filter, release } = pendingArticleFilter();
    const articleOnly = { ...defaultSettings(), articleOnly: true };
    const t = setup('<p>IBM in the menu.</p><p>Kai-Fu Lee in the article.</p>', articleOnly, 'example.com', () => filter);
    current = t.session;
    await t.timers.advance(0);
    expect(await t.matches()).toMatchObject({ complete: false, matches: [] });
    release((run) => run.text.includes('article'));
    await t.timers.advance(0);
    const response = await t.matches();
    expect(response.complete).toBe(true);
    expect(names(response)).toEqual(['Kai-Fu Lee']);
    expect(t.painted()).toEqual(['Kai-Fu Lee']);
  });

  it('"article only" turned off while its filter loads: the page is read whole, once, and the late filter is ignored', async () => {
    const { filter, release } = pendingArticleFilter();
    const t = setup(
      '<p>IBM in the menu.</p><p>Kai-Fu Lee in the article.</p>',
      { ...defaultSettings(), articleOnly: true },
      'example.com',
      () => filter,
    );
    current = t.session;
    t.session.applySettings(defaultSettings());
    release(() => false);
    await t.timers.advance(0);
    const response = await t.matches();
    expect(response.complete).toBe(true);
    expect(names(response)).toEqual(['IBM', 'Kai-Fu Lee']);
  });

  it('disposed while the article filter loads: nothing is read, painted or observed afterwards', async () => {
    const { filter, release } = pendingArticleFilter();
    const t = setup('<p>IBM and Kai-Fu Lee.</p>', { ...defaultSettings(), articleOnly: true }, 'example.com', () => filter);
    t.session.dispose();
    release(() => true);
    await t.timers.advance(1000);
    expect(t.painted()).toEqual([]);
    document.body.append(document.createElement('p'));
    await t.timers.advance(1000);
    expect(t.painted()).toEqual([]);
  });

  it('does not start on a site the user turned off', async () => {
    const t = setup('<p>IBM</p>', { ...defaultSettings(), disabledSites: ['example.com'] });
    current = t.session;
    await t.timers.advance(0);
    expect(await t.matches()).toMatchObject({ complete: true, matches: [] });
    expect(t.painted()).toEqual([]);
  });

  it('walks mentions from the keyboard: the card opens at once with focus, Escape closes it', async () => {
    const t = setup('<p>IBM and Kai-Fu Lee.</p>');
    current = t.session;
    await t.timers.advance(0);
    expect(await t.ask({ type: 'gloss:next-mention' })).toBe(true);
    await t.timers.advance(0);
    expect(t.card.shows).toEqual([{ entityId: 'ibm', focus: true }]);
    expect(await t.ask({ type: 'gloss:card-state' })).toEqual({ open: true, entityId: 'ibm', quoteCount: 2 });
    expect(t.active()).toEqual(['IBM']);
    t.session.keyDown('Escape');
    expect(await t.ask({ type: 'gloss:card-state' })).toEqual({ open: false });
    expect(t.active()).toEqual([]);
    await t.ask({ type: 'gloss:next-mention' });
    await t.timers.advance(0);
    expect(t.card.shows.at(-1)).toEqual({ entityId: 'kai-fu-lee', focus: true });
    // The entity's card data is asked for once per entity.
    expect(t.looked).toEqual(['ibm', 'kai-fu-lee']);
  });

  it("closes the card of a mention whose text changed, and keeps the mentions a text's growth leaves as they were", async () => {
    const t = setup('<p id="p">IBM and Kai-Fu Lee</p>');
    current = t.session;
    await t.timers.advance(0);
    await t.ask({ type: 'gloss:next-mention' });
    await t.timers.advance(0);
    expect(await t.ask({ type: 'gloss:card-state' })).toMatchObject({ open: true, entityId: 'ibm' });
    const node = document.getElementById('p')!.firstChild as Text;
    // Text appended: "IBM" and "Kai-Fu Lee" stand where they stood; the card stays.
    node.appendData(' said.');
    await Promise.resolve();
    expect(t.painted()).toEqual(['IBM', 'Kai-Fu Lee']);
    expect(await t.ask({ type: 'gloss:card-state' })).toMatchObject({ open: true, entityId: 'ibm' });
    // Text changed before them: both are off at once, and so is the card.
    node.data = 'Here ' + node.data;
    await Promise.resolve();
    expect(t.painted()).toEqual([]);
    expect(await t.ask({ type: 'gloss:card-state' })).toEqual({ open: false });
    await t.timers.advance(200);
    expect(t.painted()).toEqual(['IBM', 'Kai-Fu Lee']);
  });

  it('focusing an element that holds a mention opens its card after the delay, as hovering does', async () => {
    const t = setup('<p><a id="a" href="#">Kai-Fu Lee</a></p>');
    current = t.session;
    await t.timers.advance(0);
    t.session.focusIn(document.getElementById('a'));
    await t.timers.advance(defaultSettings().cardDelayMs - 1);
    expect(t.card.shows).toEqual([]);
    await t.timers.advance(1);
    expect(t.card.shows).toEqual([{ entityId: 'kai-fu-lee', focus: false }]);
    t.session.focusOut(document.body);
    await t.timers.advance(1000);
    expect(t.card.port.open).toBe(false);
  });

  it('reveals an entity from the popup: flashed, then back to nothing; false for one not on the page', async () => {
    const t = setup('<p>IBM and IBM.</p>');
    current = t.session;
    await t.timers.advance(0);
    expect(await t.ask({ type: 'gloss:reveal', entityId: 'kai-fu-lee' })).toBe(false);
    expect(await t.ask({ type: 'gloss:reveal', entityId: 'ibm' })).toBe(true);
    expect(t.active()).toEqual(['IBM']);
    await t.timers.advance(2000);
    expect(t.active()).toEqual([]);
  });

  it('hit-tests the pointer once a frame however many moves come in', async () => {
    const t = setup('<p>IBM</p>');
    current = t.session;
    await t.timers.advance(0);
    const before = t.timers.pending;
    for (let i = 0; i < 50; i++) t.session.pointerMoved(i, i, document.body);
    expect(t.timers.pending).toBe(before + 1);
  });

  it('on dispose, takes every highlight off, stops its timers and reads nothing more', async () => {
    const t = setup('<p id="p">IBM</p>');
    await t.timers.advance(0);
    document.getElementById('p')!.textContent = 'Kai-Fu Lee';
    await t.timers.advance(1);
    t.session.dispose();
    expect(t.registry.size).toBe(0);
    expect(t.timers.pending).toBe(0);
    await t.timers.advance(1000);
    expect(t.registry.size).toBe(0);
  });
});
