// HTML seeds (Node only: jsdom): the article Readability finds, as block texts, with what the page states
// about itself (title, byline, date, canonical url). Scripts never run and nothing is loaded.
import { JSDOM, VirtualConsole } from 'jsdom';
import { GlossInputError } from './errors';
import { readArticle } from './html-article';
import type { ParsedSeed } from './seed-text';

// The DOM needs some base url; this one is reserved (RFC 2606) so it can never pass for a real source.
const PLACEHOLDER_URL = 'https://seed.invalid/';
const ELEMENT_NODE = 1;

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
    return readArticle(document, file, raw, PLACEHOLDER_URL);
  } finally {
    if (closable) dom.window.close();
  }
}
