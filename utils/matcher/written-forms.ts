// The ways a page writes one alias. Hyphen and space are one unit already (fold.ts); here an alias's
// separators become optional, so "Hugging Face" also reads "HuggingFace", "Kai-Fu Lee" "KaiFu Lee", "01.AI"
// "01AI" and "AI 联盟" "AI联盟". Only in that direction: a page that adds a separator an alias does not have
// writes other words ("open AI" is not OpenAI).

import { isCjkChar } from '../cjk';
import { isWordChar } from './boundaries';

// Separators a name may drop: spaces, hyphens, a full stop or a middle dot between two of its words (a full
// stop only between words of two letters or more).
const SEPARATOR = /[\s\-\u2010-\u2013\u2212\ufe63\uff0d.\u00b7\u30fb]+/gu;
// With more optional separators than this, only "all kept" and "all dropped" (2^n forms would grow the
// automaton for long names that pages do not write half-joined anyway).
const EVERY_SUBSET_UP_TO = 2;

function isLetterOrDigit(char: string): boolean {
  return isWordChar(char) || isCjkChar(char);
}

// An initialism's full stops stay: "U.S." written "US." is the word "us" in a headline as often as the country.
function isInitialismStop(alias: string, start: number, end: number): boolean {
  if (alias.slice(start, end) !== '.') return false;
  return !isLetterOrDigit(alias[start - 2] ?? '') || !isLetterOrDigit(alias[end + 1] ?? '');
}

/** The alias as written, then every form with some of its inner separators dropped. No duplicates. */
export function writtenForms(alias: string): string[] {
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
