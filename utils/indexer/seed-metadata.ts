// Seed metadata: the keys a seed may state (in a .meta.json, front matter or the file itself), what a valid
// value is, the .meta.json reader with file:line errors, and the language of a text when none is stated.
import type { SourceMetadata } from '../types';
import { webUrl } from '../web-url';
import { GlossInputError, lineOfOffset } from './errors';
import { parseJsonInput } from './json-input';

/** What a seed file states, field by field (any may be missing), plus its byline. */
export interface SeedMetadata extends Partial<SourceMetadata> {
  author?: string;
}

export const METADATA_KEYS = ['title', 'publisher', 'date', 'lang', 'url', 'author'] as const satisfies readonly (keyof SeedMetadata)[];
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
  const value = parseJsonInput(raw, file);
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

// Enough text to tell the language; counting every letter of a book made an array of a million strings.
const LANGUAGE_SAMPLE = 20_000;

export function detectLanguage(text: string): string {
  const sample = text.length > LANGUAGE_SAMPLE ? text.slice(0, LANGUAGE_SAMPLE) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  return letters > 0 && han / letters > ZH_MIN_HAN_SHARE ? 'zh' : 'en';
}
