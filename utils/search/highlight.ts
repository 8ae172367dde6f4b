// What a hit shows: a string with the ranges that matched, cut to a window around the match when long.

/** Characters of a long passage shown around its match. */
const SNIPPET_LENGTH = 120;
const SNIPPET_LEAD = 30;

/** Half-open UTF-16 range [start, end) of a displayed string. */
export type MatchRange = [start: number, end: number];

/** A string to display with the characters that matched the query. */
export interface Highlighted {
  text: string;
  ranges: MatchRange[];
  /** BCP 47 language of the text, when known (source passages, Chinese names): for the element's `lang`. */
  lang?: string;
}

export function mergeRanges(ranges: readonly MatchRange[]): MatchRange[] {
  const sorted = ranges.map(([start, end]): MatchRange => [start, end]).sort((a, b) => a[0] - b[0]);
  const merged: MatchRange[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * A window of a long string around its first range, with "…" where it was cut and the ranges moved onto the
 * window. Short strings come back whole.
 */
export function snippet(text: string, ranges: readonly MatchRange[], length = SNIPPET_LENGTH): Highlighted {
  if (text.length <= length) return { text, ranges: [...ranges] };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(first - SNIPPET_LEAD, text.length - length));
  let end = Math.min(text.length, start + length);
  // Never split a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start++;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end--;
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const moved: MatchRange[] = [];
  for (const [rangeStart, rangeEnd] of ranges) {
    const clippedStart = Math.max(rangeStart, start);
    const clippedEnd = Math.min(rangeEnd, end);
    if (clippedStart < clippedEnd) moved.push([clippedStart - start + lead.length, clippedEnd - start + lead.length]);
  }
  return { text: lead + text.slice(start, end) + tail, ranges: moved };
}
