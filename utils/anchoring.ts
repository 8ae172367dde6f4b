// Locating passages: the TextQuoteSelector context the build stores with every passage, and re-finding a
// passage in a text when its stored offsets may no longer fit: the W3C TextQuoteSelector
// fallback, after hypothesis/client's approach but simplified to exact matching. Offsets win when they still
// point at the exact text; otherwise the occurrence whose neighbourhood best agrees with the stored prefix
// and suffix wins, so a passage that occurs several times is re-found in the right place.

export interface PassageSelector {
  start?: number;
  end?: number;
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextRange {
  start: number;
  end: number;
}

// A pathological selector (a single common character) could otherwise make us score thousands of
// occurrences; past this many the stored context would not discriminate meaningfully anyway.
const MAX_CANDIDATES = 2000;

/** Where `selector.exact` stands in `text`, or undefined when it is nowhere in it. */
export function anchorPassage(text: string, selector: PassageSelector): TextRange | undefined {
  const { exact, start, end } = selector;
  if (exact.length === 0) return undefined;
  if (Number.isInteger(start) && Number.isInteger(end) && start! >= 0 && end! <= text.length && text.slice(start, end) === exact) {
    return { start: start!, end: end! };
  }

  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  const hint = Number.isInteger(start) ? start! : undefined;
  let best: { at: number; score: number; distance: number } | undefined;
  let candidates = 0;
  for (let at = text.indexOf(exact); at >= 0 && candidates < MAX_CANDIDATES; at = text.indexOf(exact, at + 1)) {
    candidates++;
    const score = matchBackwards(text, at, prefix) + matchForwards(text, at + exact.length, suffix);
    // Ties go to the occurrence nearest the stored offset (offsets drift by small edits), then the first.
    const distance = hint === undefined ? 0 : Math.abs(at - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { at, score, distance };
    }
  }
  return best ? { start: best.at, end: best.at + exact.length } : undefined;
}

/** How many characters of `prefix`, read from its end, match the text just before `at`. */
function matchBackwards(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && at - n - 1 >= 0 && text[at - n - 1] === prefix[prefix.length - n - 1]) n++;
  return n;
}

/** How many characters of `suffix`, read from its start, match the text from `at` on. */
function matchForwards(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && text[at + n] === suffix[n]) n++;
  return n;
}

/**
 * W3C TextQuoteSelector context: up to `context` UTF-16 units either side of [start, end), never cutting a
 * surrogate pair, so the prefix and suffix are valid strings that still sit right against the quote.
 */
export function textQuoteSelector(text: string, start: number, end: number, context = 32): { prefix: string; suffix: string } {
  let prefixStart = Math.max(0, start - context);
  if (
    prefixStart > 0 &&
    prefixStart < start &&
    isLowSurrogate(text.charCodeAt(prefixStart)) &&
    isHighSurrogate(text.charCodeAt(prefixStart - 1))
  ) {
    prefixStart++;
  }
  let suffixEnd = Math.min(text.length, end + context);
  if (
    suffixEnd > end &&
    suffixEnd < text.length &&
    isHighSurrogate(text.charCodeAt(suffixEnd - 1)) &&
    isLowSurrogate(text.charCodeAt(suffixEnd))
  ) {
    suffixEnd--;
  }
  return { prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) };
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
