// The background holds the index (bundled and the user's library) so that each tab holds only the matcher;
// it answers card requests and the library's pages, opens Gloss's pages, and relays the keyboard commands and
// the context menus. Every rule lives in utils/; this file wires messages to them.
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import index from '@/data/index.json';
// As text, parsed at start: V8 reads JSON.parse('…') far faster than the same data as an object literal.
import matcherJson from '@/data/matcher.json?raw';
import { entityView } from '@/utils/view/entity-view';
import { createQuoteVerdicts, type QuoteVerdicts } from '@/utils/view/quote-verdict';
import { isLibraryMessage, isRuntimeMessage } from '@/utils/messages';
import { createLibraryService } from '@/utils/library/service';
import { openLibraryStore } from '@/utils/library/store';
import { libraryNamesItem } from '@/utils/library/tab-names';
import { createLibraryAnswers, lazyStore, libraryErrorMessage } from '@/utils/library/library-messages';
import type { GlossIndex, MatcherData } from '@/utils/types';

const LOOKUP_MENU_ID = 'gloss-lookup';
const ADD_PAGE_MENU_ID = 'gloss-add-page';

export default defineBackground(() => {
  const library = createLibraryService({
    store: lazyStore(() => openLibraryStore()),
    bundled: index as unknown as GlossIndex,
    bundledMatcher: JSON.parse(matcherJson) as MatcherData,
    publish: (names) => libraryNamesItem.setValue(names),
    now: () => new Date().toISOString(),
  });
  const libraryAnswers = createLibraryAnswers({
    library,
    readTabArticle: (tabId) => browser.tabs.sendMessage(tabId, { type: 'gloss:article' }),
    persist: () => void navigator.storage?.persisted?.().then((kept) => kept || navigator.storage.persist()),
  });
  // Made for the index of the moment: a library change makes a new combined index, and new verdicts with it.
  let quoteVerdicts: { index: GlossIndex; check: QuoteVerdicts } | null = null;

  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    // Only our own content scripts and pages; messages of any other shape are ignored.
    if (sender.id !== browser.runtime.id) return undefined;
    // The library is changed and read by Gloss's own pages only, never by a content script (a page's world).
    if (isLibraryMessage(message)) return sender.url?.startsWith(browser.runtime.getURL('/')) ? libraryAnswers.answer(message) : undefined;
    if (!isRuntimeMessage(message)) return undefined;
    switch (message.type) {
      case 'gloss:entity':
        return library.index().then((current) => entityView(current, message.id) ?? null);
      case 'gloss:check-quotes':
        return library.index().then((current) => {
          if (quoteVerdicts?.index !== current) quoteVerdicts = { index: current, check: createQuoteVerdicts(current) };
          return quoteVerdicts.check(message.quotations);
        });
      case 'gloss:open':
        return browser.tabs
          .create({
            url: browser.runtime.getURL(message.url as '/source.html'),
            ...(sender.tab?.index !== undefined ? { index: sender.tab.index + 1 } : {}),
          })
          .then(() => true);
    }
  });

  // From the context menu or the keyboard: add, then open the Sources page to review the proposed names.
  const addPageAndReview = async (tabId: number) => {
    const query = await libraryAnswers.addPage(tabId).then(
      (added) => `source=${encodeURIComponent(added.source.id)}`,
      (error: unknown) => `error=${encodeURIComponent(libraryErrorMessage(error))}`,
    );
    await browser.tabs.create({ url: browser.runtime.getURL(`/options.html?${query}#sources` as '/options.html') });
  };

  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    if (command === 'next-mention') await browser.tabs.sendMessage(tab.id, { type: 'gloss:next-mention' }).catch(() => undefined);
    if (command === 'add-page') await addPageAndReview(tab.id);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: browser.i18n.getMessage('menu_lookup'), contexts: ['selection'] });
    browser.contextMenus.create({ id: ADD_PAGE_MENU_ID, title: browser.i18n.getMessage('menu_add_page'), contexts: ['page'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_PAGE_MENU_ID && tab?.id !== undefined) return void addPageAndReview(tab.id);
    if (info.menuItemId !== LOOKUP_MENU_ID || !info.selectionText) return;
    const query = info.selectionText.trim().slice(0, 200);
    void browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(query)}` as '/popup.html') });
  });
});
