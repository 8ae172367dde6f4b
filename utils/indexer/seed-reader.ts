// Reads seed articles (.txt, .md, .html) into one plain text per seed: paragraphs trimmed and joined by
// "\n", the text every offset of the index points into. The text must stay verbatim to the article, so the
// reader only removes markup and metadata, never rewrites words. Every problem with a seed is a
// GlossInputError naming the file (and line when known), so a curator can fix it without reading code.
//
// Metadata comes from the file itself (a .txt "date YYYY-MM-DD" prefix, Markdown front matter, what
// Readability finds in HTML) and is overridden field by field by an optional "<id>.meta.json" beside it.
// A url is only ever taken from what a file states: a quote's source link must not be made up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, posix, resolve } from 'node:path';
import { GlossInputError } from './errors';
import { decodeText } from './seed-bytes';
import { parseHtml } from './seed-html';
import { parseMetadata, type SeedMetadata } from './seed-metadata';
import { assembleSeed, type ReadSeed } from './seed-assembly';
import { parseMarkdown, parseText, type ParsedSeed } from './seed-text';

const FORMATS: Record<string, (raw: string, file: string) => ParsedSeed> = {
  '.txt': parseText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
};
const META_SUFFIX = '.meta.json';

/** Reads one seed; `displayPath` is how messages and the index name it ("seeds/000_x.txt"). */
export function readSeedFile(path: string, displayPath: string): ReadSeed {
  const extension = extname(path).toLowerCase();
  const parse = FORMATS[extension];
  if (!parse) {
    throw new GlossInputError(
      `unsupported seed type "${extension || '(none)'}" (expected ${Object.keys(FORMATS).join(', ')})`,
      displayPath,
    );
  }
  const id = basename(path, extname(path));
  const raw = decodeText(readBytes(path, displayPath), displayPath);
  const parsed = parse(raw, displayPath);

  const metaName = `${id}${META_SUFFIX}`;
  const metaDisplay = posix.dirname(displayPath) === '.' ? metaName : `${posix.dirname(displayPath)}/${metaName}`;
  const metaPath = join(dirname(path), metaName);
  const override = existsSync(metaPath) ? readMetadataFile(metaPath, metaDisplay) : {};
  return assembleSeed(parsed, id, displayPath, override);
}

/**
 * Reads every seed of a folder, in file-name order so the index is the same on every machine. Dotfiles
 * and sub-folders are skipped; "<id>.meta.json" files are read with their seed, and one without a seed is
 * an error (most likely a misspelt id). Files are named "<folder name>/<file>" in the index.
 */
export function readSeedDirectory(dir: string, displayDir: string = basename(resolve(dir))): ReadSeed[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new GlossInputError(
      `seed folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      displayDir,
    );
  }
  const isFile = (name: string) => {
    try {
      return statSync(join(dir, name)).isFile();
    } catch (error) {
      throw new GlossInputError(
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        `${displayDir}/${name}`,
      );
    }
  };
  const names = entries.filter((name) => !name.startsWith('.') && isFile(name)).sort();
  const seeds: ReadSeed[] = [];
  const fileById = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith(META_SUFFIX)) continue;
    const seed = readSeedFile(join(dir, name), `${displayDir}/${name}`);
    const earlier = fileById.get(seed.id);
    if (earlier) throw new GlossInputError(`has the same id "${seed.id}" as ${earlier}`, seed.file);
    fileById.set(seed.id, seed.file);
    seeds.push(seed);
  }
  for (const name of names) {
    if (name.endsWith(META_SUFFIX) && !fileById.has(name.slice(0, -META_SUFFIX.length))) {
      throw new GlossInputError(
        `has no seed beside it (expected ${name.slice(0, -META_SUFFIX.length)}.txt, .md or .html)`,
        `${displayDir}/${name}`,
      );
    }
  }
  return seeds;
}

function readBytes(path: string, file: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new GlossInputError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
}

function readMetadataFile(path: string, file: string): SeedMetadata {
  return parseMetadata(decodeText(readBytes(path, file), file), file);
}

export type { ReadSeed };
