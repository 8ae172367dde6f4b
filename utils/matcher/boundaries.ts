// Where a mention may start and end. Latin-script names need word boundaries ("meta" is not in "metadata");
// Chinese has no spaces, so a Chinese name must start and end on the boundaries a word segmenter finds in
// the surrounding text ("放松下来" is 放松|下来 and contains no 松下).

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3006\u30fc]/u;
const WORD = /[\p{L}\p{N}\p{M}_]/u;
// Characters that glue two words into one token: "Meta-analysis", "ibm.com", "x_meta", "user@ibm".
const JOINERS = new Set(['-', '.', '_', '@', '\u2010', '\u2011', '/']);
const SEGMENT_WINDOW = 12;

function charBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const unit = text.charCodeAt(index - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1];
}

function charAt(text: string, index: number): string {
  if (index >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(index)!);
}

export function isCjk(char: string): boolean {
  // Below U+1100 (Hangul Jamo) no character is CJK: skip the regular expression for the common case.
  if (char.length === 1 && char.charCodeAt(0) < 0x1100) return false;
  return char !== '' && CJK.test(char);
}

/** A character that continues a Latin-script word (letters, digits, marks), not CJK. */
export function isWordChar(char: string): boolean {
  if (char.length === 1) {
    const c = char.charCodeAt(0);
    if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  }
  return char !== '' && WORD.test(char) && !CJK.test(char);
}

function gluedBefore(text: string, start: number): boolean {
  const before = charBefore(text, start);
  if (isWordChar(before)) return true;
  return JOINERS.has(before) && isWordChar(charBefore(text, start - before.length));
}

function gluedAfter(text: string, end: number): boolean {
  const after = charAt(text, end);
  if (isWordChar(after)) return true;
  return JOINERS.has(after) && isWordChar(charAt(text, end + after.length));
}

let segmenter: Intl.Segmenter | null | undefined;
function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Whether `index` is a word boundary of `text` by Chinese word segmentation of a small window around it. */
function isSegmentBoundary(text: string, index: number, windowStart: number, windowEnd: number): boolean {
  const seg = getSegmenter();
  // Without a segmenter nothing says the CJK neighbours are a separate word: a missed mention beats a wrong one.
  if (!seg) return false;
  const window = text.slice(windowStart, windowEnd);
  const target = index - windowStart;
  for (const segment of seg.segment(window)) {
    if (segment.index === target) return true;
    if (segment.index > target) return false;
  }
  return target === window.length;
}

/** Whether text[start, end) stands on word boundaries of its text, by the rules above. */
export function isOnBoundaries(text: string, start: number, end: number): boolean {
  const first = charAt(text, start);
  const last = charBefore(text, end);
  const before = charBefore(text, start);
  const after = charAt(text, end);

  if (isCjk(first)) {
    if (isCjk(before) && !isSegmentBoundary(text, start, Math.max(0, start - SEGMENT_WINDOW), Math.min(text.length, end + SEGMENT_WINDOW))) {
      return false;
    }
  } else if (isWordChar(first) && gluedBefore(text, start)) {
    return false;
  }

  if (isCjk(last)) {
    if (isCjk(after) && !isSegmentBoundary(text, end, Math.max(0, start - SEGMENT_WINDOW), Math.min(text.length, end + SEGMENT_WINDOW))) {
      return false;
    }
  } else if (isWordChar(last) && gluedAfter(text, end)) {
    return false;
  }
  return true;
}
