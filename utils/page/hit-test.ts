// Which mention is under the pointer: the caret position at the point, then a check that the point really
// lies on the mention's text (caret APIs also answer for points in the empty space past a line's end).
import { liveRange } from './static-ranges';

interface CaretDocument {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const caretDoc = doc as unknown as CaretDocument;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    const position = caretDoc.caretPositionFromPoint.call(doc, x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof caretDoc.caretRangeFromPoint === 'function') {
    const range = caretDoc.caretRangeFromPoint.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** Whether (x, y) falls inside one of the range's line boxes, with a little slack for the caret's side. */
export function rangeContainsPoint(range: AbstractRange, x: number, y: number, slack = 1): boolean {
  for (const rect of liveRange(range)?.getClientRects() ?? []) {
    if (x >= rect.left - slack && x <= rect.right + slack && y >= rect.top - slack && y <= rect.bottom + slack) return true;
  }
  return false;
}

/** The thing under (x, y) whose range contains the point, found through `lookup(node, offset)`. */
export function hitTest<T extends { range: AbstractRange }>(
  doc: Document,
  x: number,
  y: number,
  lookup: (node: Node, offset: number) => T | undefined,
): T | undefined {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== 3) return undefined;
  // A caret at the very end of a mention's text reports the offset after it: look one back too.
  const hit = lookup(caret.node, caret.offset) ?? (caret.offset > 0 ? lookup(caret.node, caret.offset - 1) : undefined);
  return hit && rangeContainsPoint(hit.range, x, y) ? hit : undefined;
}
