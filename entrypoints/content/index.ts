// Wires the page annotator to the page: reads and paints once the page is idle, follows mutations, hit-tests
// the pointer for the card, and answers the tab message contract. The rules live in utils/.
import './highlights.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
// As text, parsed at start: V8 reads JSON.parse('…') far faster than the same data as an object literal.
import matcherJson from '@/data/matcher.json?raw';
import type { EntityView } from '@/utils/entity-view';
import { createMatcher } from '@/utils/matcher';
import { isTabMessage, type CardStateResponse, type MatchesResponse, type TabMessage } from '@/utils/messages';
import { createAnnotator, type PageMention } from '@/utils/page/annotator';
import { hitTest } from '@/utils/page/hit-test';
import { createHoverIntent } from '@/utils/page/hover-intent';
import { articleRunFilter } from '@/utils/page/article-scope';
import { createColorSheet } from '@/utils/page/color-sheet';
import { colorOverrideCss, createHighlightPainter } from '@/utils/page/painter';
import { visibleMentions } from '@/utils/page/visibility';
import { getSettings, isActiveOn, watchSettings, type Settings } from '@/utils/settings';
import { ENTITY_TYPES, type MatcherData } from '@/utils/types';
import { createCardUi } from './card-ui';

const MUTATION_DEBOUNCE_MS = 150;
const HIDE_GRACE_MS = 250;
const FLASH_MS = 1600;
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',

  async main(ctx) {
    if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
    // ctx.setTimeout and ctx.requestAnimationFrame each add a listener to the context's abort signal and never
    // take it off (WXT 0.20): one per pointer frame and per page change, hundreds of thousands over a long
    // session. Plain timers instead, all stopped by one listener when the context goes.
    const timers = new Set<number>();
    const later = (fn: () => void, ms: number): number => {
      const id = window.setTimeout(() => {
        timers.delete(id);
        if (ctx.isValid) fn();
      }, ms);
      timers.add(id);
      return id;
    };
    const cancel = (id: number) => {
      clearTimeout(id);
      timers.delete(id);
    };
    let frame = 0;
    ctx.onInvalidated(() => {
      for (const id of timers) clearTimeout(id);
      timers.clear();
      cancelAnimationFrame(frame);
    });
    let settings: Settings = await getSettings();
    const matcher = createMatcher(JSON.parse(matcherJson) as MatcherData);
    const painter = createHighlightPainter({ registry: CSS.highlights, create: () => new Highlight() }, settings.highlightStyle);
    // In "first mention only" mode what is painted depends on document order: repaint after each batch.
    const paintIncrementally = () => settings.mentions === 'all';
    const pagePainter = {
      add: (mention: PageMention) => paintIncrementally() && painter.add(mention),
      remove: (mention: PageMention) => painter.remove(mention),
    };
    const shown = () => visibleMentions(annotator.mentions(), settings);
    const afterBatch = () => {
      if (!paintIncrementally()) painter.repaint(shown());
    };
    const yieldToPage = () =>
      new Promise<void>((resolve) => {
        const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
        if (scheduler?.yield) void scheduler.yield().then(resolve);
        else later(resolve, 0);
      });
    let cardUi: ReturnType<typeof createCardUi> | null = null;
    let acceptRun: ((run: import('@/utils/page/text-runs').TextRun) => boolean) | null = null;
    const annotator = createAnnotator({
      root: document,
      matcher,
      painter: pagePainter,
      yieldToPage,
      ignore: () => cardUi?.host ?? null,
      acceptRun: (run) => !acceptRun || acceptRun(run),
      // The document's observer does not see into shadow roots: each open one a read enters is observed too.
      onShadowRoot: (shadow) => {
        if (observedRoots.has(shadow)) return;
        observedRoots.add(shadow);
        observer.observe(shadow, OBSERVED);
      },
    });
    let observedRoots = new WeakSet<ShadowRoot>();

    const views = new Map<string, Promise<EntityView | undefined>>();
    const viewOf = (entityId: string) => {
      let view = views.get(entityId);
      if (!view) {
        view = browser.runtime.sendMessage({ type: 'gloss:entity', id: entityId }) as Promise<EntityView | undefined>;
        views.set(entityId, view);
      }
      return view;
    };

    let active: PageMention | null = null;
    let activeView: EntityView | null = null;
    let keyboardOpen = false;
    let started = false;
    const anchorOf = (mention: PageMention) => mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect();

    const openCard = async (mention: PageMention, focus: boolean) => {
      const view = await viewOf(mention.entityId);
      if (!view || !ctx.isValid || intent.shown !== mention) return;
      active = mention;
      activeView = view;
      painter.setActive(mention.range);
      cardUi!.show(view, anchorOf(mention), { focus });
    };
    const closeCard = () => {
      active = null;
      activeView = null;
      painter.setActive(null);
      cardUi?.hide();
    };
    cardUi = createCardUi(ctx, () => intent.close());
    const intent = createHoverIntent<PageMention>({
      showDelayMs: () => settings.cardDelayMs,
      hideDelayMs: HIDE_GRACE_MS,
      setTimer: later,
      clearTimer: cancel,
      onShow: (mention) => void openCard(mention, keyboardOpen),
      onHide: closeCard,
    });

    // Pointer: hit-test at most once per frame, on the latest position.
    let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
    let frameRequested = false;
    ctx.addEventListener(
      document,
      'pointermove',
      (event) => {
        pointer = { x: event.clientX, y: event.clientY, target: event.target };
        if (frameRequested) return;
        frameRequested = true;
        frame = requestAnimationFrame(() => {
          frameRequested = false;
          if (!pointer || !ctx.isValid) return;
          if (cardUi!.owns(pointer.target)) return intent.pointerAt(null, true);
          keyboardOpen = false;
          intent.pointerAt(hitTest(document, pointer.x, pointer.y, annotator.mentionAt) ?? null);
        });
      },
      { passive: true, capture: true },
    );
    ctx.addEventListener(
      window,
      'keydown',
      (event) => {
        if (event.key === 'Escape' && intent.shown) intent.close();
      },
      { capture: true },
    );
    // Keyboard users: focusing a link or control that holds a mention shows its card, as hovering does.
    ctx.addEventListener(document, 'focusin', (event) => {
      const target = event.target;
      if (!(target instanceof Element) || cardUi!.owns(target) || target === document.body) return;
      const mention = shown().find((m) => target.contains(m.range.startContainer));
      if (mention) intent.pointerAt(mention);
    });
    ctx.addEventListener(document, 'focusout', (event) => {
      if (!cardUi!.owns(event.relatedTarget)) intent.pointerAt(null);
    });
    ctx.addEventListener(
      window,
      'scroll',
      () => {
        if (active && cardUi!.open) cardUi!.reposition(anchorOf(active));
      },
      { passive: true, capture: true },
    );

    // Walking mentions from the keyboard (command) and revealing them from the popup.
    let cursor = -1;
    const revealed = new Map<string, number>();
    const scrollTo = (mention: PageMention) => {
      const rect = mention.range.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
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
      later(() => {
        if (active !== mention) painter.setActive(active?.range ?? null);
      }, FLASH_MS);
      return true;
    };

    // A single-page app navigated: its DOM changes reach the observer; the walk and reveal positions restart.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      cursor = -1;
      revealed.clear();
      intent.close();
    });

    // Re-read only what the page changed, never reacting to our own UI.
    let changed = new Set<Node>();
    let debounce = 0;
    const observer = new MutationObserver((records) => {
      const host = cardUi!.host;
      for (const record of records) {
        if (host && (record.target === host || host.contains(record.target))) continue;
        if (host && record.addedNodes.length === 1 && record.addedNodes[0] === host) continue;
        if (host && record.removedNodes.length === 1 && record.removedNodes[0] === host) continue;
        changed.add(record.target);
      }
      if (changed.size === 0 || debounce) return;
      debounce = later(() => {
        debounce = 0;
        const nodes = changed;
        changed = new Set();
        if (active && !active.range.startContainer.isConnected) intent.close();
        void annotator.rescan(nodes).then(afterBatch);
      }, MUTATION_DEBOUNCE_MS);
    });

    const isTop = window === window.top;
    browser.runtime.onMessage.addListener((message: unknown): Promise<unknown> | undefined => {
      if (!ctx.isValid || !isTabMessage(message)) return undefined;
      const request = message as TabMessage;
      // Only the top frame answers, so that a tab has one answer; frames annotate themselves.
      if (!isTop) return undefined;
      switch (request.type) {
        case 'gloss:matches': {
          const response: MatchesResponse = {
            url: location.href,
            complete: started && annotator.complete && changed.size === 0 && !debounce,
            matches: (running ? shown() : []).map((m) => ({ entityId: m.entityId, text: m.range.toString() })),
          };
          return Promise.resolve(response);
        }
        case 'gloss:card-state': {
          const response: CardStateResponse =
            cardUi!.open && activeView ? { open: true, entityId: activeView.id, quoteCount: activeView.quotes.length } : { open: false };
          return Promise.resolve(response);
        }
        case 'gloss:next-mention':
          nextMention();
          return Promise.resolve(true);
        case 'gloss:reveal':
          return Promise.resolve(reveal(request.entityId));
      }
    });

    // Settings apply live: turning Gloss off for this site, or on, or restyling, takes effect at once.
    let running = false;
    const colorSheet = createColorSheet(document);
    const applyColors = () => colorSheet.set(colorOverrideCss(settings.colors));
    const start = () => {
      running = true;
      started = false;
      acceptRun = settings.articleOnly ? articleRunFilter(document) : null;
      observedRoots = new WeakSet();
      observer.observe(document, OBSERVED);
      void annotator.scanAll().then(() => {
        afterBatch();
        started = true;
      });
    };
    const stop = () => {
      running = false;
      started = true;
      observer.disconnect();
      intent.close();
      annotator.stop();
      painter.repaint([]);
    };
    const apply = (next: Settings) => {
      const previous = settings;
      settings = next;
      const active = isActiveOn(settings, location.hostname);
      painter.setStyle(settings.highlightStyle);
      for (const type of ENTITY_TYPES) painter.setTypeVisible(type, settings.types[type]);
      applyColors();
      if (!active) {
        if (running) stop();
        return;
      }
      if (!running || previous.articleOnly !== settings.articleOnly) {
        if (running) stop();
        start();
      } else if (previous.mentions !== settings.mentions) {
        painter.repaint(paintIncrementally() ? annotator.mentions() : shown());
      }
    };
    for (const type of ENTITY_TYPES) painter.setTypeVisible(type, settings.types[type]);
    applyColors();
    if (isActiveOn(settings, location.hostname)) start();
    else started = true;
    const unwatch = watchSettings(apply);

    ctx.onInvalidated(() => {
      unwatch();
      observer.disconnect();
      annotator.stop();
      painter.clear();
      colorSheet.remove();
    });
  },
});
