// The index's quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one JSON-LD
// AnnotationCollection, each quote an Annotation whose body names the speaker and whose target is the quoted
// passage of its source, by quote (exact + context) and by position. Pure: the options page downloads it and
// scripts/export-annotations.ts prints it.
import type { GlossIndex, IndexEntity, IndexQuote, IndexSource, Locator, TextQuote } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/**
 * Entities, quotes and sources without a URL need IRIs of their own. tag: URIs (RFC 4151) are global and need
 * no registration; the authority is the domain in the extension's Firefox id.
 */
export const GLOSS_IRI = 'tag:gloss.example,2025:';

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'identifying' | 'tagging';
  value: string;
  format: 'text/plain';
  language?: string;
}

export interface SpecificResourceBody {
  type: 'SpecificResource';
  purpose: 'identifying';
  /** The entity's IRI. */
  source: string;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Unicode code points, as the model counts characters (not the index's UTF-16 units). */
  start: number;
  end: number;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: 'identifying';
  body: (TextualBody | SpecificResourceBody)[];
  target: {
    source: string;
    selector: [TextQuoteSelector, TextPositionSelector];
  };
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { id: string; type: 'Software'; name: string };
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: Annotation[] };
}

export const entityIri = (id: string) => `${GLOSS_IRI}entity/${encodeURIComponent(id)}`;
export const quoteIri = (id: string) => `${GLOSS_IRI}quote/${encodeURIComponent(id)}`;
/** A mention: its span and the entity it names, so the IRI stays unique without assuming one entity a span. */
export const mentionIri = (entity: string, at: Locator) =>
  `${GLOSS_IRI}mention/${encodeURIComponent(at.source)}/${at.start}-${at.end}/${encodeURIComponent(entity)}`;

/** The source's own URL when it has an absolute one; otherwise an IRI made from its id. */
export function sourceIri(source: Pick<IndexSource, 'id' | 'url'> | undefined, id: string): string {
  if (source?.url && /^[a-z][a-z0-9+.-]*:/i.test(source.url)) return source.url;
  return `${GLOSS_IRI}source/${encodeURIComponent(id)}`;
}

/** UTF-16 offset → code point offset in `text`. */
export function codePointOffset(text: string, utf16: number): number {
  let count = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Count a surrogate pair once: skip its low half.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}

/**
 * UTF-16 offset → code point offset in `text`, for many offsets: the counts are tabled once (only when the text
 * has a surrogate pair; otherwise the offsets are code points already). Agrees with codePointOffset.
 */
export function codePointCounter(text: string): (utf16: number) => number {
  const clamp = (utf16: number) => Math.max(0, Math.min(utf16, text.length));
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return clamp;
  const counts = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pairsWithPrevious =
      unit >= 0xdc00 && unit <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    counts[i + 1] = counts[i] + (pairsWithPrevious ? 0 : 1);
  }
  return (utf16) => counts[clamp(utf16)];
}

/** An annotation's target: a passage of one source, by quote and by position. */
export type PassageTarget = (passage: Omit<TextQuote, 'source'>) => Annotation['target'];

/**
 * Targets into one source. An unknown source (undefined) gets an IRI from `id` and keeps the offsets as they
 * are, for want of the text to count code points in.
 */
export function passageTargets(source: Pick<IndexSource, 'id' | 'url' | 'text'> | undefined, id: string): PassageTarget {
  const iri = sourceIri(source, id);
  const toCodePoints = source ? codePointCounter(source.text) : (utf16: number) => utf16;
  return (passage) => ({
    source: iri,
    selector: [
      { type: 'TextQuoteSelector', exact: passage.text, prefix: passage.prefix, suffix: passage.suffix },
      { type: 'TextPositionSelector', start: toCodePoints(passage.start), end: toCodePoints(passage.end) },
    ],
  });
}

/** How an annotation names an entity: its display name (with its language when known), a Chinese name when that differs. */
export interface AnnotatedNames {
  name: string;
  language?: string;
  zh?: string;
}

/** The bundled index's entities: the display name is English when it equals `names.en`. */
export function indexEntityNames(entity: Pick<IndexEntity, 'name' | 'names'>): AnnotatedNames {
  return {
    name: entity.name,
    ...(entity.name === entity.names.en ? { language: 'en' } : {}),
    ...(entity.names.zh && entity.names.zh !== entity.name ? { zh: entity.names.zh } : {}),
  };
}

/** A quote: the body names its speaker (by name when `namesOf` knows them, always by IRI) and tags what it is about. */
export function quoteAnnotation(
  quote: IndexQuote,
  target: Annotation['target'],
  namesOf: (entity: string) => AnnotatedNames | undefined,
): Annotation {
  const speaker = namesOf(quote.speaker);
  const body: Annotation['body'] = [
    {
      type: 'TextualBody',
      purpose: 'identifying',
      value: speaker?.name ?? quote.speaker,
      format: 'text/plain',
      ...(speaker?.language ? { language: speaker.language } : {}),
    },
  ];
  if (speaker?.zh) body.push({ type: 'TextualBody', purpose: 'identifying', value: speaker.zh, format: 'text/plain', language: 'zh' });
  body.push({ type: 'SpecificResource', purpose: 'identifying', source: entityIri(quote.speaker) });
  for (const about of quote.about) {
    const names = namesOf(about);
    if (names) body.push({ type: 'TextualBody', purpose: 'tagging', value: names.name, format: 'text/plain' });
  }
  return { id: quoteIri(quote.id), type: 'Annotation', motivation: 'identifying', body, target };
}

/** A mention: the passage identifies the entity, named by its IRI. */
export function mentionAnnotation(entity: string, at: Locator, target: Annotation['target']): Annotation {
  return {
    id: mentionIri(entity, at),
    type: 'Annotation',
    motivation: 'identifying',
    body: [{ type: 'SpecificResource', purpose: 'identifying', source: entityIri(entity) }],
    target,
  };
}

/** One JSON-LD AnnotationCollection holding `items` on a single page. */
export function annotationCollection(id: string, label: string, items: Annotation[]): AnnotationCollection {
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    generator: { id: `${GLOSS_IRI}gloss`, type: 'Software', name: 'Gloss' },
    first: { id: `${id}/page/1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function toWebAnnotations(index: GlossIndex): AnnotationCollection {
  const sources = new Map(index.sources.map((source) => [source.id, source]));
  const entities = new Map<string, AnnotatedNames>();
  // The first entity of an id wins, as a search from the front would find it.
  for (const entity of index.entities) if (!entities.has(entity.id)) entities.set(entity.id, indexEntityNames(entity));
  const targets = new Map<string, PassageTarget>();
  const targetOf = (quote: IndexQuote) => {
    let target = targets.get(quote.source);
    if (!target) targets.set(quote.source, (target = passageTargets(sources.get(quote.source), quote.source)));
    return target(quote);
  };
  const items = index.quotes.map((quote) => quoteAnnotation(quote, targetOf(quote), (id) => entities.get(id)));
  return annotationCollection(`${GLOSS_IRI}annotations`, 'Gloss: quotes and their speakers', items);
}

/** The file content: pretty-printed, with a final newline. */
export function serializeAnnotations(index: GlossIndex): string {
  return `${JSON.stringify(toWebAnnotations(index), null, 2)}\n`;
}

export const ANNOTATIONS_FILE_NAME = 'gloss-annotations.jsonld';
export const ANNOTATIONS_MIME = 'application/ld+json';
