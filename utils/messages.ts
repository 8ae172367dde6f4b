// The message contract between Gloss's parts. Content scripts answer tab messages; the background answers
// runtime messages. Every receiver validates the shape (and the background the sender) before acting.
import * as v from 'valibot';
import type { DiffPiece, QuoteVerdict } from './quotations/quote-check';
import { ENTITY_TYPES, type EntityType } from './types';
import type { QuoteView } from './view/entity-view';

/** Sent to a tab's content script (popup, background, tests). */
export type TabMessage =
  | { type: 'gloss:matches' }
  /** The page's quotations that got a verdict (the quote check). */
  | { type: 'gloss:quotes' }
  | { type: 'gloss:card-state' }
  /** Scroll to the entity's next mention after the last one revealed, and flash it. */
  | { type: 'gloss:reveal'; entityId: string }
  /** Walk to the next mention on the page and open its card (keyboard command). */
  | { type: 'gloss:next-mention' }
  /** The page's article, to add to the library (the background asks the tab the user chose). */
  | { type: 'gloss:article' };

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
  /** When the card is a quotation's: its verdict. */
  verdict?: QuoteVerdict;
}

/** A quotation of the page with the verdict of the quote check, as the `gloss:quotes` contract lists it. */
export interface PageQuoteResult {
  /** The page's own text of the quotation (without its marks). */
  text: string;
  /** The person entity the page gives it to, if any. */
  speakerId?: string;
  verdict: QuoteVerdict;
  /** The quote of the sources it matched, verbatim. */
  known: { speakerId: string; text: string };
  diff?: DiffPiece[];
}

export interface QuotesResponse {
  url: string;
  /** True once the page's current text has been read and every quotation found has its verdict. */
  complete: boolean;
  quotes: PageQuoteResult[];
}

/** A quotation of a page, sent to the background to be checked. */
export interface QuotationToCheck {
  text: string;
  speakerId?: string;
}

/** The background's verdict on one quotation: what its card shows. */
export interface QuoteVerdictView {
  verdict: QuoteVerdict;
  /** The source's quote, verbatim, with its speaker, source and passage. */
  known: QuoteView;
  /** The part of `known.text` the quotation matched. */
  knownStart: number;
  knownEnd: number;
  diff?: DiffPiece[];
  /** The person the page gives the quotation to (for "other speaker"). */
  pageSpeaker?: { id: string; name: string };
}

/** Most quotations a page sends in one check; more wait for the next. */
export const MAX_QUOTATIONS_PER_CHECK = 200;
const MAX_QUOTATION_LENGTH = 4000;

/** Sent by content scripts and extension pages to the background. */
export type RuntimeMessage =
  | { type: 'gloss:entity'; id: string }
  /** Open one of Gloss's own pages (a source passage) in a new tab: content scripts cannot. */
  | { type: 'gloss:open'; url: string }
  /** Verdicts of the quote check, one per quotation (null: no known quote matches). */
  | { type: 'gloss:check-quotes'; quotations: QuotationToCheck[] };

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
    case 'gloss:quotes':
    case 'gloss:card-state':
    case 'gloss:next-mention':
    case 'gloss:article':
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
  if (message.type === 'gloss:check-quotes') {
    const { quotations } = message;
    return (
      Array.isArray(quotations) &&
      quotations.length <= MAX_QUOTATIONS_PER_CHECK &&
      quotations.every(
        (q: unknown) =>
          typeof q === 'object' &&
          q !== null &&
          typeof (q as QuotationToCheck).text === 'string' &&
          (q as QuotationToCheck).text.length <= MAX_QUOTATION_LENGTH &&
          ((q as QuotationToCheck).speakerId === undefined || typeof (q as QuotationToCheck).speakerId === 'string'),
      )
    );
  }
  return false;
}

// --- The user's library: asked by Gloss's own extension pages only (popup, options, source view, tests) -----

// Made on first use: a content script imports this module for the tab messages and must not build (or carry)
// the library's schemas.
function makeLibraryMessageSchema() {
  const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
  const NameChoiceSchema = v.object({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    displayName: v.optional(v.pipe(v.string(), v.maxLength(200))),
    type: v.optional(v.picklist(ENTITY_TYPES)),
    mergeInto: v.optional(Id),
  });
  /** Most names accepted at once, and the largest document or library file a message carries (UTF-16 units). */
  const MAX_CHOICES = 500;
  const MAX_DOCUMENT = 20_000_000;
  const ParsedDocumentSchema = v.object({
    paragraphs: v.pipe(v.array(v.string()), v.maxLength(1_000_000)),
    metadata: v.record(v.string(), v.string()),
    warnings: v.array(v.string()),
  });

  return v.variant('type', [
    v.object({ type: v.literal('gloss:add-page'), tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
    /** A file the options page read (bytes decoded and parsed there: HTML needs a DOM). */
    v.object({
      type: v.literal('gloss:add-document'),
      file: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
      parsed: ParsedDocumentSchema,
    }),
    v.object({
      type: v.literal('gloss:accept'),
      sourceId: Id,
      names: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(MAX_CHOICES))),
      choices: v.optional(v.pipe(v.array(NameChoiceSchema), v.maxLength(MAX_CHOICES))),
    }),
    v.object({ type: v.literal('gloss:candidates'), sourceId: Id }),
    v.object({ type: v.literal('gloss:library') }),
    v.object({ type: v.literal('gloss:remove-source'), sourceId: Id }),
    v.object({ type: v.literal('gloss:export-library') }),
    v.object({
      type: v.literal('gloss:import-library'),
      data: v.union([v.pipe(v.string(), v.maxLength(MAX_DOCUMENT)), v.looseObject({})]),
    }),
    v.object({ type: v.literal('gloss:source'), sourceId: Id }),
    /** The combined index for Gloss's pages (search, source view), or null while the library is empty. */
    v.object({ type: v.literal('gloss:index') }),
  ]);
}
let libraryMessageSchema: ReturnType<typeof makeLibraryMessageSchema> | undefined;

export type LibraryMessage = v.InferOutput<ReturnType<typeof makeLibraryMessageSchema>>;

export function isLibraryMessage(value: unknown): value is LibraryMessage {
  return v.is((libraryMessageSchema ??= makeLibraryMessageSchema()), value);
}

/** Every library answer that changes or may fail: `{ ok: true, … }` or `{ ok: false, error }` (what went wrong, for the user). */
export type LibraryResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
