// HTML seeds (Node only: jsdom): the article Readability finds, as block texts, with what the page states
// about itself (title, byline, date, canonical url). Scripts never run and nothing is loaded.
import { BLOCK_ELEMENTS } from '../block-elements';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { GlossInputError, lineOfOffset } from './errors';
import { webUrl } from '../web-url';
import { isValidDate, LANGUAGE_TAG, type SeedMetadata } from './seed-metadata';
import type { ParsedSeed } from './seed-text';

// The DOM needs some base url; this one is reserved (RFC 2606) so it can never pass for a real source.
const PLACEHOLDER_URL = 'https://seed.invalid/';
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

// Browsers' HTML parsers stop nesting elements at 512 levels. Deeper markup is no article: Readability's work
// grows with the square of the depth, and jsdom builds and tears down the tree recursively (a stack overflow
// some ten thousand levels down), so it is refused as an input error instead.
const MAX_HTML_DEPTH = 512;

/** The first element (in document order) more than `limit` elements deep, found without recursion. */
function firstElementDeeperThan(root: Node, limit: number): Element | undefined {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const children = Array.from(node.childNodes).filter((child) => child.nodeType === ELEMENT_NODE);
    if (children.length > 0 && depth + 1 > limit) return children[0] as Element;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
  return undefined;
}

/** Line of the first element nested too deep, from a second parse that records locations (which jsdom does not always manage). */
function lineOfDeepElement(raw: string): number | undefined {
  try {
    const dom = new JSDOM(raw, { virtualConsole: new VirtualConsole(), includeNodeLocations: true });
    const deep = firstElementDeeperThan(dom.window.document, MAX_HTML_DEPTH);
    return deep ? dom.nodeLocation(deep)?.startLine : undefined;
  } catch {
    return undefined;
  }
}

/** The page's own canonical address, if it states an absolute one. */
function statedUrl(document: Document): string | undefined {
  const candidates = [
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  return candidates.map((url) => url?.trim()).find((url): url is string => !!url && !!webUrl(url) && !url.startsWith(PLACEHOLDER_URL));
}

/** The article as Readability finds it; the whole body when it finds none. */
export function parseHtml(raw: string, file: string): ParsedSeed {
  // A silent console: jsdom's complaints about a page's CSS are no concern of the index.
  let dom: JSDOM;
  try {
    dom = new JSDOM(raw, { url: PLACEHOLDER_URL, virtualConsole: new VirtualConsole() });
  } catch (error) {
    // jsdom builds the tree recursively: markup some ten thousand elements deep overflows the stack.
    if (error instanceof RangeError)
      throw new GlossInputError(`elements are nested far more than ${MAX_HTML_DEPTH} deep (browsers flatten such markup)`, file);
    throw error;
  }
  let closable = true;
  try {
    const document = dom.window.document;
    const deep = firstElementDeeperThan(document, MAX_HTML_DEPTH);
    if (deep) {
      // Closing tears the tree down recursively: left to the garbage collector (no scripts, timers or loads run).
      closable = false;
      throw new GlossInputError(
        `elements are nested more than ${MAX_HTML_DEPTH} deep here (browsers flatten such markup)`,
        file,
        lineOfDeepElement(raw),
      );
    }
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
    const url = statedUrl(document);
    if (url) metadata.url = url;

    const published = article?.publishedTime?.trim();
    if (published) {
      const date = /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0];
      if (date && !isValidDate(date)) {
        const at = raw.indexOf(published);
        throw new GlossInputError(`published time "${published}" is not a valid date`, file, at < 0 ? undefined : lineOfOffset(raw, at));
      }
      if (date) metadata.date = date;
      else warnings.push(`${file}: published time "${published}" does not start with YYYY-MM-DD; ignored`);
    }
    return { paragraphs, metadata, warnings };
  } finally {
    if (closable) dom.window.close();
  }
}
