// The one place Gloss parses HTML it did not write: a user's imported .html file, read for its article text.
// DOMParser makes an inert document — no script runs, nothing loads, it is never attached to a page — and
// only text is taken out of it (html-article.ts), so the file's markup never reaches a live DOM (SECURITY.md).
export function parseInertHtml(raw: string): Document {
  // eslint-disable-next-line no-restricted-globals -- inert document, read for text only (see above)
  return new DOMParser().parseFromString(raw, 'text/html');
}
