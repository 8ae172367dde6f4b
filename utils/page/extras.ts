// What a page needs only sometimes: the card (Preact and its components), and Readability for "article only"
// and "Add this page". They are a second script (entrypoints/content-extras/) that the content script loads
// the first time one of them is wanted, so that a page that never shows a card never parses them
// (BENCHMARKS.md: about half of the content script's size; SECURITY.md: how it is loaded, and why that way).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageArticle } from '../library/page-article';
import type { CardPort } from './session';
import type { TextRun } from './text-runs';

export interface PageExtras {
  createCardUi(ctx: ContentScriptContext, onClose: () => void): CardPort;
  articleRunFilter(doc: Document): ((run: TextRun) => boolean) | null;
  readPageArticle(doc: Document, location: string): PageArticle;
}

/**
 * Where the extras script leaves itself: a property of the content script's own global (its isolated world),
 * which the page's scripts never see. The script is a classic bundle, so it cannot export.
 */
export const EXTRAS_GLOBAL = '__glossPageExtras';

/**
 * Where Chromium's page script (entrypoints/content-page/) leaves its start function, the same way: the
 * content script there only imports it, so that V8 compiles it off the main thread.
 */
export const PAGE_SCRIPT_GLOBAL = '__glossPageScript';

/**
 * Loads a script that registers itself as `name` on `global` (`load` evaluates it) once; later calls share the
 * first load. A failed load is tried again at the next call.
 */
export function registeredScript<T>(name: string, load: () => Promise<unknown>, global: object = globalThis): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().then(() => {
      const registered = (global as Record<string, T | undefined>)[name];
      if (!registered) throw new Error(`Gloss: the script for ${name} did not register itself`);
      return registered;
    });
    loading.catch(() => (loading = null));
    return loading;
  };
}

/**
 * A card port that makes the real card only when a card is first shown. What is asked before it exists is
 * replayed in order once it does, except what a later hide made moot.
 */
export function lazyCardPort(make: () => Promise<CardPort>): CardPort {
  let card: CardPort | null = null;
  let making: Promise<void> | null = null;
  // The last show asked for while the card was being made (a hide clears it).
  let pending: ((port: CardPort) => void) | null = null;
  const whenMade = (call: (port: CardPort) => void) => {
    if (card) return call(card);
    pending = call;
    making ??= make().then(
      (made) => {
        card = made;
        const replay = pending;
        pending = null;
        replay?.(made);
      },
      () => {
        making = null; // tried again at the next show; no card meanwhile, and nothing thrown at the page
      },
    );
  };
  return {
    show: (view, anchor, options) => whenMade((port) => port.show(view, anchor, options)),
    showQuote: (view, anchor, options) => whenMade((port) => port.showQuote(view, anchor, options)),
    reposition: (anchor) => card?.reposition(anchor),
    hide: () => {
      pending = null;
      card?.hide();
    },
    owns: (target) => card?.owns(target) ?? false,
    get host() {
      return card?.host ?? null;
    },
    get open() {
      return card?.open ?? false;
    },
  };
}
