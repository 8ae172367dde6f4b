// Where a mention may start and end. Latin-script names need word boundaries ("meta" is not in "metadata");
// Chinese has no spaces, so a Chinese name must start and end on the boundaries a word segmenter finds in
// the surrounding text ("放松下来" is 放松|下来 and contains no 松下).

import { isCjkChar } from '../cjk';

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

/** A character that continues a Latin-script word (letters, digits, marks), not CJK. */
export function isWordChar(char: string): boolean {
  if (char.length === 1) {
    const c = char.charCodeAt(0);
    if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  }
  return char !== '' && WORD.test(char) && !isCjkChar(char);
}

/** Whether a word (or a word and a joiner: "ibm.", "Meta-") ends right before `start`. */
export function gluedBefore(text: string, start: number): boolean {
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

/**
 * Whether the word segmenter is still to be made. Making the first one loads ICU's word-break data: 15–30 ms
 * once per process, which a caller working in slices should give a task of its own (prepareSegmenter).
 */
export function segmenterPending(): boolean {
  return segmenter === undefined;
}

export function prepareSegmenter(): void {
  getSegmenter();
}

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/**
 * Whether `first` and `second` (offsets into text, -1 for "not asked") are word boundaries of `text` by Chinese
 * word segmentation of text[windowStart, windowEnd). One segmentation answers both edges of a mention.
 */
function areSegmentBoundaries(text: string, first: number, second: number, windowStart: number, windowEnd: number): boolean {
  const seg = getSegmenter();
  // Without a segmenter nothing says the CJK neighbours are a separate word: a missed mention beats a wrong one.
  if (!seg) return false;
  const segments = seg.segment(text.slice(windowStart, windowEnd));
  const length = windowEnd - windowStart;
  // A boundary starts the segment that contains it (the end of the window is one too). containing() asks ICU
  // for one segment, about twice as fast as walking the segments up to it.
  const isBoundary = (offset: number) =>
    offset < 0 || offset - windowStart >= length || segments.containing(offset - windowStart)!.index === offset - windowStart;
  return isBoundary(first) && isBoundary(second);
}

/** Whether deciding the boundaries of text[start, end) takes the word segmenter (CJK on both sides of an edge). */
export function needsSegmentation(text: string, start: number, end: number): boolean {
  return (
    (isCjkChar(charAt(text, start)) && isCjkChar(charBefore(text, start))) ||
    (isCjkChar(charBefore(text, end)) && isCjkChar(charAt(text, end)))
  );
}

/** Whether text[start, end) stands on word boundaries of its text, by the rules above. */
export function isOnBoundaries(text: string, start: number, end: number): boolean {
  const first = charAt(text, start);
  const last = charBefore(text, end);
  const before = charBefore(text, start);
  const after = charAt(text, end);

  // Edges between two CJK characters: asked of the segmenter, both at once.
  let segmentStart = -1;
  let segmentEnd = -1;
  if (isCjkChar(first)) {
    if (isCjkChar(before)) segmentStart = start;
  } else if (isWordChar(first) && gluedBefore(text, start)) {
    return false;
  }
  if (isCjkChar(last)) {
    if (isCjkChar(after)) segmentEnd = end;
  } else if (isWordChar(last) && gluedAfter(text, end)) {
    return false;
  }
  if (segmentStart < 0 && segmentEnd < 0) return true;
  return areSegmentBoundaries(
    text,
    segmentStart,
    segmentEnd,
    Math.max(0, start - SEGMENT_WINDOW),
    Math.min(text.length, end + SEGMENT_WINDOW),
  );
}
