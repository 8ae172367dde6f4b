// The comparison form of names and texts for search: NFKC, lower case, Traditional Chinese as Simplified,
// separators removed, so "kaifu lee", "Kai-Fu Lee" and "KAIFU-LEE" are one key, and so are 李開復 and 李开复;
// and the map from a key back to the displayed string.
import { hasCjk } from '../cjk';
import { toSimplified } from '../traditional-chinese';
import { mergeRanges, type MatchRange } from './highlight';

const SEPARATOR = /[\s\-‐‑‒–—―.·・'’_]/u;
const SEPARATORS = /[\s\-‐‑‒–—―.·・'’_]+/gu;
/** The comparison form of any string: NFKC, lower case, Simplified, separators removed. */
export function keyOf(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase().replace(SEPARATORS, ''));
}

interface NormalizedKey {
  key: string;
  /** For each UTF-16 unit of `key`: where its source character starts and ends in the original string. */
  starts: number[];
  ends: number[];
}

/**
 * keyOf with a map back to the original, for highlighting. Folds code point by code point, which equals keyOf
 * except where NFKC composes across code points or lower-casing depends on context (final sigma); callers check.
 */
export function normalizeKey(text: string): NormalizedKey {
  let key = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of text) {
    const folded = toSimplified(char.normalize('NFKC').toLowerCase());
    for (const out of folded) {
      if (SEPARATOR.test(out)) continue;
      key += out;
      for (let unit = 0; unit < out.length; unit++) {
        starts.push(offset);
        ends.push(offset + char.length);
      }
    }
    offset += char.length;
  }
  return { key, starts, ends };
}

/** Ranges on keyOf(text) (inclusive ends) → ranges on `text`, merged. None if the key can't be mapped back. */
export function toTextRanges(text: string, keyRanges: readonly (readonly [number, number])[]): MatchRange[] {
  if (!keyRanges.length) return [];
  const { key, starts, ends } = normalizeKey(text);
  if (key !== keyOf(text)) return []; // rare (see normalizeKey): better no marks than wrong ones
  const mapped: MatchRange[] = [];
  for (const [start, end] of keyRanges) {
    if (start < 0 || end >= starts.length || end < start) continue;
    mapped.push([starts[start], ends[end]]);
  }
  return mergeRanges(mapped);
}

/** Key offsets of `text` where a word begins: after a separator, at a lower→upper change, at each CJK character. */
export function wordStarts(text: string): number[] {
  const { starts } = normalizeKey(text);
  const result: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    if (i > 0 && starts[i - 1] === start) continue; // a later unit of the same source character
    const before = text[start - 1];
    if (start === 0 || SEPARATOR.test(before) || (/\p{Ll}/u.test(before) && /\p{Lu}/u.test(text[start])) || hasCjk(text[start])) {
      result.push(i);
    }
  }
  return result;
}
