// Reads seed articles (.txt, .md, .html) into one plain text per seed: paragraphs trimmed and joined by
// "\n", the text every offset of the index points into. The text must stay verbatim to the article, so the
// reader only removes markup and metadata, never rewrites words. Every problem with a seed is a
// GlossInputError naming the file (and line when known), so a curator can fix it without reading code.
//
// Metadata comes from the file itself (a .txt "date YYYY-MM-DD" prefix, Markdown front matter, what
// Readability finds in HTML) and is overridden field by field by an optional "<id>.meta.json" beside it.
// A url is only ever taken from what a file states: a quote's source link must not be made up.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, posix, resolve } from 'node:path';
import { GlossInputError, lineOfOffset } from './errors';

export interface ReadSeed {
  /** File name without extension. */
  id: string;
  /** Path shown in messages and stored in the index, e.g. "seeds/000_x.txt". */
  file: string;
  title: string;
  publisher?: string;
  /** YYYY-MM-DD. */
  date?: string;
  lang: string;
  url?: string;
  /** The byline, when the file states one (HTML, Markdown front matter, meta.json). */
  author?: string;
  text: string;
  /** [start, end) of each paragraph in `text`. */
  paragraphs: [number, number][];
  /** Problems that do not stop the build, each starting with the file: "seeds/x.txt: no date". */
  warnings: string[];
}

interface SeedMetadata {
  title?: string;
  publisher?: string;
  date?: string;
  lang?: string;
  url?: string;
  author?: string;
}

interface ParsedSeed {
  paragraphs: string[];
  metadata: SeedMetadata;
  warnings: string[];
}

const METADATA_KEYS = ['title', 'publisher', 'date', 'lang', 'url', 'author'] as const;
const FORMATS: Record<string, (raw: string, file: string) => ParsedSeed> = {
  '.txt': parseText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
};
const META_SUFFIX = '.meta.json';
const TITLE_FROM_TEXT_LENGTH = 60;
// Han characters above this share of all letters make a text Chinese. Chinese articles carry many Latin
// names and terms (the seed is about a third Latin letters), English ones almost no Han.
const ZH_MIN_HAN_SHARE = 0.2;
// Text files hold essentially no control characters; this share of them means the bytes are not text.
const BINARY_MIN_CONTROL_SHARE = 0.1;

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
  const metadata: SeedMetadata = { ...parsed.metadata, ...override };

  const paragraphs: [number, number][] = [];
  let offset = 0;
  for (const paragraph of parsed.paragraphs) {
    paragraphs.push([offset, offset + paragraph.length]);
    offset += paragraph.length + 1;
  }
  const text = parsed.paragraphs.join('\n');
  if (text === '') throw new GlossInputError('has no article text', displayPath);

  const warnings = [...parsed.warnings];
  if (!metadata.date) warnings.push(`${displayPath}: no date`);
  const seed: ReadSeed = {
    id,
    file: displayPath,
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

// --- Bytes to text --------------------------------------------------------------------------------------

function readBytes(path: string, file: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new GlossInputError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
}

/** UTF-8 bytes to text with line breaks normalised to "\n"; rejects empty, binary and non-UTF-8 input. */
function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new GlossInputError('is empty', file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new GlossInputError('is UTF-16 text; save it as UTF-8', file);
  }
  if (looksBinary(bytes)) throw new GlossInputError('looks binary, not like text', file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    throw new GlossInputError('is not valid UTF-8', file, bad < 0 ? undefined : lineOfByte(bytes, bad));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new GlossInputError('is empty', file);
  return text;
}

function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return and escape turn up in real text files.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f) control++;
  }
  return control / bytes.length > BINARY_MIN_CONTROL_SHARE;
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte, which rules out overlong forms,
    // surrogates and code points above U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead === 0xe0) [length, low] = [3, 0xa0];
    else if (lead === 0xed) [length, high] = [3, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) length = 3;
    else if (lead === 0xf0) [length, low] = [4, 0x90];
    else if (lead === 0xf4) [length, high] = [4, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
    else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

// --- Metadata -------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

function isValidDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks a metadata value; returns what is wrong with it, or undefined when it is fine. */
function metadataProblem(key: (typeof METADATA_KEYS)[number], value: string): string | undefined {
  if (value.trim() === '') return `"${key}" is empty`;
  if (key === 'date' && !isValidDate(value)) return `"${value}" is not a valid date (expected YYYY-MM-DD)`;
  if (key === 'url' && !isHttpUrl(value)) return `"${value}" is not an absolute http(s) url`;
  if (key === 'lang' && !LANGUAGE_TAG.test(value)) return `"${value}" is not a language tag like "zh" or "en-GB"`;
  return undefined;
}

function isMetadataKey(key: string): key is (typeof METADATA_KEYS)[number] {
  return (METADATA_KEYS as readonly string[]).includes(key);
}

function readMetadataFile(path: string, file: string): SeedMetadata {
  const raw = decodeText(readBytes(path, file), file);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const at = jsonErrorOffset(raw);
    const found = at < 0 ? '' : at >= raw.length ? ' (unexpected end)' : ` (unexpected ${JSON.stringify(raw[at])})`;
    throw new GlossInputError(`is not valid JSON${found}`, file, at < 0 ? undefined : lineOfOffset(raw, at));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GlossInputError('must hold a JSON object like { "title": "…", "date": "YYYY-MM-DD" }', file, 1);
  }
  const lineOfKey = (key: string) => {
    const at = raw.indexOf(JSON.stringify(key));
    return at < 0 ? undefined : lineOfOffset(raw, at);
  };
  const metadata: SeedMetadata = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!isMetadataKey(key)) throw new GlossInputError(`unknown key "${key}" (expected ${METADATA_KEYS.join(', ')})`, file, lineOfKey(key));
    if (typeof entry !== 'string') throw new GlossInputError(`"${key}" must be a string`, file, lineOfKey(key));
    const problem = metadataProblem(key, entry);
    if (problem) throw new GlossInputError(problem, file, lineOfKey(key));
    metadata[key] = entry.trim();
  }
  return metadata;
}

class JsonStop {
  constructor(readonly at: number) {}
}

/**
 * Offset of the first syntax error in JSON text, or -1. JSON.parse reports positions only in some Node
 * versions and in varying words, and a curator needs the line.
 */
function jsonErrorOffset(source: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const skipSpace = () => {
    while (i < source.length && ' \t\n\r'.includes(source[i])) i++;
  };
  const expectWord = (word: string) => {
    for (const char of word) {
      if (source[i] !== char) fail();
      i++;
    }
  };
  const readString = () => {
    i++;
    while (i < source.length) {
      const char = source[i];
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        i++;
        if (source[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (source[i] !== undefined && '"\\/bfnrt'.includes(source[i])) i++;
        else fail();
        continue;
      }
      if (char < ' ') fail();
      i++;
    }
    fail();
  };
  const readValue = (): void => {
    skipSpace();
    const char = source[i];
    if (char === '{') {
      i++;
      skipSpace();
      if (source[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (source[i] !== '"') fail();
        readString();
        skipSpace();
        if (source[i] !== ':') fail();
        i++;
        readValue();
        skipSpace();
        if (source[i] === ',') i++;
        else if (source[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '[') {
      i++;
      skipSpace();
      if (source[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        readValue();
        skipSpace();
        if (source[i] === ',') i++;
        else if (source[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return readString();
    if (char === 't') return expectWord('true');
    if (char === 'f') return expectWord('false');
    if (char === 'n') return expectWord('null');
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    readValue();
    skipSpace();
    if (i < source.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof JsonStop) return error.at;
    throw error;
  }
}

function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return letters > 0 && han / letters > ZH_MIN_HAN_SHARE ? 'zh' : 'en';
}

// --- Plain text -----------------------------------------------------------------------------------------

// The seed format puts "date YYYY-MM-DD" before the first paragraph on the same line. Anything shaped like
// a date after "date" is taken as that prefix, so a malformed one is reported instead of kept as text.
const TEXT_DATE_PREFIX = /^[ \t\u3000]*date[ \t]+(\d+[-/.]\d+[-/.]\d+)(?=\s|$)/i;

/** One paragraph per line; blank lines are dropped. */
function parseText(raw: string, file: string): ParsedSeed {
  let body = raw;
  const metadata: SeedMetadata = {};
  const prefix = TEXT_DATE_PREFIX.exec(raw);
  if (prefix) {
    if (!isValidDate(prefix[1])) throw new GlossInputError(`"date ${prefix[1]}" is not a valid date (expected YYYY-MM-DD)`, file, 1);
    metadata.date = prefix[1];
    body = raw.slice(prefix[0].length);
  }
  return { paragraphs: splitLines(body), metadata, warnings: [] };
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// --- Markdown -------------------------------------------------------------------------------------------

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Markdown, simply: front matter "key: value" lines between "---" give metadata; paragraphs are blocks
 * between blank lines (their lines joined by a space, or by nothing between two Chinese characters);
 * headings, list items and block quotes are paragraphs without their markers; fenced code and rules are
 * dropped; links and images keep their text, emphasis and code marks are removed.
 */
function parseMarkdown(raw: string, file: string): ParsedSeed {
  const lines = raw.split('\n');
  const metadata: SeedMetadata = {};
  let first = 0;
  if (lines[0].trim() === '---') {
    const close = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
    if (close < 0) throw new GlossInputError('front matter opened here is never closed with "---"', file, 1);
    for (let i = 1; i < close; i++) {
      const match = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(lines[i]);
      if (!match) continue;
      const key = match[1].toLowerCase();
      const value = match[2].trim().replace(/^(["'])(.*)\1$/, '$2');
      if (!isMetadataKey(key) || value === '') continue;
      const problem = metadataProblem(key, value);
      if (problem) throw new GlossInputError(problem, file, i + 1);
      metadata[key] = value;
    }
    first = close + 1;
  }

  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = () => {
    const paragraph = markdownInline(joinLines(block)).trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    block = [];
  };
  let fence: string | undefined;
  for (const line of lines.slice(first)) {
    const trimmed = line.trim();
    const fenceMark = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      flush();
      fence = fenceMark;
      continue;
    }
    if (trimmed === '' || /^<!--.*-->$/.test(trimmed) || /^\[[^\]]+\]:\s+\S/.test(trimmed)) {
      flush();
      continue;
    }
    if (/^(?:=+|-+)$/.test(trimmed) && block.length > 0) {
      flush(); // a setext heading's underline: the lines above were the heading
      continue;
    }
    if (/^(?:[-*_][ \t]*){3,}$/.test(trimmed)) {
      flush();
      continue;
    }
    const heading = /^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$/.exec(trimmed);
    if (heading) {
      flush();
      block.push(heading[1]);
      flush();
      continue;
    }
    const content = trimmed.replace(/^(?:>[ \t]?)+/, '');
    const listItem = /^(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/.exec(content);
    if (listItem) {
      flush();
      block.push(listItem[1]);
      continue;
    }
    block.push(content.trim());
  }
  flush();
  return { paragraphs, metadata, warnings: [] };
}

function joinLines(lines: string[]): string {
  let joined = '';
  for (const line of lines) {
    if (line === '') continue;
    const glue = joined === '' || (CJK_CHAR.test(joined.at(-1)!) && CJK_CHAR.test(line[0])) ? '' : ' ';
    joined += glue + line;
  }
  return joined;
}

function markdownInline(text: string): string {
  // Escaped characters are set aside first so "\*" stays a literal star.
  const escaped: string[] = [];
  const hold = (char: string) => `\ue000${String.fromCharCode(0xe100 + escaped.push(char) - 1)}`;
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!<>~|])/g, (_, char: string) => hold(char))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*(?=\S)(.*?\S)\*\*/g, '$1')
    .replace(/(?<![\p{L}\p{N}])__(?=\S)(.*?\S)__(?![\p{L}\p{N}])/gu, '$1')
    .replace(/\*(?=\S)([^*]*?\S)\*/g, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)(.*?\S)~~/g, '$1')
    .replace(/\ue000([\ue100-\uefff])/g, (_, held: string) => escaped[held.charCodeAt(0) - 0xe100]);
}

// --- HTML -----------------------------------------------------------------------------------------------

// The DOM needs some base url; this one is reserved (RFC 2606) so it can never pass for a real source.
const PLACEHOLDER_URL = 'https://seed.invalid/';
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Text of each block element (p, h1–h6, li, td…) under `root`, whitespace collapsed, in document order. */
function blockTexts(root: Node): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    const paragraph = buffer.replace(/\s+/g, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    buffer = '';
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) buffer += child.nodeValue ?? '';
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      const isBlock = BLOCK_TAGS.has(tag);
      if (isBlock) flush();
      walk(child);
      if (isBlock) flush();
    }
  };
  walk(root);
  flush();
  return paragraphs;
}

// Browsers' HTML parsers stop nesting elements at 512 levels. Deeper markup is no article: Readability's work
// grows with the square of the depth, and jsdom builds and tears down the tree recursively (a stack overflow
// some ten thousand levels down), so it is refused as an input error instead.
const MAX_HTML_DEPTH = 512;

/** The first element (in document order) more than `limit` elements deep, found without recursion. */
function firstElementDeeperThan(root: Node, limit: number): Element | undefined {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const children = Array.from(node.childNodes).filter((child) => child.nodeType === ELEMENT_NODE);
    if (children.length > 0 && depth + 1 > limit) return children[0] as Element;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
  return undefined;
}

/** Line of the first element nested too deep, from a second parse that records locations (which jsdom does not always manage). */
function lineOfDeepElement(raw: string): number | undefined {
  try {
    const dom = new JSDOM(raw, { virtualConsole: new VirtualConsole(), includeNodeLocations: true });
    const deep = firstElementDeeperThan(dom.window.document, MAX_HTML_DEPTH);
    return deep ? dom.nodeLocation(deep)?.startLine : undefined;
  } catch {
    return undefined;
  }
}

/** The page's own canonical address, if it states an absolute one. */
function statedUrl(document: Document): string | undefined {
  const candidates = [
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  return candidates.map((url) => url?.trim()).find((url): url is string => !!url && isHttpUrl(url) && !url.startsWith(PLACEHOLDER_URL));
}

/** The article as Readability finds it; the whole body when it finds none. */
function parseHtml(raw: string, file: string): ParsedSeed {
  // A silent console: jsdom's complaints about a page's CSS are no concern of the index.
  let dom: JSDOM;
  try {
    dom = new JSDOM(raw, { url: PLACEHOLDER_URL, virtualConsole: new VirtualConsole() });
  } catch (error) {
    // jsdom builds the tree recursively: markup some ten thousand elements deep overflows the stack.
    if (error instanceof RangeError)
      throw new GlossInputError(`elements are nested far more than ${MAX_HTML_DEPTH} deep (browsers flatten such markup)`, file);
    throw error;
  }
  let closable = true;
  try {
    const document = dom.window.document;
    const deep = firstElementDeeperThan(document, MAX_HTML_DEPTH);
    if (deep) {
      // Closing tears the tree down recursively: left to the garbage collector (no scripts, timers or loads run).
      closable = false;
      throw new GlossInputError(
        `elements are nested more than ${MAX_HTML_DEPTH} deep here (browsers flatten such markup)`,
        file,
        lineOfDeepElement(raw),
      );
    }
    const warnings: string[] = [];
    // Readability changes the document it reads, and the body may still be needed as a fallback.
    const article = new Readability<Node>(document.cloneNode(true) as Document, { serializer: (node) => node }).parse();
    let paragraphs = article?.content ? blockTexts(article.content) : [];
    if (paragraphs.length === 0) {
      warnings.push(`${file}: Readability found no article; the whole page text is used`);
      paragraphs = document.body ? blockTexts(document.body) : [];
    }

    const metadata: SeedMetadata = {};
    const title = (article?.title || document.title).replace(/\s+/g, ' ').trim();
    if (title) metadata.title = title;
    if (article?.siteName?.trim()) metadata.publisher = article.siteName.trim();
    if (article?.byline?.trim()) metadata.author = article.byline.replace(/\s+/g, ' ').trim();
    const lang = (article?.lang || document.documentElement.getAttribute('lang') || '').trim();
    if (LANGUAGE_TAG.test(lang)) metadata.lang = lang;
    else if (lang) warnings.push(`${file}: language "${lang}" is not a language tag; detected from the text instead`);
    const url = statedUrl(document);
    if (url) metadata.url = url;

    const published = article?.publishedTime?.trim();
    if (published) {
      const date = /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0];
      if (date && !isValidDate(date)) {
        const at = raw.indexOf(published);
        throw new GlossInputError(`published time "${published}" is not a valid date`, file, at < 0 ? undefined : lineOfOffset(raw, at));
      }
      if (date) metadata.date = date;
      else warnings.push(`${file}: published time "${published}" does not start with YYYY-MM-DD; ignored`);
    }
    return { paragraphs, metadata, warnings };
  } finally {
    if (closable) dom.window.close();
  }
}
