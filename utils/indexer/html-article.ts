// An HTML document's article as block texts, with what the page states about itself (title, byline, date,
// canonical url). DOM only: the build gives it a jsdom document (seed-html.ts), the browser a live page's
// clone or a DOMParser document (a user's page or file), so a page and a seed are read by the same rules.
import { Readability } from '@mozilla/readability';
import { BLOCK_ELEMENTS } from '../block-elements';
import { GlossInputError, lineOfOffset } from './errors';
import { webUrl } from '../web-url';
import { isValidDate, LANGUAGE_TAG, type SeedMetadata } from './seed-metadata';
import type { ParsedSeed } from './seed-text';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Text of each block element (p, h1–h6, li, td…) under `root`, whitespace collapsed, in document order. */
function blockTexts(root: Node): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    const paragraph = buffer.replace(/\s+/g, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    buffer = '';
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) buffer += child.nodeValue ?? '';
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      const isBlock = BLOCK_ELEMENTS.has(tag) || tag === 'BR';
      if (isBlock) flush();
      walk(child);
      if (isBlock) flush();
    }
  };
  walk(root);
  flush();
  return paragraphs;
}

/** The page's own canonical address, if it states an absolute one. */
function statedUrl(document: Document, ignoredUrl?: string): string | undefined {
  const candidates = [
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  return candidates
    .map((url) => url?.trim())
    .find((url): url is string => !!url && !!webUrl(url) && !(ignoredUrl && url.startsWith(ignoredUrl)));
}

/**
 * The article as Readability finds it (the whole body when it finds none), read from a clone so `document`
 * is never changed. `raw` (the file's text) lets a bad date name its line; `ignoredUrl` is a base address
 * that must never pass for the page's own.
 */
export function readArticle(document: Document, file: string, raw?: string, ignoredUrl?: string): ParsedSeed {
  const warnings: string[] = [];
  // Readability changes the document it reads, and the body may still be needed as a fallback.
  const article = new Readability<Node>(document.cloneNode(true) as Document, { serializer: (node) => node }).parse();
  let paragraphs = article?.content ? blockTexts(article.content) : [];
  if (paragraphs.length === 0) {
    warnings.push(`${file}: Readability found no article; the whole page text is used`);
    paragraphs = document.body ? blockTexts(document.body) : [];
  }

  const metadata: SeedMetadata = {};
  const title = (article?.title || document.title).replace(/\s+/g, ' ').trim();
  if (title) metadata.title = title;
  if (article?.siteName?.trim()) metadata.publisher = article.siteName.trim();
  if (article?.byline?.trim()) metadata.author = article.byline.replace(/\s+/g, ' ').trim();
  const lang = (article?.lang || document.documentElement.getAttribute('lang') || '').trim();
  if (LANGUAGE_TAG.test(lang)) metadata.lang = lang;
  else if (lang) warnings.push(`${file}: language "${lang}" is not a language tag; detected from the text instead`);
  const url = statedUrl(document, ignoredUrl);
  if (url) metadata.url = url;

  const published = article?.publishedTime?.trim();
  if (published) {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0];
    if (date && !isValidDate(date)) {
      const at = raw?.indexOf(published) ?? -1;
      throw new GlossInputError(`published time "${published}" is not a valid date`, file, at < 0 ? undefined : lineOfOffset(raw!, at));
    }
    if (date) metadata.date = date;
    else warnings.push(`${file}: published time "${published}" does not start with YYYY-MM-DD; ignored`);
  }
  return { paragraphs, metadata, warnings };
}
