// The user's library: documents the user added and the names they accepted from them. Only these inputs are
// stored; mentions, contexts and quotes are derived from them by the same pipeline as the bundled index
// (utils/library/derive.ts), so what is stored can never disagree with what a card shows.
import type { EntityType, NormalizedAlias, SourceMetadata, TextQuote } from '../types';

/** A document the user added, held verbatim: every locator into it points into `text`. */
export interface LibrarySource extends SourceMetadata {
  /** "u-" and the first 16 hex digits of `hash`. */
  id: string;
  /** How it is named in messages and the source view: the page's address or the file's name. */
  file: string;
  origin: 'page' | 'file';
  /** The byline, when the document states one. */
  author?: string;
  /** The article text: paragraphs joined by "\n", as a seed's. */
  text: string;
  /** [start, end) of each paragraph in `text`. */
  paragraphs: [number, number][];
  /** SHA-256 of `text`, lower-case hex: the same document added twice is one source. */
  hash: string;
  /** When the user added it (ISO 8601). */
  addedAt: string;
}

/** A name the user accepted from a source: an entity of their own, beside the bundled ones. */
export interface LibraryEntity {
  /** "u-" and a slug of the name; never a bundled entity's id. */
  id: string;
  type: EntityType;
  /** `en` is the name as accepted (whatever its script); `zh` when it is Chinese. */
  names: { en: string; zh?: string };
  aliases: NormalizedAlias[];
  /** A verbatim sentence of the source it was accepted from. */
  summary: TextQuote;
  /** The sources it was accepted from; it is removed with the last of them. */
  acceptedFrom: string[];
  addedAt: string;
}

/** A name the user merged into an existing entity (bundled or their own): one more alias of it. */
export interface LibraryAlias {
  /** `${entity}|${alias.text}` */
  id: string;
  entity: string;
  alias: NormalizedAlias;
  acceptedFrom: string[];
  addedAt: string;
}

export interface LibraryData {
  sources: LibrarySource[];
  entities: LibraryEntity[];
  aliases: LibraryAlias[];
}

export const EMPTY_LIBRARY: LibraryData = { sources: [], entities: [], aliases: [] };
