// The ways a page writes one alias. Hyphen and space are one unit already (fold.ts); here an alias's
// separators become optional, so "Hugging Face" also reads "HuggingFace", "Kai-Fu Lee" "KaiFu Lee", "01.AI"
// "01AI" and "AI 联盟" "AI联盟". Only in that direction: a page that adds a separator an alias does not have
// writes other words ("open AI" is not OpenAI).
//
// This runs for every alias when a tab starts (tens of thousands with a user's own names), so it reads char
// codes by range, with no regular expression: a Unicode-property one would first have to be compiled
// (milliseconds each), and even a plain one made a match object per separator.

// With more optional separators than this, only "all kept" and "all dropped" (2^n forms would grow the
// automaton for long names that pages do not write half-joined anyway).
const EVERY_SUBSET_UP_TO = 2;

/** What /\s/ matches: white space and line terminators. */
function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

// Separators a name may drop: white space, hyphens and dashes (‐ ‑ ‒ – − ﹣ －), a full stop or a middle dot
// (· ・) between two of its words (a full stop only between words of two letters or more).
function isSeparator(code: number): boolean {
  if (code < 0x80) return code === 0x2d || code === 0x2e || code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    (code >= 0x2010 && code <= 0x2013) ||
    code === 0x2212 ||
    code === 0xfe63 ||
    code === 0xff0d ||
    code === 0xb7 ||
    code === 0x30fb ||
    isWhiteSpace(code)
  );
}

/** A letter, digit or ideograph of a name, by code ranges; false for NaN (before or after the text). */
function isLetterOrDigit(code: number): boolean {
  if (!(code >= 0)) return false;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code <= 0xbf) return false; // Latin-1 punctuation and symbols
  if (code >= 0x2000 && code <= 0x2bff) return false; // general punctuation, symbols, arrows
  if (code >= 0x3000 && code <= 0x303f) return code === 0x3005 || code === 0x3006; // CJK punctuation (々 〆 are letters)
  if (code >= 0xff00 && code <= 0xffef)
    return (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
  return !isWhiteSpace(code);
}

// An initialism's full stops stay: "U.S." written "US." is the word "us" in a headline as often as the country.
function isInitialismStop(alias: string, start: number, end: number): boolean {
  if (end - start !== 1 || alias.charCodeAt(start) !== 0x2e) return false;
  return !isLetterOrDigit(alias.charCodeAt(start - 2)) || !isLetterOrDigit(alias.charCodeAt(end + 1));
}

// The droppable separators of the alias at hand: gap i is alias[gapStart[i], gapEnd[i]).
const gapStart: number[] = [];
const gapEnd: number[] = [];

/** The alias as written, then every form with some of its inner separators dropped. No duplicates. */
export function writtenForms(alias: string): string[] {
  const forms: string[] = [];
  pushWrittenForms(alias, forms);
  return forms;
}

/** writtenForms(alias) pushed onto `forms` (no array per alias); returns how many. */
export function pushWrittenForms(alias: string, forms: string[]): number {
  // The droppable separators: maximal runs with a letter or digit on both sides.
  let gaps = 0;
  for (let i = 0; i < alias.length; i++) {
    if (!isSeparator(alias.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < alias.length && isSeparator(alias.charCodeAt(end))) end++;
    if (isLetterOrDigit(alias.charCodeAt(i - 1)) && isLetterOrDigit(alias.charCodeAt(end)) && !isInitialismStop(alias, i, end)) {
      gapStart[gaps] = i;
      gapEnd[gaps] = end;
      gaps++;
    }
    i = end;
  }
  forms.push(alias);
  if (gaps === 0) return 1;
  // Two forms cannot be the same: where their choices first differ, one has a separator and the other the
  // letter or digit after it.
  if (gaps > EVERY_SUBSET_UP_TO) {
    forms.push(dropping(alias, gaps, -1));
    return 2;
  }
  for (let drop = 1; drop < 1 << gaps; drop++) forms.push(dropping(alias, gaps, drop));
  return 1 << gaps;
}

/** The alias without the gaps whose bits are set in `drop` (−1: all of them). */
function dropping(alias: string, gaps: number, drop: number): string {
  let form = '';
  let from = 0;
  for (let g = 0; g < gaps; g++) {
    if (!(drop & (1 << g))) continue;
    form += alias.slice(from, gapStart[g]);
    from = gapEnd[g];
  }
  return form + alias.slice(from);
}
