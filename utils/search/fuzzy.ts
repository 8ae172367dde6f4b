// Typo-tolerant matching with fuse's bitap, behind a bigram filter.
import Fuse, { type IFuseOptions } from 'fuse.js';

const FUSE_OPTIONS: IFuseOptions<string> = {
  includeMatches: true,
  // "okanohara" ends "daisukeokanohara": position says nothing.
  ignoreLocation: true,
  isCaseSensitive: true, // keys are lower case already; skips fuse's own lower-casing
  // About one typo per three or four characters: "deepsek", "mitsubshi", "qunatum" pass; "anita" does not
  // find "okanohara".
  threshold: 0.3,
};

/**
 * Strings to match fuzzily with fuse's bitap, behind a bigram filter. Bitap costs string length × allowed
 * typos for every string; the filter (the q-gram lemma: a match with k edits keeps at least m + 1 − 2(k + 1) of
 * the pattern's m − 1 bigrams) narrows 40,000 names to the few that could match before fuse looks at them.
 */
export interface FuzzySet {
  strings: string[];
  /** Bigram → indices of the strings containing it, ascending, each once. */
  bigrams: Map<string, number[]>;
}

export function fuzzySet(strings: string[]): FuzzySet {
  const bigrams = new Map<string, number[]>();
  strings.forEach((text, i) => {
    for (let at = 0; at + 1 < text.length; at++) {
      const gram = text.slice(at, at + 2);
      const list = bigrams.get(gram);
      if (!list) bigrams.set(gram, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { strings, bigrams };
}

interface FuzzyMatch {
  index: number;
  score: number;
  /** Matched ranges of the string, inclusive ends (fuse's form). */
  indices: readonly (readonly [number, number])[];
}

/** Fuse matches of `pattern` among the set's strings, best first. */
export function fuzzyFind(set: FuzzySet, pattern: string, limit: number): FuzzyMatch[] {
  const threshold = FUSE_OPTIONS.threshold ?? 0.3;
  const edits = Math.floor(threshold * pattern.length);
  const needed = pattern.length + 1 - 2 * (edits + 1);
  let candidates: Iterable<number>;
  // Fuse splits patterns over 32 characters into chunks and accepts a match of any one: the lemma for the
  // whole pattern would not hold.
  if (needed <= 0 || pattern.length > 32) {
    candidates = set.strings.keys();
  } else {
    // Count, per string, the pattern's bigram positions it contains (repeats count again: that only loosens).
    const counts = new Map<number, number>();
    for (let at = 0; at + 1 < pattern.length; at++) {
      for (const i of set.bigrams.get(pattern.slice(at, at + 2)) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    candidates = [...counts].filter(([, count]) => count >= needed).map(([i]) => i);
  }
  const matches: FuzzyMatch[] = [];
  for (const i of candidates) {
    const result = Fuse.match(pattern, set.strings[i], FUSE_OPTIONS);
    if (result.isMatch) matches.push({ index: i, score: result.score, indices: result.indices ?? [] });
  }
  return matches.sort((a, b) => a.score - b.score || a.index - b.index).slice(0, limit);
}
