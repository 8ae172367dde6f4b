// The message contract between Gloss's parts. Content scripts answer tab messages; the background answers
// runtime messages. Every receiver validates the shape (and the background the sender) before acting.
import type { EntityType } from './types';

/** Sent to a tab's content script (popup, background, tests). */
export type TabMessage =
  | { type: 'gloss:matches' }
  | { type: 'gloss:card-state' }
  /** Scroll to the entity's next mention after the last one revealed, and flash it. */
  | { type: 'gloss:reveal'; entityId: string }
  /** Walk to the next mention on the page and open its card (keyboard command). */
  | { type: 'gloss:next-mention' };

export interface PageMatch {
  entityId: string;
  /** The page's own text of the mention. */
  text: string;
}

export interface MatchesResponse {
  url: string;
  /** True once the page's current text has been fully scanned. */
  complete: boolean;
  matches: PageMatch[];
}

export interface CardStateResponse {
  open: boolean;
  entityId?: string;
  quoteCount?: number;
}

/** Sent by content scripts and extension pages to the background. */
export type RuntimeMessage =
  | { type: 'gloss:entity'; id: string }
  /** Open one of Gloss's own pages (a source passage) in a new tab: content scripts cannot. */
  | { type: 'gloss:open'; url: string };

/** Extension pages a content script may ask to open. */
const OPENABLE = /^\/(source|popup)\.html(\?[^#\s]*)?$/;

export interface MentionSummary {
  entityId: string;
  type: EntityType;
  count: number;
}

export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'gloss:matches':
    case 'gloss:card-state':
    case 'gloss:next-mention':
      return true;
    case 'gloss:reveal':
      return typeof message.entityId === 'string' && message.entityId.length < 200;
    default:
      return false;
  }
}

export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'gloss:entity') return typeof message.id === 'string' && message.id.length < 200;
  if (message.type === 'gloss:open') return typeof message.url === 'string' && message.url.length < 2000 && OPENABLE.test(message.url);
  return false;
}
