// The popup's view of the tab behind it: which tab, its site, and what its content script found there; and
// the few things the popup asks of the browser (reveal a mention, open a Gloss page).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabMessage } from '../utils/messages';
import { asMatchesResponse, pageEntities, pageHostname, type PageState } from '../utils/view/on-this-page';
import type { GlossIndex } from '../utils/types';

/** While the content script is still scanning, ask again this often, this many times. */
const POLL_MS = 600;
const POLL_TIMES = 10;

export interface ActiveTab {
  id: number;
  hostname: string;
}

export interface ActiveTabView {
  tab: ActiveTab | undefined;
  page: PageState;
  /** Flash the first mention of an entity in the tab. */
  reveal(entityId: string): void;
  /** Open an extension-relative Gloss page ("/source.html?…") in a new tab; anything else is ignored. */
  openPage(url: string): void;
  openOptions(): void;
}

export function useActiveTab(index: GlossIndex): ActiveTabView {
  const [tab, setTab] = useState<ActiveTab | undefined>();
  const [page, setPage] = useState<PageState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async (tabId: number, left: number) => {
      let response;
      try {
        response = asMatchesResponse(await browser.tabs.sendMessage(tabId, { type: 'gloss:matches' } satisfies TabMessage));
      } catch {
        response = undefined; // no receiver: a page Gloss can't run on
      }
      if (!live) return;
      if (!response) {
        setPage({ status: 'unavailable' });
        return;
      }
      // Without activeTab (popup opened by other means) the tab's address is hidden; the page told us its own.
      const pageUrl = response.url;
      setTab((tab) => (tab && !tab.hostname ? { ...tab, hostname: pageHostname(pageUrl) } : tab));
      setPage({ status: 'ready', entities: pageEntities(index, response), complete: response.complete });
      if (!response.complete && left > 0) timer = setTimeout(() => void ask(tabId, left - 1), POLL_MS);
    };
    void (async () => {
      let current;
      try {
        [current] = await browser.tabs.query({ active: true, currentWindow: true });
      } catch {
        current = undefined;
      }
      if (!live) return;
      // Also when this page is open in a tab of its own (the context menu's "Look up"): no page behind it.
      if (current?.id === undefined || current.url?.startsWith(browser.runtime.getURL('/' as '/popup.html'))) {
        setPage({ status: 'unavailable' });
        return;
      }
      setTab({ id: current.id, hostname: pageHostname(current.url) });
      await ask(current.id, POLL_TIMES);
    })();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [index]);

  return {
    tab,
    page,
    reveal(entityId) {
      if (!tab) return;
      const message: TabMessage = { type: 'gloss:reveal', entityId };
      void browser.tabs.sendMessage(tab.id, message).catch(() => undefined); // the tab went away: nothing to show
    },
    openPage(url) {
      if (!url.startsWith('/')) return;
      void browser.tabs.create({ url: browser.runtime.getURL(url as '/popup.html') });
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
  };
}
