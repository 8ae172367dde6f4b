// A parsed document (paragraphs and stated metadata) as one source text: paragraphs joined by "\n", the
// text every offset points into, with a title and language when the document states none. Pure, so a seed at
// build time and a user's page or file in the browser become sources by the same rules.
import type { SourceMetadata } from '../types';
import { GlossInputError } from './errors';
import { detectLanguage, type SeedMetadata } from './seed-metadata';
import type { ParsedSeed } from './seed-text';

const TITLE_FROM_TEXT_LENGTH = 60;

export interface ReadSeed extends SourceMetadata {
  /** File name without extension. */
  id: string;
  /** Path shown in messages and stored in the index, e.g. "seeds/000_x.txt". */
  file: string;
  /** The byline, when the file states one (HTML, Markdown front matter, meta.json). */
  author?: string;
  text: string;
  /** [start, end) of each paragraph in `text`. */
  paragraphs: [number, number][];
  /** Problems that do not stop the build, each starting with the file: "seeds/x.txt: no date". */
  warnings: string[];
}

/** `override` (a .meta.json beside a seed) wins field by field over what the document states. */
export function assembleSeed(parsed: ParsedSeed, id: string, file: string, override: SeedMetadata = {}): ReadSeed {
  const metadata: SeedMetadata = { ...parsed.metadata, ...override };
  const paragraphs: [number, number][] = [];
  let offset = 0;
  for (const paragraph of parsed.paragraphs) {
    paragraphs.push([offset, offset + paragraph.length]);
    offset += paragraph.length + 1;
  }
  const text = parsed.paragraphs.join('\n');
  if (text === '') throw new GlossInputError('has no article text', file);

  const warnings = [...parsed.warnings];
  if (!metadata.date) warnings.push(`${file}: no date`);
  const seed: ReadSeed = {
    id,
    file: file,
    title: metadata.title ?? Array.from(parsed.paragraphs[0]).slice(0, TITLE_FROM_TEXT_LENGTH).join('').trim(),
    lang: metadata.lang ?? detectLanguage(text),
    text,
    paragraphs,
    warnings,
  };
  if (metadata.publisher) seed.publisher = metadata.publisher;
  if (metadata.date) seed.date = metadata.date;
  if (metadata.url) seed.url = metadata.url;
  if (metadata.author) seed.author = metadata.author;
  return seed;
}
