// The index's quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): one JSON-LD
// AnnotationCollection, each quote an Annotation whose body names the speaker and whose target is the quoted
// passage of its source, by quote (exact + context) and by position. Pure: the options page downloads it and
// scripts/export-annotations.ts prints it.
import type { GlossIndex, IndexQuote, IndexSource } from './types';

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

function annotation(index: GlossIndex, quote: IndexQuote, sources: Map<string, IndexSource>): Annotation {
  const source = sources.get(quote.source);
  const speaker = index.entities.find((entity) => entity.id === quote.speaker);
  const body: Annotation['body'] = [
    {
      type: 'TextualBody',
      purpose: 'identifying',
      value: speaker?.name ?? quote.speaker,
      format: 'text/plain',
      ...(speaker && speaker.name === speaker.names.en ? { language: 'en' } : {}),
    },
  ];
  if (speaker?.names.zh && speaker.names.zh !== speaker.name) {
    const value = speaker.names.zh;
    body.push({ type: 'TextualBody', purpose: 'identifying', value, format: 'text/plain', language: 'zh' });
  }
  body.push({ type: 'SpecificResource', purpose: 'identifying', source: entityIri(quote.speaker) });
  for (const about of quote.about) {
    const entity = index.entities.find((candidate) => candidate.id === about);
    if (entity) body.push({ type: 'TextualBody', purpose: 'tagging', value: entity.name, format: 'text/plain' });
  }
  const text = source?.text;
  return {
    id: quoteIri(quote.id),
    type: 'Annotation',
    motivation: 'identifying',
    body,
    target: {
      source: sourceIri(source, quote.source),
      selector: [
        { type: 'TextQuoteSelector', exact: quote.text, prefix: quote.prefix, suffix: quote.suffix },
        {
          type: 'TextPositionSelector',
          start: text === undefined ? quote.start : codePointOffset(text, quote.start),
          end: text === undefined ? quote.end : codePointOffset(text, quote.end),
        },
      ],
    },
  };
}

export function toWebAnnotations(index: GlossIndex): AnnotationCollection {
  const sources = new Map(index.sources.map((source) => [source.id, source]));
  const items = index.quotes.map((quote) => annotation(index, quote, sources));
  return {
    '@context': ANNO_CONTEXT,
    id: `${GLOSS_IRI}annotations`,
    type: 'AnnotationCollection',
    label: 'Gloss: quotes and their speakers',
    total: items.length,
    generator: { id: `${GLOSS_IRI}gloss`, type: 'Software', name: 'Gloss' },
    first: { id: `${GLOSS_IRI}annotations/page/1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** The file content: pretty-printed, with a final newline. */
export function serializeAnnotations(index: GlossIndex): string {
  return `${JSON.stringify(toWebAnnotations(index), null, 2)}\n`;
}

export const ANNOTATIONS_FILE_NAME = 'gloss-annotations.jsonld';
export const ANNOTATIONS_MIME = 'application/ld+json';
