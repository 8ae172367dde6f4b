// Mentions and quotations are held as StaticRanges, not live Ranges. A document updates every live Range it
// has at each of its mutations: with thousands of mentions, a page's own DOM work became 100–1,000× slower
// (BENCHMARKS.md). A StaticRange costs the page nothing, and CSS.highlights paints it like a Range; but it is
// not kept up to date, so what reads one checks it is still intact, and what needs a Range's geometry or text
// borrows a live Range for that moment only.

/** A range of text between two text positions, as the annotator makes it (from a run's text nodes). */
export function staticRange(startContainer: Node, startOffset: number, endContainer: Node, endOffset: number): StaticRange {
  return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
}

function lengthOf(node: Node): number {
  return node.nodeType === 3 || node.nodeType === 8 ? (node as CharacterData).length : node.childNodes.length;
}

/** Whether the range still stands where it was made: both ends in the document, within their nodes, in order. */
export function isIntact(range: AbstractRange): boolean {
  const { startContainer, endContainer, startOffset, endOffset } = range;
  if (!startContainer.isConnected || !endContainer.isConnected) return false;
  if (startOffset > lengthOf(startContainer) || endOffset > lengthOf(endContainer)) return false;
  return startContainer === endContainer ? startOffset < endOffset : !!(startContainer.compareDocumentPosition(endContainer) & 4);
}

/**
 * A live Range over the same text, for a moment (its rectangles, its text), or null when the range is no longer
 * intact. Made, used, dropped: the document updates it only until it is collected (one per hover frame at most).
 */
export function liveRange(range: AbstractRange): Range | null {
  if (!isIntact(range)) return null;
  const live = range.startContainer.ownerDocument!.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/** The range's text, '' when it is no longer intact. */
export function rangeText(range: AbstractRange): string {
  const { startContainer, endContainer, startOffset, endOffset } = range;
  if (startContainer === endContainer && startContainer.nodeType === 3) {
    return isIntact(range) ? (startContainer as Text).data.slice(startOffset, endOffset) : '';
  }
  return liveRange(range)?.toString() ?? '';
}

/** Whether (node, offset) lies within the range, ends included; never for a range no longer intact. */
export function containsPoint(range: AbstractRange, node: Node, offset: number): boolean {
  if (range.startContainer === node && range.endContainer === node) {
    return isIntact(range) && offset >= range.startOffset && offset <= range.endOffset;
  }
  return liveRange(range)?.isPointInRange(node, offset) ?? false;
}

/** The node in the document tree that stands for `node`: itself, or the host of the shadow tree it is in. */
function inDocumentTree(node: Node): Node {
  let root = node.getRootNode();
  while (root instanceof ShadowRoot) {
    node = root.host;
    root = node.getRootNode();
  }
  return node;
}

/** Document order of two ranges' starts, also when they lie in different shadow trees (where Range refuses). */
export function compareRanges(a: AbstractRange, b: AbstractRange): number {
  const x = a.startContainer;
  const y = b.startContainer;
  if (x === y) return a.startOffset - b.startOffset;
  if (x.getRootNode() === y.getRootNode()) {
    // Text nodes never contain one another: their own order is their starts' order.
    if (x.nodeType === 3 && y.nodeType === 3) return x.compareDocumentPosition(y) & 4 ? -1 : 1;
    const live = liveRange(a);
    const other = liveRange(b);
    if (live && other) return live.compareBoundaryPoints(Range.START_TO_START, other);
  }
  const p = inDocumentTree(x);
  const q = inDocumentTree(y);
  if (p === q) return 0;
  return p.compareDocumentPosition(q) & 4 ? -1 : 1;
}
