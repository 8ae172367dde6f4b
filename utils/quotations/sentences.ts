// Sentence spans of a paragraph, for Chinese and English text. A sentence is what a reader would quote as
// context for a mention, so a quotation is never cut: several quoted sentences stay in one sentence with
// their attribution ("X 表示：“A。B。”").
//
// "；" does not end a sentence: Chinese uses it between parallel clauses of one thought, and a clause after
// it often still depends on the subject or speaker named before it.
//
// Known limits: an abbreviation that really ends a sentence ("… at Apple Inc. The company …") does not
// split it, and an ellipsis ("…", "...") never ends one.
import { CJK_CLASS, isCjkChar } from '../cjk';
import { closingMarkIndex, findQuotations } from './quotation-marks';

const CJK_TERMINATOR = /[。！？｡]/;
const LATIN_TERMINATOR = /[.!?]/;
// Marks that close a quotation or bracket right after the terminator belong to the sentence: "…。”", "…?)".
const CLOSER = /[”」』’）)\]】»›]/;
const WHITESPACE = /\s/;
// What may begin an English sentence after the space: a capital, an opening mark, or Chinese text.
const SENTENCE_START = new RegExp(`[\\p{Lu}“"「『‘'(（${CJK_CLASS}]`, 'u');

// Words written with a period that rarely end a sentence. Case-sensitive, so the sentence-final "no." still
// ends one. "etc." is left out on purpose: it ends sentences as often as not.
const ABBREVIATIONS = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'Sr',
  'Jr',
  'St',
  'Mt',
  'Gen',
  'Gov',
  'Sen',
  'Rep',
  'Rev',
  'Hon',
  'Inc',
  'Corp',
  'Ltd',
  'Co',
  'Bros',
  'vs',
  'No',
  'Nos',
  'Vol',
  'Fig',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'approx',
  'cf',
  'al',
]);
// Dotted abbreviations and initialisms: "U.S", "e.g", "i.e", "J.R.R" (the final period is not in the word).
const DOTTED = /^(?:\p{L}\.)+\p{L}$/u;
// One capital is an initial: "J. R. R. Tolkien".
const INITIAL = /^\p{Lu}$/u;

function wordBefore(text: string, index: number, floor: number): string {
  let start = index;
  while (start > floor && !WHITESPACE.test(text[start - 1])) start--;
  // Opening marks are not part of the word: "(Dr." is "Dr".
  return text.slice(start, index).replace(/^[\p{Ps}\p{Pi}"']+/u, '');
}

function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word) || DOTTED.test(word) || INITIAL.test(word);
}

/** Sentence spans, in absolute offsets of `text`, of the paragraph [start, end); whitespace trimmed off. */
export function splitSentences(text: string, paragraph: [number, number]): [number, number][] {
  const [paragraphStart, paragraphEnd] = paragraph;
  const quotations = findQuotations(text, paragraph);
  const closingMarks = new Set(quotations.map((q) => closingMarkIndex(text, q)).filter((i) => i >= 0));
  const insideQuotation = (boundary: number) => quotations.some((q) => q.open < boundary && boundary < q.close);

  const sentences: [number, number][] = [];
  const push = (from: number, to: number) => {
    while (from < to && WHITESPACE.test(text[from])) from++;
    while (to > from && WHITESPACE.test(text[to - 1])) to--;
    if (to > from) sentences.push([from, to]);
  };

  let sentenceStart = paragraphStart;
  let i = paragraphStart;
  while (i < paragraphEnd) {
    const char = text[i];
    const isCjkEnd = CJK_TERMINATOR.test(char);
    if (!isCjkEnd && !LATIN_TERMINATOR.test(char)) {
      i++;
      continue;
    }
    let boundary = i + 1;
    let hasCjkTerminator = isCjkEnd;
    while (boundary < paragraphEnd && (CJK_TERMINATOR.test(text[boundary]) || LATIN_TERMINATOR.test(text[boundary]))) {
      hasCjkTerminator ||= CJK_TERMINATOR.test(text[boundary]);
      boundary++;
    }
    const terminators = text.slice(i, boundary);
    while (boundary < paragraphEnd && (CLOSER.test(text[boundary]) || closingMarks.has(boundary))) boundary++;

    if (
      !insideQuotation(boundary) &&
      (hasCjkTerminator || endsLatinSentence(text, i, terminators, boundary, paragraphStart, paragraphEnd))
    ) {
      push(sentenceStart, boundary);
      sentenceStart = boundary;
    }
    i = boundary;
  }
  push(sentenceStart, paragraphEnd);
  return sentences;
}

function endsLatinSentence(text: string, at: number, terminators: string, boundary: number, floor: number, paragraphEnd: number): boolean {
  let next = boundary;
  while (next < paragraphEnd && WHITESPACE.test(text[next])) next++;
  if (next === paragraphEnd) return true;
  if (next === boundary) {
    // "原因何在?它的…": Chinese text typed with an ASCII mark. A period glued to what follows is a token
    // ("01.AI", "3.5", "ibm.com"), never an end.
    return /[!?]/.test(terminators) && isCjkChar(text[next]);
  }
  if (!SENTENCE_START.test(text[next])) return false;
  // Ellipses ("...") are not ends; "!" and "?" always are.
  if (terminators === '.') return !isAbbreviation(wordBefore(text, at, floor));
  return /[!?]/.test(terminators);
}
