// The background holds the full index so that each tab holds only the matcher; it answers card requests,
// opens Gloss's pages, and relays the keyboard command and the context menu.
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import index from '@/data/index.json';
import { entityView } from '@/utils/view/entity-view';
import { createQuoteVerdicts, type QuoteVerdicts } from '@/utils/view/quote-verdict';
import { isRuntimeMessage } from '@/utils/messages';
import type { GlossIndex } from '@/utils/types';

const LOOKUP_MENU_ID = 'gloss-lookup';

export default defineBackground(() => {
  const glossIndex = index as unknown as GlossIndex;
  // Made on the first page with a quotation: a background that never sees one never indexes the quotes.
  let quoteVerdicts: QuoteVerdicts | null = null;

  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    // Only our own content scripts and pages; messages of any other shape are ignored.
    if (sender.id !== browser.runtime.id || !isRuntimeMessage(message)) return undefined;
    switch (message.type) {
      case 'gloss:entity':
        return Promise.resolve(entityView(glossIndex, message.id) ?? null);
      case 'gloss:check-quotes':
        quoteVerdicts ??= createQuoteVerdicts(glossIndex);
        return Promise.resolve(quoteVerdicts(message.quotations));
      case 'gloss:open':
        return browser.tabs
          .create({
            url: browser.runtime.getURL(message.url as '/source.html'),
            ...(sender.tab?.index !== undefined ? { index: sender.tab.index + 1 } : {}),
          })
          .then(() => true);
    }
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-mention') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'gloss:next-mention' }).catch(() => undefined);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: browser.i18n.getMessage('menu_lookup'), contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== LOOKUP_MENU_ID || !info.selectionText) return;
    const query = info.selectionText.trim().slice(0, 200);
    void browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(query)}` as '/popup.html') });
  });
});
