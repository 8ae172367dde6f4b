// "Article only": on pages Readability judges to be articles, read only text that is part of the article it
// extracts. Readability works on a clone, so the live page is never touched; runs are matched to the
// article by their text.
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { TextRun } from './text-runs';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
// Enough of a run to tell article prose from a menu item that happens to repeat a word of it.
const PROBE_LENGTH = 120;

/** A run filter for `doc`, or null when the page is not an article (then everything is read). */
export function articleRunFilter(doc: Document): ((run: TextRun) => boolean) | null {
  if (!isProbablyReaderable(doc)) return null;
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  const articleText = article?.textContent ? collapse(article.textContent) : '';
  if (!articleText) return null;
  return (run) => {
    const probe = collapse(run.text).slice(0, PROBE_LENGTH);
    return probe.length > 0 && articleText.includes(probe);
  };
}
