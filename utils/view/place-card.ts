// Where the card goes: below the mention if it fits, else above; never past the viewport's edges.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Whether the card sits above the mention (flipped because there was no room below). */
  above: boolean;
  /** Height the card may use before it must scroll inside. */
  maxHeight: number;
}

const GAP = 6;
const MARGIN = 8;

export function placeCard(anchor: Box, card: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const width = Math.min(card.width, viewport.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - MARGIN - width));
  const spaceBelow = viewport.height - (anchor.top + anchor.height) - GAP - MARGIN;
  const spaceAbove = anchor.top - GAP - MARGIN;
  const above = card.height > spaceBelow && spaceAbove > spaceBelow;
  const maxHeight = Math.max(80, above ? spaceAbove : spaceBelow);
  const height = Math.min(card.height, maxHeight);
  const top = above
    ? Math.max(MARGIN, anchor.top - GAP - height)
    : Math.min(anchor.top + anchor.height + GAP, viewport.height - MARGIN - height);
  return { left, top, above, maxHeight };
}
