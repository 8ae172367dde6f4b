// Seed metadata: the keys a seed may state (in a .meta.json, front matter or the file itself), what a valid
// value is, the .meta.json reader with file:line errors, and the language of a text when none is stated.
import { webUrl } from '../web-url';
import { GlossInputError, lineOfOffset } from './errors';

export interface SeedMetadata {
  title?: string;
  publisher?: string;
  date?: string;
  lang?: string;
  url?: string;
  author?: string;
}

export const METADATA_KEYS = ['title', 'publisher', 'date', 'lang', 'url', 'author'] as const;
// Han characters above this share of all letters make a text Chinese. Chinese articles carry many Latin
// names and terms (the seed is about a third Latin letters), English ones almost no Han.
const ZH_MIN_HAN_SHARE = 0.2;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export function isValidDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** Checks a metadata value; returns what is wrong with it, or undefined when it is fine. */
export function metadataProblem(key: (typeof METADATA_KEYS)[number], value: string): string | undefined {
  if (value.trim() === '') return `"${key}" is empty`;
  if (key === 'date' && !isValidDate(value)) return `"${value}" is not a valid date (expected YYYY-MM-DD)`;
  if (key === 'url' && !webUrl(value)) return `"${value}" is not an absolute http(s) url`;
  if (key === 'lang' && !LANGUAGE_TAG.test(value)) return `"${value}" is not a language tag like "zh" or "en-GB"`;
  return undefined;
}

export function isMetadataKey(key: string): key is (typeof METADATA_KEYS)[number] {
  return (METADATA_KEYS as readonly string[]).includes(key);
}

/** A .meta.json's text (already decoded) as metadata; `file` names it in errors. */
export function parseMetadata(raw: string, file: string): SeedMetadata {
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

export function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return letters > 0 && han / letters > ZH_MIN_HAN_SHARE ? 'zh' : 'en';
}
