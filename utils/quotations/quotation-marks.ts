// Quotations in a source: the words between quotation marks (“…”, "…", 「…」, 『…』, nested and malformed
// closing marks included) and whether a quotation is speech rather than a scare quote or a title. Who said
// it is speakers.ts.

export interface Quotation {
  /** The quoted words, without the marks (whitespace just inside the marks trimmed). */
  start: number;
  end: number;
  /** Position of the opening mark. */
  open: number;
  /** End of the closing mark, or the paragraph end when the quotation is never closed. */
  close: number;
}

const CLOSING_MARK: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '«': '»', '‘': '’' };
// The opening marks as UTF-16 units: the scan compares numbers, not one-character strings made per character
// (which made reading a long source, a 1 MB page the user adds, cost hundreds of milliseconds).
const OPENING_UNITS = new Set(Object.keys(CLOSING_MARK).map((mark) => mark.charCodeAt(0)));
const LATIN_LETTER_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
// Punctuation that ends a clause; an opening “ right after it is taken for a mistyped ” (seen in the seed:
// "…相当的能力。“").
const CLAUSE_END_BEFORE_MARK = /[。！？，,.!?…；;：:]/;
const WHITESPACE = /\s/;

function isBlankFrom(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!WHITESPACE.test(text[i])) return false;
  return true;
}

function previousNonSpace(text: string, index: number, floor: number): string {
  for (let i = index - 1; i >= floor; i--) if (!WHITESPACE.test(text[i])) return text[i];
  return '';
}

/** Whether an opening “ at `at`, inside an open “ quotation, is really its (mistyped) closing mark. */
function isMistypedClose(text: string, at: number, open: number, paragraphEnd: number): boolean {
  if (isBlankFrom(text, at + 1, paragraphEnd)) return true;
  if (!CLAUSE_END_BEFORE_MARK.test(previousNonSpace(text, at, open + 1))) return false;
  // After clause punctuation a “ may still open a nested quotation ("他问，“你去吗？”"): it does when a ”
  // comes before the next “, which would then pair with it.
  for (let i = at + 1; i < paragraphEnd; i++) {
    if (text[i] === '”') return false;
    if (text[i] === '“') return true;
  }
  return true;
}

function findClosingMark(text: string, open: number, paragraphEnd: number): number {
  const opener = text[open];
  const closer = CLOSING_MARK[opener];
  // Straight quotes cannot nest: the next one closes.
  if (opener === '"') {
    const next = text.indexOf('"', open + 1);
    return next >= 0 && next < paragraphEnd ? next : -1;
  }
  let depth = 0;
  const closerUnit = closer.charCodeAt(0);
  const openerUnit = opener.charCodeAt(0);
  for (let i = open + 1; i < paragraphEnd; i++) {
    const unit = text.charCodeAt(i);
    if (unit !== closerUnit && unit !== openerUnit) continue;
    const char = text[i];
    // ’ is also the apostrophe: between two Latin letters or digits ("don’t", "Lee’s") it closes nothing.
    if (char === '’' && LATIN_LETTER_OR_DIGIT.test(text[i - 1] ?? '') && LATIN_LETTER_OR_DIGIT.test(text[i + 1] ?? '')) continue;
    if (char === closer) {
      if (depth === 0) return i;
      depth--;
    } else if (char === opener) {
      if (opener === '“' && depth === 0 && isMistypedClose(text, i, open, paragraphEnd)) return i;
      depth++;
    }
  }
  return -1;
}

/**
 * Quotations of a paragraph, in order. Marks: “…”, 「…」, 『…』, «…», ‘…’ (British usage; ’ between letters
 * is an apostrophe) and paired straight "…". Marks inside a quotation belong to it; 《…》 titles and
 * straight '…' (apostrophes too often) are not quotations. An unclosed quotation runs to the paragraph end.
 */
export function findQuotations(text: string, paragraph: [number, number]): Quotation[] {
  const [paragraphStart, paragraphEnd] = paragraph;
  const quotations: Quotation[] = [];
  let i = paragraphStart;
  while (i < paragraphEnd) {
    if (!OPENING_UNITS.has(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const open = i;
    const closingMark = findClosingMark(text, open, paragraphEnd);
    const close = closingMark < 0 ? paragraphEnd : closingMark + 1;
    let start = open + 1;
    let end = closingMark < 0 ? paragraphEnd : closingMark;
    while (start < end && WHITESPACE.test(text[start])) start++;
    while (end > start && WHITESPACE.test(text[end - 1])) end--;
    if (end > start) quotations.push({ start, end, open, close });
    i = close;
  }
  return quotations;
}

/** Index of the quotation's closing mark, or -1 when it runs unclosed to the paragraph end. */
export function closingMarkIndex(text: string, quotation: Quotation): number {
  const at = quotation.close - 1;
  if (at < quotation.end) return -1;
  const mark = text[at];
  const opener = text[quotation.open];
  return mark === CLOSING_MARK[opener] || (opener === '“' && mark === '“') ? at : -1;
}

// A quotation this long is a statement, not a term: the scare-quoted terms of the seed ("护城河",
// "逆向工程", "架构效率") have 3–4 Han characters, its shortest quoted statement has well over ten.
// English words carry more each, so five of them are enough. Mixed text counts both scripts.
export const SPEECH_MIN_HAN = 10;
export const SPEECH_MIN_LATIN_WORDS = 5;
// Chinese puts a term's punctuation outside its marks ("“护城河”，"), so a quotation ending with its own
// clause punctuation ("“这记警钟敲响了，”") is speech whatever its length.
const ENDS_WITH_CJK_PUNCTUATION = /[，。！？；…：]$/;
// English puts commas and periods inside the marks even after a term ("a so-called "moat,""), so there
// the closing punctuation only counts for two words or more ("It works,").
const ENDS_WITH_LATIN_PUNCTUATION = /[,.!?]$/;
const HAN = /\p{Script=Han}/gu;
// A word has a Latin letter: numbers ("2024", "1,500") say nothing about whether a quotation is a statement.
const LATIN_WORD = /[\p{Script=Latin}\d]*\p{Script=Latin}[\p{Script=Latin}\d]*(?:['’-][\p{Script=Latin}\d]+)*/gu;

/**
 * Whether a quotation is someone's words rather than a scare-quoted term: long enough to be a statement,
 * ending with its own clause punctuation, or introduced by a colon ("表示：“…”", 'said: "…"').
 */
export function isSpeechQuote(text: string, quotation: Quotation): boolean {
  const words = text.slice(quotation.start, quotation.end);
  const han = words.match(HAN)?.length ?? 0;
  const latinWords = words.match(LATIN_WORD)?.length ?? 0;
  if (han / SPEECH_MIN_HAN + latinWords / SPEECH_MIN_LATIN_WORDS >= 1) return true;
  if (ENDS_WITH_CJK_PUNCTUATION.test(words)) return true;
  if (ENDS_WITH_LATIN_PUNCTUATION.test(words) && latinWords >= 2) return true;
  const before = previousNonSpace(text, quotation.open, Math.max(0, quotation.open - 8));
  return before === '：' || before === ':';
}
