// "Add this page": the article of the page the user reads, by the same rules as an HTML seed, with the
// address it was read at when the page states no canonical one (where the user read it is a fact, not a guess).
import { readArticle } from '../indexer/html-article';
import type { ParsedSeed } from '../indexer/seed-text';

export interface PageArticle extends ParsedSeed {
  /** The address the page was read at. */
  location: string;
}

export function readPageArticle(doc: Document, location: string): PageArticle {
  const parsed = readArticle(doc, location);
  if (!parsed.metadata.title && doc.title.trim()) parsed.metadata.title = doc.title.replace(/\s+/g, ' ').trim();
  return { ...parsed, location };
}
