// The page's wiring: the page session (utils/page/session.ts) to this page's events, the extension's messages
// and the stored settings. Every rule lives in utils/; nothing here decides anything. Run by the content script
// (entrypoints/content/), in Chromium from a script of its own (entrypoints/content-page/).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
// As text, parsed at start: V8 reads JSON.parse('…') far faster than the same data as an object literal.
import matcherJson from '@/data/matcher.json?raw';
import type { EntityView } from '@/utils/view/entity-view';
import { libraryNamesItem } from '@/utils/library/tab-names';
import { tabMatcher } from '@/utils/library/matcher-data';
import { isTabMessage, type QuoteVerdictView } from '@/utils/messages';
import { EXTRAS_GLOBAL, lazyCardPort, registeredScript, type PageExtras } from '@/utils/page/extras';
import { createScheduler } from '@/utils/page/scheduler';
import { createPageSession } from '@/utils/page/session';
import { getSettings, watchSettings } from '@/utils/settings';
import type { MatcherData } from '@/utils/types';

export async function startPage(ctx: ContentScriptContext): Promise<void> {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
  const scheduler = createScheduler(window, globalThis as { scheduler?: { yield?: () => Promise<void> } });
  ctx.onInvalidated(() => scheduler.dispose());
  const [settings, libraryNames] = await Promise.all([getSettings(), libraryNamesItem.getValue()]);
  if (!ctx.isValid) return;
  // The bundled names and the user's library's (tab-names.ts): a change to the library reads the page again.
  const bundled = JSON.parse(matcherJson) as MatcherData;
  const matcherWith = (names: unknown) => tabMatcher(bundled, names);
  // The card and Readability, only once a page wants one (utils/page/extras.ts; SECURITY.md says how).
  const extras = registeredScript<PageExtras>(EXTRAS_GLOBAL, () => import(/* @vite-ignore */ browser.runtime.getURL('/content-extras.js')));
  const session = createPageSession({
    document,
    matcher: matcherWith(libraryNames),
    settings,
    highlights: { registry: CSS.highlights, create: () => new Highlight() },
    scheduler,
    createCard: (close) => lazyCardPort(() => extras().then((e) => e.createCardUi(ctx, close))),
    entityView: (id) => browser.runtime.sendMessage({ type: 'gloss:entity', id }) as Promise<EntityView | undefined>,
    checkQuotes: (quotations) =>
      browser.runtime.sendMessage({ type: 'gloss:check-quotes', quotations }) as Promise<(QuoteVerdictView | null)[]>,
    articleFilter: (doc) => extras().then((e) => e.articleRunFilter(doc)),
    hostname: () => location.hostname,
    url: () => location.href,
  });

  const passive = { passive: true, capture: true };
  ctx.addEventListener(document, 'pointermove', (e) => session.pointerMoved(e.clientX, e.clientY, e.target), passive);
  ctx.addEventListener(window, 'keydown', (e) => session.keyDown(e.key), { capture: true });
  ctx.addEventListener(document, 'focusin', (e) => session.focusIn(e.target));
  ctx.addEventListener(document, 'focusout', (e) => session.focusOut(e.relatedTarget));
  ctx.addEventListener(window, 'scroll', () => session.scrolled(), passive);
  ctx.addEventListener(window, 'wxt:locationchange', () => session.locationChanged());

  const isTop = window === window.top; // only the top frame answers (a tab has one answer); frames annotate themselves
  const onMessage = (message: unknown): Promise<unknown> | undefined => {
    if (!ctx.isValid || !isTop || !isTabMessage(message)) return undefined;
    if (message.type === 'gloss:article') return extras().then((e) => e.readPageArticle(document, location.href));
    return session.answer(message);
  };
  browser.runtime.onMessage.addListener(onMessage);

  // Settings apply live: turning Gloss off for this site, or on, or restyling, takes effect at once.
  const unwatch = watchSettings((next) => session.applySettings(next));
  const unwatchLibrary = libraryNamesItem.watch((names) => session.setMatcher(matcherWith(names)));
  ctx.onInvalidated(() => {
    unwatch();
    unwatchLibrary();
    browser.runtime.onMessage.removeListener(onMessage);
    session.dispose();
  });
}
