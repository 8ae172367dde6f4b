// Which found mentions the user sees: the types they chose, and every mention or only each entity's first.
// The matches contract reports exactly these, so what tests read is what a reader sees.
import type { EntityType, MentionMode } from '../types';

export interface VisibilityRules {
  types: Record<EntityType, boolean>;
  mentions: MentionMode;
}

/** `mentions` must be in document order; the result keeps that order. */
export function visibleMentions<T extends { entityId: string; type: EntityType }>(mentions: readonly T[], rules: VisibilityRules): T[] {
  const seen = new Set<string>();
  return mentions.filter((mention) => {
    if (!rules.types[mention.type]) return false;
    if (rules.mentions === 'all') return true;
    if (seen.has(mention.entityId)) return false;
    seen.add(mention.entityId);
    return true;
  });
}
