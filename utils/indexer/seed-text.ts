// The text formats of a seed: plain text (one paragraph a line, an optional "date" prefix) and Markdown
// (front matter, paragraphs joined from their lines, inline markup removed). Pure: text in, paragraphs and
// metadata out, so the same code can read a seed at build time and a user's file in the browser.
import { CJK_CLASS } from '../cjk';
import { GlossInputError } from './errors';
import { isMetadataKey, isValidDate, metadataProblem, type SeedMetadata } from './seed-metadata';

export interface ParsedSeed {
  paragraphs: string[];
  metadata: SeedMetadata;
  warnings: string[];
}

// The seed format puts "date YYYY-MM-DD" before the first paragraph on the same line. Anything shaped like
// a date after "date" is taken as that prefix, so a malformed one is reported instead of kept as text.
const TEXT_DATE_PREFIX = /^[ \t\u3000]*date[ \t]+(\d+[-/.]\d+[-/.]\d+)(?=\s|$)/i;

/** One paragraph per line; blank lines are dropped. */
export function parseText(raw: string, file: string): ParsedSeed {
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

// CJK letters, and CJK punctuation and full-width forms: lines ending and starting with these join without a space.
const CJK_CHAR = new RegExp(`[${CJK_CLASS}\\u3000-\\u303f\\uff00-\\uffef]`, 'u');

/**
 * Markdown, simply: front matter "key: value" lines between "---" give metadata; paragraphs are blocks
 * between blank lines (their lines joined by a space, or by nothing between two Chinese characters);
 * headings, list items and block quotes are paragraphs without their markers; fenced code and rules are
 * dropped; links and images keep their text, emphasis and code marks are removed.
 */
export function parseMarkdown(raw: string, file: string): ParsedSeed {
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
