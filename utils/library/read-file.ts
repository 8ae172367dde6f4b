// A file the user imports, read by the same rules as a seed of the same format: bytes checked and decoded
// (empty, binary, UTF-16, bad UTF-8 named with file:line), then text, Markdown or an HTML article. The HTML
// parser comes in as an argument: the options page passes DOMParser (no script runs, nothing loads).
import { GlossInputError } from '../indexer/errors';
import { readArticle } from '../indexer/html-article';
import { decodeText } from '../indexer/seed-bytes';
import { parseMarkdown, parseText, type ParsedSeed } from '../indexer/seed-text';

/** The largest file Gloss imports. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const IMPORTABLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;

export function readUserFile(name: string, bytes: Uint8Array, parseHtml: (raw: string) => Document): ParsedSeed {
  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!(IMPORTABLE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new GlossInputError(`cannot be imported: "${extension || '(no extension)'}" is not ${IMPORTABLE_EXTENSIONS.join(', ')}`, name);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new GlossInputError(`is too big: ${(bytes.length / 1048576).toFixed(1)} MB (at most ${MAX_FILE_BYTES / 1048576} MB)`, name);
  }
  const raw = decodeText(bytes, name);
  if (extension === '.txt') return parseText(raw, name);
  if (extension === '.md' || extension === '.markdown') return parseMarkdown(raw, name);
  return readArticle(parseHtml(raw), name, raw);
}
