// The page extras (utils/page/extras.ts): the card and Readability, loaded by the content script into its own
// isolated world the first time a page needs one of them. Registered on that world's global, never the page's.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPageArticle } from '@/utils/library/page-article';
import { articleRunFilter } from '@/utils/page/article-scope';
import { EXTRAS_GLOBAL, type PageExtras } from '@/utils/page/extras';
import { createCardUi } from './card-ui';

export default defineUnlistedScript(() => {
  const extras: PageExtras = { createCardUi, articleRunFilter, readPageArticle };
  (globalThis as Record<string, unknown>)[EXTRAS_GLOBAL] = extras;
});
