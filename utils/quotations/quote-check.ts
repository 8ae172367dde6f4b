// Whether a quotation on a page is one of the sources' verbatim quotes, and how: word for word (verbatim),
// with words left out (shortened), with words changed (altered, with a diff), or the words of someone else
// than the page says (other-speaker). Absence from the sources proves nothing, so no match is `null`, and
// a wrong verdict is worse than none: every verdict needs a quotation of speech size and a close alignment.
//
// Texts are compared as tokens: a Latin-script word (letters and digits, inner apostrophes and hyphens) is
// one token, a Han or kana character is one token, and everything else (spaces, punctuation, quotation
// marks) is no token at all, so punctuation never counts as a word or as a difference. Tokens are folded
// (case, full-width ASCII, accents, curly apostrophes, Traditional → Simplified) and keep their offsets in
// the original text, so the diff and the known span are the original words.
import { SPEECH_MIN_HAN, SPEECH_MIN_LATIN_WORDS } from './quotation-marks';
import { foldText } from '../matcher/fold';

export interface KnownQuote {
  id: string;
  speakerId: string;
  text: string;
}
export type QuoteVerdict = 'verbatim' | 'shortened' | 'altered' | 'other-speaker';
/** A piece of the word-by-word comparison: in both texts, only on the page, or only in the source. */
export interface DiffPiece {
  kind: 'same' | 'page' | 'source';
  text: string;
}
export interface QuoteCheck {
  verdict: QuoteVerdict;
  known: KnownQuote;
  /**
   * For 'altered' (and 'shortened', where the left-out parts are 'source' pieces): the aligned span, in
   * order. Texts are the ORIGINAL texts (page's own text for 'page'/'same', source's own text for
   * 'source'), not folded.
   */
  diff?: DiffPiece[];
  /** Offsets in known.text of the matched span (start inclusive, end exclusive), original text. */
  knownStart: number;
  knownEnd: number;
}
export interface QuoteChecker {
  check(pageText: string, speakerId?: string): QuoteCheck | null;
}

// --- Thresholds ------------------------------------------------------------------------------------------
// An altered quotation must still be mostly the known quote: at least 60% of the page quotation's tokens
// and 60% of the aligned known span's tokens are matched, in order. Two unrelated sentences share far less
// in order (their common tokens are function words: "the", "to", 的, 是, about a fifth to a third of a
// sentence), while one changed or added word in a quotation of speech size (≥ 5 words, ≥ 10 Han) keeps 80%
// or more. Both sides count, so neither a short page text inside a long quote nor a long page text around a
// short quote passes on a few shared words.
const ALTERED_MIN_SHARE = 0.6;
// And at least four matched tokens, one run of at least three of them in a row: a scattered handful of
// function words in order is not the same sentence; a quotation with one word changed keeps long runs.
const ALTERED_MIN_MATCHED = 4;
const ALTERED_MIN_RUN = 3;
// A shortened quotation keeps pieces of the known quote in order. Pieces are at least this long on average
// (Chinese words are about two characters, so more characters than words), and a single-token piece is
// only taken next to a marked gap (…): otherwise ordinary words picked out one by one from a long quote
// would pass for it.
const SHORTENED_MIN_AVERAGE_PIECE = { word: 3, cjk: 4 } as const;
const SHORTENED_MIN_UNMARKED_PIECE = 2;
// Quotes aligned per check, closest first (by shared words): more than a page quotation can match.
const MAX_ALIGNED = 48;

// --- Tokens ----------------------------------------------------------------------------------------------
type TokenKind = 'word' | 'cjk';

interface Token {
  /** Folded form: what is compared. */
  key: string;
  /** The folded form's number in the checker's vocabulary (−1 for a word no known quote has). */
  id: number;
  kind: TokenKind;
  start: number;
  end: number;
}

type Tokens = Token[];

interface Tokenised {
  text: string;
  tokens: Tokens;
  /** gap[i]: the text between token i - 1 and token i holds an ellipsis (page texts only). */
  gap: boolean[];
  family: TokenKind;
  /** Whether the text is long enough to be speech (SPEECH_MIN_HAN / SPEECH_MIN_LATIN_WORDS). */
  speech: boolean;
}

// Han (with 々 and 〆), Hiragana, Katakana (with ー): one token per character. Hangul is written with spaces
// between words, so it is read as words.
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006\u30fc]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const HAS_LETTER = /\p{L}/u;
const ELLIPSIS = /…|⋯|\.\s?\.\s?\./;

const enum CharClass {
  Other,
  Cjk,
  /** A letter or digit: starts or continues a word. */
  Word,
  /** A combining mark: continues a word. */
  Mark,
  /** An apostrophe or hyphen: inside a word only. */
  Joiner,
}

function classify(code: number): CharClass {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) return CharClass.Word;
    return code === 0x27 || code === 0x2d ? CharClass.Joiner : CharClass.Other;
  }
  // Full-width ASCII reads as ASCII.
  if (code >= 0xff01 && code <= 0xff5e) return classify(code - 0xfee0);
  if (code >= 0x4e00 && code <= 0x9fff) return CharClass.Cjk;
  if (code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 0x2010 || code === 0x2011) return CharClass.Joiner;
  const char = String.fromCodePoint(code);
  if (CJK_LETTER.test(char)) return CharClass.Cjk;
  if (LETTER_OR_DIGIT.test(char)) return CharClass.Word;
  return MARK.test(char) ? CharClass.Mark : CharClass.Other;
}

/** Tokens of a text, each with its number from `idOf`. */
function tokenise(text: string, idOf: (key: string) => number): Tokenised {
  const tokens: Token[] = [];
  const gap: boolean[] = [];
  // Each code point's class, at the offset of its first unit (Other on a second unit).
  const classes = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    classes[i] = classify(code);
    i += code > 0xffff ? 2 : 1;
  }
  let separatorStart = 0;
  const pushToken = (key: string, kind: TokenKind, start: number, end: number) => {
    gap.push(tokens.length > 0 && ELLIPSIS.test(text.slice(separatorStart, start)));
    tokens.push({ key, id: idOf(key), kind, start, end });
    separatorStart = end;
  };
  const unitsAt = (i: number) => (text.codePointAt(i)! > 0xffff ? 2 : 1);
  let cjk = 0;
  let words = 0;
  for (let i = 0; i < text.length;) {
    const charClass = classes[i];
    if (charClass === CharClass.Cjk) {
      const end = i + unitsAt(i);
      // Folded as matching folds text: Traditional reads as Simplified.
      pushToken(foldText(text.slice(i, end)), 'cjk', i, end);
      cjk++;
      i = end;
      continue;
    }
    if (charClass !== CharClass.Word) {
      i += unitsAt(i);
      continue;
    }
    let end = i + unitsAt(i);
    for (;;) {
      const next = classes[end];
      if (end >= text.length) break;
      if (next === CharClass.Word || next === CharClass.Mark) end += unitsAt(end);
      else if (next === CharClass.Joiner && end + 1 < text.length && classes[end + 1] === CharClass.Word) end += 1 + unitsAt(end + 1);
      else break;
    }
    const word = text.slice(i, end);
    // Folded as matching folds text: case, accents, width, apostrophes and hyphens.
    pushToken(foldText(word), 'word', i, end);
    if (HAS_LETTER.test(word)) words++;
    i = end;
  }
  const weight = cjk / SPEECH_MIN_HAN + words / SPEECH_MIN_LATIN_WORDS;
  return { text, tokens, gap, family: cjk / SPEECH_MIN_HAN > words / SPEECH_MIN_LATIN_WORDS ? 'cjk' : 'word', speech: weight >= 1 };
}

// --- Alignment -------------------------------------------------------------------------------------------
type MatchKind = 'verbatim' | 'shortened' | 'altered';
/** One step of an alignment: page token i and known token j (−1 where one side has none). */
interface Step {
  page: number;
  known: number;
}

interface Match {
  kind: MatchKind;
  quote: PreparedQuote;
  steps: Step[];
  matched: number;
  /** Tokens on one side only (page-only plus source-only), for ranking: fewer is closer. */
  differences: number;
}

interface PreparedQuote extends Tokenised {
  quote: KnownQuote;
}

function verbatimSteps(page: Token[], known: Token[]): Step[] | null {
  const n = page.length;
  outer: for (let start = 0; start + n <= known.length; start++) {
    for (let i = 0; i < n; i++) if (page[i].id !== known[start + i].id) continue outer;
    return page.map((_, i) => ({ page: i, known: start + i }));
  }
  return null;
}

/**
 * The page's tokens as a subsequence of the known quote's, in the fewest pieces (a break at a marked gap
 * costs a little less than an unmarked one), then the tightest span; null when there is none.
 */
function shortenedSteps(page: Tokenised, known: Tokens): Step[] | null {
  const n = page.tokens.length;
  const m = known.length;
  const NONE = 0x7fffffff;
  const cost = new Int32Array(n * m).fill(NONE);
  const start = new Int32Array(n * m);
  const previous = new Int32Array(n * m).fill(-1);
  const better = (c1: number, s1: number, c2: number, s2: number) => c1 < c2 || (c1 === c2 && s1 > s2);
  for (let j = 0; j < m; j++) {
    if (known[j].id !== page.tokens[0].id) continue;
    cost[j] = 0;
    start[j] = j;
  }
  for (let i = 1; i < n; i++) {
    const breakCost = page.gap[i] ? 64 : 65;
    const row = i * m;
    const above = (i - 1) * m;
    // Best cell of row i − 1 at k ≤ j − 2 (a new piece).
    let bestK = -1;
    for (let j = 0; j < m; j++) {
      if (j >= 2) {
        const k = j - 2;
        if (cost[above + k] !== NONE && (bestK < 0 || better(cost[above + k], start[above + k], cost[above + bestK], start[above + bestK])))
          bestK = k;
      }
      if (known[j].id !== page.tokens[i].id) continue;
      if (j >= 1 && cost[above + j - 1] !== NONE) {
        cost[row + j] = cost[above + j - 1];
        start[row + j] = start[above + j - 1];
        previous[row + j] = j - 1;
      }
      if (bestK >= 0) {
        const c = cost[above + bestK] + breakCost;
        if (cost[row + j] === NONE || better(c, start[above + bestK], cost[row + j], start[row + j])) {
          cost[row + j] = c;
          start[row + j] = start[above + bestK];
          previous[row + j] = bestK;
        }
      }
    }
  }
  let end = -1;
  const last = (n - 1) * m;
  for (let j = 0; j < m; j++) {
    if (cost[last + j] === NONE) continue;
    if (
      end < 0 ||
      cost[last + j] < cost[last + end] ||
      (cost[last + j] === cost[last + end] && j - start[last + j] < end - start[last + end])
    )
      end = j;
  }
  if (end < 0) return null;
  const positions: number[] = new Array<number>(n);
  for (let i = n - 1, j = end; i >= 0; j = previous[i * m + j], i--) positions[i] = j;
  return withSkipped(positions);
}

/** Steps for page tokens matched at `positions`, with the known tokens in between as source-only steps. */
function withSkipped(positions: number[]): Step[] {
  const steps: Step[] = [];
  positions.forEach((j, i) => {
    if (i > 0) for (let k = positions[i - 1] + 1; k < j; k++) steps.push({ page: -1, known: k });
    steps.push({ page: i, known: j });
  });
  return steps;
}

/** Whether a subsequence match reads as a shortened quotation rather than words picked out here and there. */
function isPlausiblyShortened(steps: Step[], page: Tokenised): boolean {
  const pieces: [number, number][] = [];
  let previousKnown = -2;
  for (const step of steps) {
    if (step.page < 0) continue;
    if (step.known === previousKnown + 1) pieces[pieces.length - 1][1] = step.page + 1;
    else pieces.push([step.page, step.page + 1]);
    previousKnown = step.known;
  }
  if (pieces.length < 2) return false;
  if (page.tokens.length / pieces.length < SHORTENED_MIN_AVERAGE_PIECE[page.family]) return false;
  return pieces.every(([from, to], p) => {
    if (to - from >= SHORTENED_MIN_UNMARKED_PIECE) return true;
    const markedBefore = p > 0 && page.gap[from];
    const markedAfter = p < pieces.length - 1 && page.gap[to];
    return markedBefore || markedAfter;
  });
}

/**
 * Edit distance over tokens, the whole page text against the best window of the known quote (the known
 * quote's ends are free). Equal costs prefer more matched tokens. Steps in order.
 */
function alignedSteps(page: Tokens, known: Tokens): Step[] {
  const n = page.length;
  const m = known.length;
  const width = m + 1;
  // Score = edits × SCALE − matches: fewest edits, then most matches.
  const SCALE = 4096;
  const score = new Int32Array((n + 1) * width);
  const move = new Uint8Array((n + 1) * width); // 1 diagonal, 2 page only (up), 3 known only (left)
  for (let i = 1; i <= n; i++) {
    score[i * width] = i * SCALE;
    move[i * width] = 2;
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = page[i - 1].id === known[j - 1].id;
      let best = score[(i - 1) * width + j - 1] + (same ? -1 : SCALE);
      let step = 1;
      const up = score[(i - 1) * width + j] + SCALE;
      if (up < best) {
        best = up;
        step = 2;
      }
      const left = score[i * width + j - 1] + SCALE;
      if (left < best) {
        best = left;
        step = 3;
      }
      score[i * width + j] = best;
      move[i * width + j] = step;
    }
  }
  let end = 0;
  for (let j = 1; j <= m; j++) if (score[n * width + j] < score[n * width + end]) end = j;
  const steps: Step[] = [];
  let i = n;
  let j = end;
  while (i > 0) {
    const step = move[i * width + j];
    if (step === 1) {
      if (page[i - 1].id === known[j - 1].id) steps.push({ page: i - 1, known: j - 1 });
      else steps.push({ page: -1, known: j - 1 }, { page: i - 1, known: -1 });
      i--;
      j--;
    } else if (step === 2) {
      steps.push({ page: i - 1, known: -1 });
      i--;
    } else {
      steps.push({ page: -1, known: j - 1 });
      j--;
    }
  }
  return steps.reverse();
}

function isCloseAlteration(steps: Step[], pageLength: number): boolean {
  let matched = 0;
  let knownTokens = 0;
  let run = 0;
  let longestRun = 0;
  for (const step of steps) {
    const same = step.page >= 0 && step.known >= 0;
    if (step.known >= 0) knownTokens++;
    if (same) matched++;
    run = same ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
  }
  const differs = matched < pageLength || matched < knownTokens;
  return (
    differs &&
    matched >= ALTERED_MIN_MATCHED &&
    longestRun >= ALTERED_MIN_RUN &&
    matched >= ALTERED_MIN_SHARE * pageLength &&
    matched >= ALTERED_MIN_SHARE * knownTokens
  );
}

// --- Diff ------------------------------------------------------------------------------------------------
/**
 * Pieces of an alignment. A page-side piece ('same', 'page') runs from its first token to the next page
 * token, so the page-side pieces put together are the page's text from its first token to its last; a
 * 'source' piece likewise runs to the next source token (or ends with its last token). In a differing
 * stretch the page's words come first, then the source's.
 */
function buildDiff(steps: Step[], page: Tokenised, known: Tokenised): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  const pageIndices = steps.filter((s) => s.page >= 0).map((s) => s.page);
  const knownIndices = steps.filter((s) => s.known >= 0).map((s) => s.known);
  const lastPage = pageIndices[pageIndices.length - 1];
  const lastKnown = knownIndices[knownIndices.length - 1];
  const pageUntil = (i: number) => (i === lastPage ? page.tokens[i].end : page.tokens[i + 1].start);
  const knownUntil = (j: number) => (j === lastKnown ? known.tokens[j].end : known.tokens[j + 1].start);
  let s = 0;
  while (s < steps.length) {
    const isSame = (step: Step) => step.page >= 0 && step.known >= 0;
    if (isSame(steps[s])) {
      const first = steps[s].page;
      while (s + 1 < steps.length && isSame(steps[s + 1])) s++;
      pieces.push({ kind: 'same', text: page.text.slice(page.tokens[first].start, pageUntil(steps[s].page)) });
      s++;
      continue;
    }
    let pageFrom = -1;
    let pageTo = -1;
    let knownFrom = -1;
    let knownTo = -1;
    for (; s < steps.length && !isSame(steps[s]); s++) {
      const { page: i, known: j } = steps[s];
      if (i >= 0) {
        if (pageFrom < 0) pageFrom = i;
        pageTo = i;
      }
      if (j >= 0) {
        if (knownFrom < 0) knownFrom = j;
        knownTo = j;
      }
    }
    if (pageFrom >= 0) pieces.push({ kind: 'page', text: page.text.slice(page.tokens[pageFrom].start, pageUntil(pageTo)) });
    if (knownFrom >= 0) pieces.push({ kind: 'source', text: known.text.slice(known.tokens[knownFrom].start, knownUntil(knownTo)) });
  }
  return pieces;
}

// --- The checker -----------------------------------------------------------------------------------------
/** The best match of the page quotation in one known quote; `containsAll`: the quote has every page token. */
function matchAgainst(page: Tokenised, quote: PreparedQuote, containsAll: boolean, allowAltered: boolean): Match | null {
  const n = page.tokens.length;
  if (containsAll) {
    const verbatim = verbatimSteps(page.tokens, quote.tokens);
    if (verbatim) return { kind: 'verbatim', quote, steps: verbatim, matched: n, differences: 0 };
    const shortened = shortenedSteps(page, quote.tokens);
    if (shortened && isPlausiblyShortened(shortened, page)) {
      return { kind: 'shortened', quote, steps: shortened, matched: n, differences: shortened.length - n };
    }
  }
  if (!allowAltered) return null;
  const steps = alignedSteps(page.tokens, quote.tokens);
  if (!isCloseAlteration(steps, n)) return null;
  const matched = steps.filter((s) => s.page >= 0 && s.known >= 0).length;
  return { kind: 'altered', quote, steps, matched, differences: steps.length - matched };
}

const KIND_RANK: Record<MatchKind, number> = { verbatim: 0, shortened: 1, altered: 2 };

/**
 * Preference: verbatim, then shortened, then altered; at the same kind the page's speaker first; then the
 * most matched tokens, the fewest differences, and the shortest known quote (the most specific one). So a
 * page's exact words found with another speaker (other-speaker) outrank a merely close match by its own.
 */
function isBetter(a: Match, b: Match, speakerId: string | undefined): boolean {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind];
  const aOwn = speakerId === undefined || a.quote.quote.speakerId === speakerId;
  const bOwn = speakerId === undefined || b.quote.quote.speakerId === speakerId;
  if (aOwn !== bOwn) return aOwn;
  if (a.matched !== b.matched) return a.matched > b.matched;
  if (a.differences !== b.differences) return a.differences < b.differences;
  return a.quote.tokens.length < b.quote.tokens.length;
}

/**
 * Prepares the known quotes once (tokenised, folded, an index from token to quotes so a check only aligns
 * against quotes sharing rare tokens); check() is then fast (pages may have dozens of quotations, the
 * library thousands of quotes).
 */
export function createQuoteChecker(known: readonly KnownQuote[]): QuoteChecker {
  const vocabulary = new Map<string, number>();
  const addKey = (key: string) => {
    let id = vocabulary.get(key);
    if (id === undefined) vocabulary.set(key, (id = vocabulary.size));
    return id;
  };
  const quotes: PreparedQuote[] = [];
  /** For each token id, the quotes that have it (each once). */
  const postings: number[][] = [];
  for (const quote of known) {
    const tokenised = tokenise(quote.text, addKey);
    if (tokenised.tokens.length === 0) continue;
    const index = quotes.length;
    quotes.push({ ...tokenised, quote });
    for (const id of new Set(tokenised.tokens.map((t) => t.id))) (postings[id] ??= []).push(index);
  }
  const shared = new Int32Array(quotes.length);
  const lookUp = (key: string) => vocabulary.get(key) ?? -1;

  /** Quotes that may match the page quotation, the most shared tokens first, with whether they have all. */
  function candidates(page: Tokenised): [PreparedQuote, boolean][] {
    const n = page.tokens.length;
    const distinct = [...new Set(page.tokens.map((t) => t.id))];
    const known = distinct.filter((id) => id >= 0);
    // Any match keeps at least 60% of the page's tokens (verbatim and shortened keep all), so it misses at
    // most `allowedMisses` token occurrences, hence at most that many distinct tokens: a quote sharing fewer
    // distinct tokens cannot match and is never aligned. Counting goes through the index (a typed array, so
    // even a common word's long list is cheap), and only quotes sharing tokens are ever touched.
    const allowedMisses = Math.floor((1 - ALTERED_MIN_SHARE) * n);
    const needed = Math.max(1, distinct.length - allowedMisses);
    const touched: number[] = [];
    for (const id of known) {
      for (const index of postings[id]) if (shared[index]++ === 0) touched.push(index);
    }
    const found: [PreparedQuote, number][] = [];
    for (const index of touched) {
      const quote = quotes[index];
      if (shared[index] >= needed && quote.family === page.family) found.push([quote, shared[index]]);
      shared[index] = 0;
    }
    found.sort((a, b) => b[1] - a[1]);
    return found.slice(0, MAX_ALIGNED).map(([quote, count]) => [quote, count === distinct.length]);
  }

  return {
    check(pageText: string, speakerId?: string): QuoteCheck | null {
      const page = tokenise(pageText, lookUp);
      if (!page.speech) return null;
      let best: Match | null = null;
      for (const [quote, containsAll] of candidates(page)) {
        const own = speakerId === undefined || quote.quote.speakerId === speakerId;
        // Another speaker's quote is only news when the page has the same words: no "altered" across speakers.
        const match = matchAgainst(page, quote, containsAll, own);
        if (match && (!best || isBetter(match, best, speakerId))) best = match;
      }
      if (!best) return null;
      const own = speakerId === undefined || best.quote.quote.speakerId === speakerId;
      const knownSteps = best.steps.filter((s) => s.known >= 0);
      const result: QuoteCheck = {
        verdict: own ? best.kind : 'other-speaker',
        known: best.quote.quote,
        knownStart: best.quote.tokens[knownSteps[0].known].start,
        knownEnd: best.quote.tokens[knownSteps[knownSteps.length - 1].known].end,
      };
      if (best.kind !== 'verbatim') result.diff = buildDiff(best.steps, page, best.quote);
      return result;
    },
  };
}
