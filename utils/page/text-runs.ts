// Reads a page's visible text as "runs": the text nodes between two block boundaries, concatenated, with
// the map back to the nodes. A mention may cross inline elements (Deep<b>Seek</b>) but never a block. This
// module only reads the DOM; it never changes it.
import { BLOCK_ELEMENTS } from '../block-elements';

export interface TextRun {
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  text: string;
}

// Subtrees whose text is not prose a reader sees, or belongs to a control the user edits.
const EXCLUDED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'MATH',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'PICTURE',
  'IMG',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'DATALIST',
  'DIALOG',
]);

// Elements that never break a run; everything else is checked against its computed display.
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'LABEL',
  'MARK',
  'Q',
  'RUBY',
  'RB',
  'RT',
  'RP',
  'S',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'WBR',
  'NOBR',
  'OUTPUT',
]);

export interface RunOptions {
  /** An element Gloss must never read (its own UI host). */
  ignore?: Element | null;
  /** Told of every open shadow root the walk enters (a document's mutation observer does not see into them). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/** The element's tag in capitals (HTML elements already have it so: no new string for them). */
function upperTag(element: Element): string {
  const tag = element.tagName;
  const first = tag.charCodeAt(0);
  return first >= 0x61 && first <= 0x7a ? tag.toUpperCase() : tag;
}

/** Whether nothing inside `element` should ever be read. Cheap: no style or layout is consulted. */
export function isExcludedElement(element: Element): boolean {
  if (EXCLUDED_TAGS.has(upperTag(element))) return true;
  if (element.hasAttribute('hidden')) return true;
  const editable = element.getAttribute('contenteditable');
  if ((editable !== null && editable !== 'false') || (element as HTMLElement).isContentEditable) return true;
  // Our card's host: <gloss-root>, or <gloss-root-…> when a page has claimed that name (content-extras/card-ui.tsx).
  return element.localName === 'gloss-root' || element.localName.startsWith('gloss-root-');
}

function isHidden(element: Element): boolean {
  // checkVisibility covers display:none, content-visibility and visibility:hidden of any ancestor.
  const check = (element as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return !check.call(element, { visibilityProperty: true });
  return false;
}

/** Whether `node` sits inside something never read (an editor, a script, Gloss's UI), across shadow roots. */
export function isInsideExcluded(node: Node, ignore: Element | null = null): boolean {
  for (let current: Node | null = node; current;) {
    if (current.nodeType === 1) {
      const element = current as Element;
      if (element === ignore || isExcludedElement(element)) return true;
    }
    current = current.parentNode ?? (current as ShadowRoot).host ?? null;
  }
  return false;
}

/**
 * Walks `root` (an element, document or shadow root) and yields its runs in document order, entering open
 * shadow roots. Generators let the caller stop after a few milliseconds and resume later.
 */
export function* walkRuns(root: Node, options: RunOptions = {}): Generator<TextRun, void, undefined> {
  // A TreeWalker never filters its own root: a scope inside an editor must be refused here.
  if (isInsideExcluded(root, options.ignore ?? null)) return;
  const doc = root.ownerDocument ?? (root as Document);
  const view = doc.defaultView;
  const blockOf = new Map<Element, Element>();
  const hiddenCache = new Map<Element, boolean>();
  const shadowRoots: ShadowRoot[] = [];

  const isBlock = (element: Element): boolean => {
    const tag = upperTag(element);
    if (INLINE_TAGS.has(tag)) return false;
    if (BLOCK_ELEMENTS.has(tag)) return true;
    const display = view?.getComputedStyle(element).display ?? 'inline';
    return !display.startsWith('inline') && display !== 'contents';
  };
  const nearestBlock = (element: Element): Element => {
    const known = blockOf.get(element);
    if (known) return known;
    const parent = element.parentElement;
    const block = isBlock(element) || !parent ? element : nearestBlock(parent);
    blockOf.set(element, block);
    return block;
  };
  const hidden = (element: Element): boolean => {
    let value = hiddenCache.get(element);
    if (value === undefined) {
      value = isHidden(element);
      hiddenCache.set(element, value);
    }
    return value;
  };

  // No NodeFilter: a JavaScript filter is a call from C++ into script for every node, the dearest part of a
  // walk. Excluded subtrees are stepped over here instead (nextSibling, or an ancestor's).
  const walker = doc.createTreeWalker(root, 0x1 | 0x4);
  const skipSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };

  let run: TextRun = { nodes: [], starts: [], text: '' };
  let runBlock: Element | null = null;
  const flush = (): TextRun | null => {
    const done = run;
    run = { nodes: [], starts: [], text: '' };
    runBlock = null;
    return done.nodes.length > 0 && /\S/.test(done.text) ? done : null;
  };

  // Consecutive text nodes mostly share their parent: its block and visibility are remembered.
  let lastParent: Element | null = null;
  let lastBlock: Element | null = null;
  let lastHidden = false;
  for (let node = walker.nextNode(); node;) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element === options.ignore || isExcludedElement(element)) {
        node = skipSubtree();
        continue;
      }
      if ((element as HTMLElement).shadowRoot?.mode === 'open') shadowRoots.push((element as HTMLElement).shadowRoot!);
      if (element.tagName === 'BR' || element.tagName === 'br') {
        const done = flush();
        if (done) yield done;
      }
      node = walker.nextNode();
      continue;
    }
    const textNode = node as Text;
    const parent = textNode.parentElement;
    if (parent && textNode.data.length > 0) {
      if (parent !== lastParent) {
        lastParent = parent;
        lastBlock = nearestBlock(parent);
        lastHidden = hidden(parent);
      }
      if (lastBlock !== runBlock) {
        const done = flush();
        if (done) yield done;
        runBlock = lastBlock;
      }
      if (!lastHidden) {
        run.nodes.push(textNode);
        run.starts.push(run.text.length);
        run.text += textNode.data;
      }
    }
    node = walker.nextNode();
  }
  const last = flush();
  if (last) yield last;
  for (const shadow of shadowRoots) {
    options.onShadowRoot?.(shadow);
    yield* walkRuns(shadow, options);
  }
}

/** The node and offset of run position `offset`; an end offset maps to the end of the preceding node. */
export function runPosition(run: TextRun, offset: number, isEnd: boolean): { node: Text; offset: number } {
  let low = 0;
  let high = run.nodes.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (run.starts[mid] < offset || (!isEnd && run.starts[mid] === offset)) low = mid;
    else high = mid - 1;
  }
  return { node: run.nodes[low], offset: offset - run.starts[low] };
}

/** The block element that delimits the run of a node (what a mutation there forces to be re-read). */
export function blockContaining(node: Node): Element | null {
  let element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (element) {
    const tag = element.tagName.toUpperCase();
    if (BLOCK_ELEMENTS.has(tag) || (!INLINE_TAGS.has(tag) && element.parentElement === null)) return element;
    if (!INLINE_TAGS.has(tag)) {
      const display = element.ownerDocument.defaultView?.getComputedStyle(element).display ?? 'inline';
      if (!display.startsWith('inline') && display !== 'contents') return element;
    }
    element = element.parentElement;
  }
  return null;
}
