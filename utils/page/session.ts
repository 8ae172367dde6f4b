// A page's life with Gloss, from the first read to the context's end: what is read and painted (and when
// the settings change that), which mention the card is about, the pointer, focus and keyboard, the walk and
// reveal positions, single-page-app navigation, re-reading what the page changed, and the answers to the tab
// message contract. Every input comes in as an argument (document, matcher, card, timers, entity lookup),
// so it runs and is tested without a browser; the content script's entrypoint only wires events to it.
import type { EntityView } from '../view/entity-view';
import type { Matcher } from '../matcher';
import {
  MAX_QUOTATIONS_PER_CHECK,
  type CardStateResponse,
  type MatchesResponse,
  type PageQuoteResult,
  type QuotationToCheck,
  type QuotesResponse,
  type QuoteVerdictView,
  type TabMessage,
} from '../messages';
import { isActiveOn, type Settings } from '../settings';
import { ENTITY_TYPES } from '../types';
import { createAnnotator, type PageMention, type PageQuote } from './annotator';
import { compareRanges, containsPoint, liveRange, rangeText } from './static-ranges';
import { createColorSheet } from './color-sheet';
import { hitTest } from './hit-test';
import { createHoverIntent } from './hover-intent';
import { colorOverrideCss, createHighlightPainter, type HighlightApi } from './painter';
import type { Scheduler } from './scheduler';
import type { TextRun } from './text-runs';
import { visibleMentions } from './visibility';

const MUTATION_DEBOUNCE_MS = 150;
const HIDE_GRACE_MS = 250;
const FLASH_MS = 1600;
// The old text of a changed text node tells which of its mentions still stand (annotator.forgetChangedText).
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true, characterDataOldValue: true };

/** The card as the session drives it (entrypoints/content-extras/card-ui.tsx in the extension; a fake in tests). */
export interface CardPort {
  show(view: EntityView, anchor: DOMRect, options: { focus: boolean }): void;
  /** A quotation's card: the quote check's verdict and the source's quote. */
  showQuote(view: QuoteVerdictView, anchor: DOMRect, options: { focus: boolean }): void;
  /** Moves an open card to follow its mention (after a scroll). */
  reposition(anchor: DOMRect): void;
  hide(): void;
  /** Whether an event's target is Gloss's own UI. */
  owns(target: EventTarget | null): boolean;
  readonly host: HTMLElement | null;
  readonly open: boolean;
}

export interface PageSessionOptions {
  document: Document;
  matcher: Matcher;
  settings: Settings;
  highlights: HighlightApi;
  scheduler: Scheduler;
  /** The card, made once the session can close it (its close button and Escape inside it). */
  createCard(close: () => void): CardPort;
  /** The entity's card data (the background holds the index); undefined when unknown. */
  entityView(entityId: string): Promise<EntityView | undefined>;
  /** The quote check's verdicts on quotations (the background holds the quotes), one per quotation. */
  checkQuotes(quotations: QuotationToCheck[]): Promise<(QuoteVerdictView | null)[]>;
  /**
   * "Article only" mode's run filter for this document, or null when it is not an article (or it cannot be
   * told): asynchronous, because the reader it needs is loaded only when that mode is on.
   */
  articleFilter(doc: Document): Promise<((run: TextRun) => boolean) | null>;
  /** The page's hostname, for the per-site switch. */
  hostname(): string;
  /** The page's address, for the matches contract. */
  url(): string;
}

export interface PageSession {
  /** New settings (from storage): start, stop, or restyle without a reload. */
  applySettings(next: Settings): void;
  /** New names to find (the user's library changed): the page is read again with them, without a reload. */
  setMatcher(matcher: Matcher): void;
  /** The tab message contract (utils/messages.ts); undefined for a message it does not answer. */
  answer(message: TabMessage): Promise<unknown> | undefined;
  /** Pointer moved: hit-tested at most once a frame, on the latest position. */
  pointerMoved(x: number, y: number, target: EventTarget | null): void;
  keyDown(key: string): void;
  focusIn(target: EventTarget | null): void;
  focusOut(relatedTarget: EventTarget | null): void;
  scrolled(): void;
  /** A single-page app changed its address: the walk and reveal positions restart. */
  locationChanged(): void;
  /** The context ends: stop reading, take every highlight and the colour sheet off, stop timers. */
  dispose(): void;
}

/** What a card can be about: a mention, or a quotation the quote check has a verdict on. */
type CardTarget = PageMention | PageQuote;
const isQuote = (target: CardTarget): target is PageQuote => !('entityId' in target);

export function createPageSession(options: PageSessionOptions): PageSession {
  const { document: doc, scheduler } = options;
  const view = doc.defaultView!;
  let settings = options.settings;
  const painter = createHighlightPainter(options.highlights, settings.highlightStyle);
  const colorSheet = createColorSheet(doc);

  // --- What is read and painted --------------------------------------------------------------------------
  // In "first mention only" mode what is painted depends on document order: repaint after each batch.
  const paintIncrementally = () => settings.mentions === 'all';
  const shown = () => visibleMentions(annotator.mentions(), settings);
  const afterBatch = () => {
    if (!paintIncrementally()) painter.repaint(shown());
    checkNewQuotations();
  };
  let acceptRun: ((run: TextRun) => boolean) | null = null;
  let observedRoots = new WeakSet<ShadowRoot>();
  const annotator = createAnnotator({
    root: doc,
    matcher: options.matcher,
    painter: {
      add: (mention) => paintIncrementally() && painter.add(mention),
      remove: (mention) => painter.remove(mention),
      forgetQuote: (quote) => {
        forgottenQuotes.add(quote);
        markedQuotes.delete(quote);
        painter.markQuote(quote.range, null);
        if (active === quote) intent.close();
      },
    },
    readQuotations: () => settings.quoteCheck,
    yieldToPage: () => scheduler.yieldToPage(),
    ignore: () => card.host,
    acceptRun: (run) => !acceptRun || acceptRun(run),
    // The document's observer does not see into shadow roots: each open one a read enters is observed too.
    onShadowRoot: (shadow) => {
      if (observedRoots.has(shadow)) return;
      observedRoots.add(shadow);
      observer.observe(shadow, OBSERVED);
    },
  });

  // --- The quote check: quotations found by the read go to the background; a verdict is painted -----------
  const verdicts = new WeakMap<PageQuote, QuoteVerdictView | null>();
  const forgottenQuotes = new WeakSet<PageQuote>();
  // The quotations that got a verdict and are still on the page: what is painted, hovered and reported (most
  // quotations get none, so this stays small however many a page has).
  const markedQuotes = new Set<PageQuote>();
  let checksPending = 0;
  const checkNewQuotations = () => {
    const fresh = annotator.takeNewQuotations().filter((quote) => !forgottenQuotes.has(quote));
    if (!settings.quoteCheck) return;
    for (let from = 0; from < fresh.length; from += MAX_QUOTATIONS_PER_CHECK) {
      const batch = fresh.slice(from, from + MAX_QUOTATIONS_PER_CHECK);
      checksPending++;
      options
        .checkQuotes(batch.map(({ text, speakerId }) => (speakerId ? { text, speakerId } : { text })))
        .then(
          (results) => batch.forEach((quote, i) => settle(quote, results[i] ?? null)),
          () => batch.forEach((quote) => settle(quote, null)),
        )
        .finally(() => checksPending--);
    }
  };
  const settle = (quote: PageQuote, verdict: QuoteVerdictView | null) => {
    verdicts.set(quote, verdict);
    if (!verdict || scheduler.disposed || forgottenQuotes.has(quote)) return;
    markedQuotes.add(quote);
    painter.markQuote(quote.range, verdict.verdict);
  };
  const checkedQuotes = () => [...markedQuotes].sort((a, b) => compareRanges(a.range, b.range));
  const quoteAt = (node: Node, offset: number) => {
    for (const quote of markedQuotes) if (containsPoint(quote.range, node, offset)) return quote;
    return undefined;
  };

  // --- The card -------------------------------------------------------------------------------------------
  const views = new Map<string, Promise<EntityView | undefined>>();
  const viewOf = (entityId: string) => {
    let found = views.get(entityId);
    if (!found) {
      found = options.entityView(entityId);
      views.set(entityId, found);
    }
    return found;
  };
  let active: CardTarget | null = null;
  let activeView: EntityView | null = null;
  let activeQuote: QuoteVerdictView | null = null;
  let keyboardOpen = false;
  // Null for a range no longer intact (its nodes gone or shortened): no card is shown or moved for it.
  const anchorOf = (target: CardTarget): DOMRect | null => {
    const live = liveRange(target.range);
    return live && (live.getClientRects()[0] ?? live.getBoundingClientRect());
  };
  const openCard = async (target: CardTarget, focus: boolean) => {
    if (isQuote(target)) {
      const verdict = verdicts.get(target);
      if (!verdict || scheduler.disposed || intent.shown !== target) return;
      const anchor = anchorOf(target);
      if (!anchor) return;
      active = target;
      activeView = null;
      activeQuote = verdict;
      painter.setActive(target.range);
      card.showQuote(verdict, anchor, { focus });
      return;
    }
    const entity = await viewOf(target.entityId);
    // Its text may have changed while the view was asked for: a forgotten mention gets no card.
    const anchor = entity && !scheduler.disposed && intent.shown === target && annotator.holds(target) ? anchorOf(target) : null;
    if (!entity || !anchor) return;
    active = target;
    activeView = entity;
    activeQuote = null;
    painter.setActive(target.range);
    card.show(entity, anchor, { focus });
  };
  const closeCard = () => {
    active = null;
    activeView = null;
    activeQuote = null;
    painter.setActive(null);
    card.hide();
  };
  const card = options.createCard(() => intent.close());
  const intent = createHoverIntent<CardTarget>({
    showDelayMs: () => settings.cardDelayMs,
    hideDelayMs: HIDE_GRACE_MS,
    setTimer: scheduler.later,
    clearTimer: scheduler.cancel,
    onShow: (mention) => void openCard(mention, keyboardOpen),
    onHide: closeCard,
  });

  // --- Pointer ---------------------------------------------------------------------------------------------
  let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  let frameRequested = false;
  const hitTestPointer = () => {
    frameRequested = false;
    if (!pointer) return;
    if (card.owns(pointer.target)) return intent.pointerAt(null, true);
    keyboardOpen = false;
    const lookup = (node: Node, offset: number) => annotator.mentionAt(node, offset) ?? quoteAt(node, offset);
    intent.pointerAt(hitTest<CardTarget>(doc, pointer.x, pointer.y, lookup) ?? null);
  };

  // --- Walking mentions from the keyboard (command) and revealing them from the popup ----------------------
  let cursor = -1;
  const revealed = new Map<string, number>();
  const scrollTo = (mention: PageMention) => {
    const rect = liveRange(mention.range)?.getBoundingClientRect();
    if (!rect) return;
    if (rect.top < 0 || rect.bottom > view.innerHeight) {
      view.scrollBy({ top: rect.top - view.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
  };
  const nextMention = () => {
    const all = shown();
    if (all.length === 0) return;
    cursor = (cursor + 1) % all.length;
    const mention = all[cursor];
    scrollTo(mention);
    keyboardOpen = true;
    intent.open(mention);
  };
  const reveal = (entityId: string) => {
    const own = shown().filter((m) => m.entityId === entityId);
    if (own.length === 0) return false;
    const next = ((revealed.get(entityId) ?? -1) + 1) % own.length;
    revealed.set(entityId, next);
    const mention = own[next];
    scrollTo(mention);
    painter.setActive(mention.range);
    scheduler.later(() => {
      if (active !== mention) painter.setActive(active?.range ?? null);
    }, FLASH_MS);
    return true;
  };

  // --- Re-read only what the page changed, never reacting to our own UI -----------------------------------
  let changed = new Set<Node>();
  let debounce = 0;
  const observer = new MutationObserver((records) => {
    const host = card.host;
    for (const record of records) {
      if (host && (record.target === host || host.contains(record.target))) continue;
      if (host && record.addedNodes.length === 1 && record.addedNodes[0] === host) continue;
      if (host && record.removedNodes.length === 1 && record.removedNodes[0] === host) continue;
      changed.add(record.target);
      // Before the page is painted again: a changed text's static ranges would paint the wrong letters.
      if (record.type === 'characterData') {
        const forgotten = annotator.forgetChangedText(record.target, record.oldValue);
        if (active && forgotten.includes(active as PageMention)) intent.close();
      }
    }
    if (changed.size === 0 || debounce) return;
    debounce = scheduler.later(() => {
      debounce = 0;
      const nodes = changed;
      changed = new Set();
      if (active && !active.range.startContainer.isConnected) intent.close();
      void annotator.rescan(nodes).then(afterBatch);
    }, MUTATION_DEBOUNCE_MS);
  });

  // --- Running or not, by settings -------------------------------------------------------------------------
  let running = false;
  let started = false;
  // Each start counts: a stop, or a newer start, while the article filter loads makes that start moot.
  let starts = 0;
  const start = () => {
    running = true;
    started = false;
    const thisStart = ++starts;
    const read = () => {
      observedRoots = new WeakSet();
      observer.observe(doc, OBSERVED);
      void annotator.scanAll().then(() => {
        afterBatch();
        started = true;
      });
    };
    if (!settings.articleOnly) {
      acceptRun = null;
      return read();
    }
    void options
      .articleFilter(doc)
      .catch(() => null)
      .then((filter) => {
        if (thisStart !== starts || !running) return;
        acceptRun = filter;
        read();
      });
  };
  const stop = () => {
    starts++;
    running = false;
    started = true;
    observer.disconnect();
    intent.close();
    annotator.stop();
    painter.repaint([]);
  };
  const restyle = () => {
    painter.setStyle(settings.highlightStyle);
    for (const type of ENTITY_TYPES) painter.setTypeVisible(type, settings.types[type]);
    colorSheet.set(colorOverrideCss(settings.colors));
  };

  restyle();
  if (isActiveOn(settings, options.hostname())) start();
  else started = true;

  return {
    applySettings(next) {
      const previous = settings;
      settings = next;
      restyle();
      if (!isActiveOn(settings, options.hostname())) {
        if (running) stop();
        return;
      }
      if (!running || previous.articleOnly !== settings.articleOnly || previous.quoteCheck !== settings.quoteCheck) {
        if (running) stop();
        start();
      } else if (previous.mentions !== settings.mentions) {
        painter.repaint(paintIncrementally() ? annotator.mentions() : shown());
      }
    },
    setMatcher(next) {
      if (!running) return annotator.setMatcher(next);
      stop();
      annotator.setMatcher(next);
      start();
    },
    answer(message) {
      switch (message.type) {
        case 'gloss:matches': {
          const response: MatchesResponse = {
            url: options.url(),
            complete: started && annotator.complete && changed.size === 0 && !debounce,
            matches: (running ? shown() : []).map((m) => ({ entityId: m.entityId, text: rangeText(m.range) })),
          };
          return Promise.resolve(response);
        }
        case 'gloss:quotes': {
          const quotes: PageQuoteResult[] = [];
          for (const quote of running && settings.quoteCheck ? checkedQuotes() : []) {
            const verdict = verdicts.get(quote)!;
            quotes.push({
              text: quote.text,
              ...(quote.speakerId ? { speakerId: quote.speakerId } : {}),
              verdict: verdict.verdict,
              known: { speakerId: verdict.known.speaker.id, text: verdict.known.text },
              ...(verdict.diff ? { diff: verdict.diff } : {}),
            });
          }
          const response: QuotesResponse = {
            url: options.url(),
            complete: started && annotator.complete && changed.size === 0 && !debounce && checksPending === 0,
            quotes,
          };
          return Promise.resolve(response);
        }
        case 'gloss:card-state': {
          let response: CardStateResponse = { open: false };
          if (card.open && activeView) response = { open: true, entityId: activeView.id, quoteCount: activeView.quotes.length };
          else if (card.open && activeQuote)
            response = { open: true, entityId: activeQuote.known.speaker.id, verdict: activeQuote.verdict };
          return Promise.resolve(response);
        }
        case 'gloss:next-mention':
          nextMention();
          return Promise.resolve(true);
        case 'gloss:reveal':
          return Promise.resolve(reveal(message.entityId));
      }
      return undefined;
    },
    pointerMoved(x, y, target) {
      pointer = { x, y, target };
      if (frameRequested) return;
      frameRequested = true;
      scheduler.frame(hitTestPointer);
    },
    keyDown(key) {
      if (key === 'Escape' && intent.shown) intent.close();
    },
    focusIn(target) {
      // Keyboard users: focusing a link or control that holds a mention shows its card, as hovering does.
      const element = target as Element | null;
      if (element?.nodeType !== Node.ELEMENT_NODE || card.owns(element) || element === doc.body) return;
      const focused: CardTarget | undefined =
        shown().find((m) => element.contains(m.range.startContainer)) ??
        [...markedQuotes].find((quote) => element.contains(quote.range.startContainer));
      if (focused) intent.pointerAt(focused);
    },
    focusOut(relatedTarget) {
      if (!card.owns(relatedTarget)) intent.pointerAt(null);
    },
    scrolled() {
      const anchor = active && card.open ? anchorOf(active) : null;
      if (anchor) card.reposition(anchor);
    },
    locationChanged() {
      cursor = -1;
      revealed.clear();
      intent.close();
    },
    dispose() {
      // Nothing may start after this: not a read waiting for the article filter, not a card still being made.
      starts++;
      running = false;
      card.hide();
      scheduler.dispose();
      observer.disconnect();
      annotator.stop();
      painter.clear();
      colorSheet.remove();
    },
  };
}
