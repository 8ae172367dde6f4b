// The ways a page writes one alias. Hyphen and space are one unit already (fold.ts); here an alias's
// separators become optional, so "Hugging Face" also reads "HuggingFace", "Kai-Fu Lee" "KaiFu Lee", "01.AI"
// "01AI" and "AI 联盟" "AI联盟". Only in that direction: a page that adds a separator an alias does not have
// writes other words ("open AI" is not OpenAI).

// Separators a name may drop: spaces, hyphens, a full stop or a middle dot between two of its words (a full
// stop only between words of two letters or more).
const SEPARATOR = /[\s\-\u2010-\u2013\u2212\ufe63\uff0d.\u00b7\u30fb]+/g;
// With more optional separators than this, only "all kept" and "all dropped" (2^n forms would grow the
// automaton for long names that pages do not write half-joined anyway).
const EVERY_SUBSET_UP_TO = 2;

// A letter, digit or ideograph of a name, by code ranges: this runs for every alias when a tab starts, where
// a Unicode-property regular expression would first have to be compiled (milliseconds each).
function isLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code <= 0xbf) return false; // Latin-1 punctuation and symbols
  if (code >= 0x2000 && code <= 0x2bff) return false; // general punctuation, symbols, arrows
  if (code >= 0x3000 && code <= 0x303f) return code === 0x3005 || code === 0x3006; // CJK punctuation (々 〆 are letters)
  if (code >= 0xff00 && code <= 0xffef)
    return (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
  return !/\s/.test(char);
}

// An initialism's full stops stay: "U.S." written "US." is the word "us" in a headline as often as the country.
function isInitialismStop(alias: string, start: number, end: number): boolean {
  if (alias.slice(start, end) !== '.') return false;
  return !isLetterOrDigit(alias[start - 2] ?? '') || !isLetterOrDigit(alias[end + 1] ?? '');
}

// Any separator at all (a quick test first: most aliases are one word and need no more).
const ANY_SEPARATOR = /[\s\-\u2010-\u2013\u2212\ufe63\uff0d.\u00b7\u30fb]/;

/** The alias as written, then every form with some of its inner separators dropped. No duplicates. */
export function writtenForms(alias: string): string[] {
  if (!ANY_SEPARATOR.test(alias)) return [alias];
  const gaps: { start: number; end: number }[] = [];
  for (const match of alias.matchAll(SEPARATOR)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isLetterOrDigit(alias[start - 1] ?? '') || !isLetterOrDigit(alias[end] ?? '')) continue;
    if (!isInitialismStop(alias, start, end)) gaps.push({ start, end });
  }
  if (gaps.length === 0) return [alias];
  const dropSets: number[] =
    gaps.length <= EVERY_SUBSET_UP_TO ? Array.from({ length: (1 << gaps.length) - 1 }, (_, i) => i + 1) : [(1 << gaps.length) - 1];
  const forms = new Set([alias]);
  for (const drop of dropSets) {
    let form = '';
    let from = 0;
    gaps.forEach((gap, i) => {
      if (!(drop & (1 << i))) return;
      form += alias.slice(from, gap.start);
      from = gap.end;
    });
    forms.add(form + alias.slice(from));
  }
  return [...forms];
}
