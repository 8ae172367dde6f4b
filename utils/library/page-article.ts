// "Add this page": the article of the page the user reads, by the same rules as an HTML seed. Its address is
// where it was read, or the canonical one the page states when that is on the same site: a page must not be
// able to file itself under another site's name.
import { readArticle } from '../indexer/html-article';
import type { ParsedSeed } from '../indexer/seed-text';
import { webUrl } from '../web-url';

export interface PageArticle extends ParsedSeed {
  /** The address the page was read at. */
  location: string;
}

/** The last two labels of a host ("www.nytimes.com" → "nytimes.com"): enough to tell m. and amp. from another site. */
const site = (host: string) => host.split('.').slice(-2).join('.');

export function readPageArticle(doc: Document, location: string): PageArticle {
  const parsed = readArticle(doc, location);
  if (!parsed.metadata.title && doc.title.trim()) parsed.metadata.title = doc.title.replace(/\s+/g, ' ').trim();
  const here = webUrl(location);
  const stated = webUrl(parsed.metadata.url);
  if (stated && (!here || site(stated.hostname) !== site(here.hostname))) delete parsed.metadata.url;
  return { ...parsed, location };
}
