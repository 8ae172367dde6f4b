// Aho–Corasick over folded UTF-16 units. One pass over a text finds every occurrence of every pattern, so
// the cost of a page is linear in its length whatever the number of aliases. The compiled form is flat
// typed arrays (a sorted edge list per state), small in memory and cheap to serialise.
//
// Speed (measured in BENCHMARKS.md):
// - the root's transitions, where a scan spends most of its steps, are a two-level table over every UTF-16
//   unit, and the states one ASCII unit deep (the second step of every Latin word) have a dense ASCII row;
//   so do, in a large catalog, the next few levels (prose walks deeper into a trie of 100,000 names), in
//   rows over only the ASCII units the patterns use; deeper states binary-search their few edges;
// - states are numbered breadth-first, so the shallow states a scan visits all the time sit together in
//   memory, and what a step reads of a state (its edges, fail link, output) is packed in one place, and an
//   edge's target is implied by its position (no array of targets to read): with 100,000 aliases the
//   automaton is tens of MB and cache misses, not instructions, set the pace;
// - a scan writes its matches into a reusable buffer instead of allocating per match.
//
// Build (every tab, once, with the bundled names and the user's own: tens of thousands of aliases), mostly
// before the JIT has optimised it:
// - no string or object per pattern or state: the patterns are folded into one buffer, sorted there by an MSD
//   radix sort, and the trie is numbered breadth-first straight from the sorted order;
// - a state's fail link and output are made when a scan first reaches it (a page reaches few of a large
//   catalog's states), the dense states' at once;
// - each step is a small function with one long loop, optimised on the stack the first time it runs.
import type { CompiledTrie } from '../types';
import { foldUnit, SKIP } from './fold';

export interface Automaton {
  stateCount: number;
  /**
   * Per state s, at 4s: first edge, end of its edges (edgeChars, sorted by unit; edge e leads to state e + 1,
   * see buildTrie), fail state, and the nearest state on the fail chain (s included) that ends a pattern, or
   * -1. The last two are made when a scan first reaches the state (−2 until then; the dense and deep states' at
   * once): see link().
   */
  states: Int32Array;
  edgeChars: Uint16Array;
  /**
   * Successor of the root for any unit: rootTable[rootPages[unit >> 6] + (unit & 63)] when rootPages[unit >> 6]
   * is not -1 (otherwise the root). Only blocks of 64 units that some pattern starts in are allocated.
   */
  rootPages: Int32Array;
  rootTable: Uint32Array;
  /**
   * States 1..denseStates are the root's children by an ASCII unit and their children (breadth-first
   * numbering puts them first): the states a Latin word walks through on its first two letters.
   * denseAscii[(s − 1) × 128 + unit] is their full transition (fail links applied) for an ASCII unit; 16-bit
   * when every state number fits (a catalog of a few thousand aliases), to halve its size.
   */
  denseStates: number;
  denseAscii: Uint16Array | Uint32Array;
  /**
   * States denseStates + 1 up to deepEnd (excluded), in a large catalog: the next few levels (all their
   * states, whatever their first unit: a range is one comparison), as many as fit DEEP_ENTRIES_PER_STATE.
   * deepAscii[(s − denseStates − 1) × deepWidth + asciiClass[unit]] is their full transition for an ASCII unit.
   */
  deepEnd: number;
  deepAscii: Uint16Array | Uint32Array;
  /** Columns of a deep row. */
  deepWidth: number;
  /**
   * Column of each ASCII unit in a deep row: 1 + its rank among the ASCII units on some edge, or 0 for one on
   * none (from every state it leads to the root).
   */
  asciiClass: Uint8Array;
  /** Next output state on the fail chain after this output state; -1 if none (made with its fail link). */
  nextOutput: Int32Array;
  /** Depth of each state: for an output state, the length in folded units of the pattern ending there. */
  depth: Uint32Array;
  /** For an output state: index into `groups` (the patterns folded to that same text). */
  groupOf: Int32Array;
  groups: number[][];
  /** Longest pattern, in folded units. */
  maxDepth: number;
}

/**
 * Compiles patterns (raw alias texts) to an automaton; pattern i is reported as index i. `foldedLengths`, when
 * given, gets the length of each pattern once folded (0 for one that folds to nothing).
 */
export function compileAutomaton(patterns: readonly string[], foldedLengths?: Int32Array): Automaton {
  return automatonOfTrie(trieOf(patterns, foldedLengths));
}

// Child counts are stored from '0' on: JSON writes a control character as six.
const CHILD_COUNT_BASE = 0x30;

/** The trie of `patterns`, as the index build stores it. */
export function compileTrie(patterns: readonly string[]): CompiledTrie {
  const trie = trieOf(patterns);
  const { stateCount, edgeChars, lastChild, groupOf, groups, depth } = trie;
  let units = '';
  let children = '';
  let previousLast = 0;
  for (let e = 0; e < edgeChars.length; e++) units += String.fromCharCode(edgeChars[e]);
  for (let s = 0; s < stateCount; s++) {
    const count = lastChild[s] === 0 ? 0 : lastChild[s] - previousLast;
    if (lastChild[s] !== 0) previousLast = lastChild[s];
    children += String.fromCharCode(count + CHILD_COUNT_BASE);
  }
  const depthCounts = new Array<number>(trie.maxDepth).fill(0);
  for (let s = 1; s < stateCount; s++) depthCounts[depth[s] - 1]++;
  const stored: number[][] = [];
  for (let s = 0; s < stateCount; s++) if (groupOf[s] >= 0) stored[groupOf[s]] = [s, ...groups[groupOf[s]]];
  return { patterns: patterns.length, units, children, depthCounts, groups: stored };
}

/**
 * The automaton of a stored trie (compileTrie). `foldedLengths` gets each pattern's folded length, as
 * compileAutomaton gives it. The trie's arrays are copied: the automaton may be changed (createMatcher orders
 * groups), the data it came from is not.
 */
export function automatonFromTrie(stored: CompiledTrie, foldedLengths?: Int32Array): Automaton {
  const stateCount = stored.units.length + 1;
  const edgeChars = new Uint16Array(stateCount - 1);
  for (let e = 0; e < edgeChars.length; e++) edgeChars[e] = stored.units.charCodeAt(e);
  const lastChild = new Int32Array(stateCount);
  let edge = 0;
  for (let s = 0; s < stateCount; s++) {
    const count = stored.children.charCodeAt(s) - CHILD_COUNT_BASE;
    if (count > 0) lastChild[s] = edge += count;
  }
  const maxDepth = stored.depthCounts.length;
  const depth = new Uint32Array(stateCount);
  let at = 1;
  for (let d = 1; d <= maxDepth; d++) {
    depth.fill(d, at, at + stored.depthCounts[d - 1]);
    at += stored.depthCounts[d - 1];
  }
  const groupOf = new Int32Array(stateCount).fill(-1);
  const groups: number[][] = [];
  // Index loops, no destructuring: this runs once per tab, in the interpreter.
  for (let g = 0; g < stored.groups.length; g++) {
    const entry = stored.groups[g];
    const state = entry[0];
    groupOf[state] = g;
    groups.push(entry.slice(1));
    if (foldedLengths) for (let k = 1; k < entry.length; k++) foldedLengths[entry[k]] = depth[state];
  }
  return automatonOfTrie({ stateCount, edgeChars, lastChild, groupOf, groups, depth, maxDepth });
}

/** The trie as buildTrie makes it, before the automaton's tables. */
interface Trie {
  stateCount: number;
  edgeChars: Uint16Array;
  /** Per state, the number of its last child (0: none): its edges end there. */
  lastChild: Int32Array;
  groupOf: Int32Array;
  groups: number[][];
  depth: Uint32Array;
  maxDepth: number;
}

function trieOf(patterns: readonly string[], foldedLengths?: Int32Array): Trie {
  // Each step is a function of its own: a tab runs this once, mostly before the JIT has optimised it, and a
  // small function with one loop is optimised (on-stack) much sooner than one large function.
  const folded = foldPatterns(patterns, foldedLengths);
  const lcp = sortPatterns(folded);
  return buildTrie(folded, lcp);
}

function automatonOfTrie(trie: Trie): Automaton {
  const automaton = tablesOf(trie);
  // Fail links and outputs: those of the dense states now (their rows are made of them), the others' when a
  // scan first reaches them (link): a tab's pages reach few of the states of a large catalog.
  const { denseStates, deepEnd } = automaton;
  automaton.denseStates = 0; // no rows yet
  automaton.deepEnd = 0;
  for (let s = 1; s <= denseStates; s++) link(automaton, s);
  fillDenseRows(automaton, denseStates);
  automaton.denseStates = denseStates;
  fillDeepRows(automaton, deepEnd);
  automaton.deepEnd = deepEnd;
  return automaton;
}

/**
 * The patterns folded into one buffer, no string made: each pattern's length, its units, then −1 − its
 * index. So what a pattern has at some depth (a unit, or its end and which pattern it is) is one read.
 */
interface FoldedPatterns {
  texts: Int32Array;
  /** Where the units of each pattern that folds to some text start in `texts`: in index order, then sorted. */
  perm: Int32Array;
  /** How many of `perm` are in use. */
  live: number;
  maxDepth: number;
}

function foldPatterns(patterns: readonly string[], foldedLengths: Int32Array | undefined): FoldedPatterns {
  let total = 0;
  for (const pattern of patterns) total += pattern.length + 2;
  const texts = new Int32Array(total);
  const perm = new Int32Array(patterns.length);
  let live = 0;
  let written = 0;
  let maxDepth = 0;
  for (let i = 0; i < patterns.length; i++) {
    const start = written + 1;
    const end = foldPatternInto(patterns[i], texts, start);
    if (foldedLengths) foldedLengths[i] = end - start;
    if (end === start) continue; // folds to nothing
    texts[start - 1] = end - start;
    texts[end] = -1 - i;
    perm[live++] = start;
    written = end + 1;
    if (end - start > maxDepth) maxDepth = end - start;
  }
  return { texts, perm, live, maxDepth };
}

/**
 * Folds `pattern` as foldText does (lower case; skipped units dropped, spaces collapsed, no space at either
 * end) into `out` from `at`; returns the end. The scan's feeding step, for a pattern.
 */
function foldPatternInto(pattern: string, out: Int32Array, at: number): number {
  const start = at;
  let lastWasSpace = true;
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    const unit = code < 128 ? ASCII_FOLD[code] : foldUnit(code);
    if (unit === SKIP) continue;
    if (unit === 0x20) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else lastWasSpace = false;
    out[at++] = unit;
  }
  if (at > start && out[at - 1] === 0x20) at--;
  return at;
}

/**
 * Sorts the patterns by their folded texts (a prefix first, equal texts in index order) with an MSD radix
 * sort: each range of patterns that share a prefix is split by the unit after it. No string is compared or
 * made. Returns lcp: lcp[i] is how many units sorted pattern i shares with the one before it.
 */
function sortPatterns({ texts, perm, live }: FoldedPatterns): Int32Array {
  const lcp = new Int32Array(live);
  // Ranges still to split (disjoint, so no more than the patterns), and the depth they share.
  const rangeFrom = new Int32Array(live);
  const rangeTo = new Int32Array(live);
  const rangeDepth = new Int32Array(live);
  let pending = 0;
  if (live > 1) rangeTo[pending++] = live;
  while (pending > 0) {
    pending--;
    const from = rangeFrom[pending];
    const to = rangeTo[pending];
    const d = rangeDepth[pending];
    if (to - from === 2) {
      orderPair(perm, from, d, texts, lcp);
      continue;
    }
    if (to - from <= 16) sortFew(perm, from, to, d, texts);
    else sortMany(perm, from, to, d, texts);
    const before = lcp[from]; // with the pattern before the range: set by the range around it
    let at = from;
    while (at < to && texts[perm[at] + d] < 0) lcp[at++] = d; // the same text, ending here
    while (at < to) {
      const first = at;
      const unit = texts[perm[at] + d];
      lcp[at++] = d;
      while (at < to && texts[perm[at] + d] === unit) at++;
      if (at - first > 1) {
        rangeFrom[pending] = first;
        rangeTo[pending] = at;
        rangeDepth[pending++] = d + 1;
      }
    }
    lcp[from] = before;
  }
  return lcp;
}

/**
 * Two patterns that share `depth` units (most ranges: a name and its joined form, "Hugging Face" and
 * "HuggingFace"): ordered, and their lcp found, in one comparison rather than a split per shared unit.
 */
function orderPair(perm: Int32Array, from: number, depth: number, texts: Int32Array, lcp: Int32Array): void {
  const a = perm[from];
  const b = perm[from + 1];
  let k = depth;
  while (texts[a + k] === texts[b + k]) k++; // stops at the end of either: a pattern's index ends it
  // A pattern that ends first goes first; equal texts stay in index order.
  if (keyAt(texts, b + k) < keyAt(texts, a + k)) {
    perm[from] = b;
    perm[from + 1] = a;
  }
  lcp[from + 1] = k;
}

/**
 * The trie of the sorted patterns, as the automaton's arrays (fail links and dense rows not made yet).
 *
 * States are numbered breadth-first, and within a depth in the order of their texts: so each state's
 * children have consecutive numbers in increasing unit order, every state but the root is the target of
 * exactly one edge, laid out in target order (edge id − 1 leads to state id), and the states near the root
 * that a scan visits all the time sit together.
 */
function buildTrie(folded: FoldedPatterns, lcp: Int32Array): Trie {
  const firstOfDepth = depthStarts(folded, lcp);
  const stateCount = firstOfDepth[folded.maxDepth + 1];
  const depth = new Uint32Array(stateCount);
  for (let d = 1; d <= folded.maxDepth; d++) depth.fill(d, firstOfDepth[d], firstOfDepth[d + 1]);
  const { edgeChars, lastChild, groupOf, groups } = walkTrie(folded, lcp, firstOfDepth, stateCount);
  return { stateCount, edgeChars, lastChild, groupOf, groups, depth, maxDepth: folded.maxDepth };
}

/** The automaton's tables over a trie (fail links and dense rows not made yet). */
function tablesOf({ stateCount, edgeChars, lastChild, groupOf, groups, depth, maxDepth }: Trie): Automaton {
  const states = new Int32Array(4 * stateCount);
  edgeRanges(lastChild, states);

  // The root as a two-level table over all 65,536 units, in blocks of 64.
  const rootPages = new Int32Array(1024).fill(-1);
  let pages = 0;
  for (let e = states[0]; e < states[1]; e++) {
    const page = edgeChars[e] >>> 6;
    if (rootPages[page] < 0) rootPages[page] = 64 * pages++;
  }
  const rootTable = new Uint32Array(64 * pages);
  for (let e = states[0]; e < states[1]; e++) rootTable[rootPages[edgeChars[e] >>> 6] + (edgeChars[e] & 63)] = e + 1;
  let asciiRoots = 0;
  for (let e = states[0]; e < states[1] && edgeChars[e] < 128; e++) asciiRoots++;
  // Their children are numbered right after the root's children, from the first one on.
  const denseStates = asciiRoots === 0 ? 0 : states[4 * asciiRoots + 1];

  const asciiClass = new Uint8Array(128);
  for (let e = 0; e < edgeChars.length; e++) if (edgeChars[e] < 128) asciiClass[edgeChars[e]] = 1;
  let deepWidth = 1;
  for (let unit = 0; unit < 128; unit++) if (asciiClass[unit] !== 0) asciiClass[unit] = deepWidth++;
  const deepEnd = deepLevelsEnd(states, stateCount, asciiRoots, denseStates, deepWidth);

  return {
    stateCount,
    states,
    edgeChars,
    rootPages,
    rootTable,
    denseStates,
    denseAscii: stateCount <= 0xffff ? new Uint16Array(128 * (denseStates + 1)) : new Uint32Array(128 * (denseStates + 1)),
    deepEnd,
    deepAscii:
      stateCount <= 0xffff
        ? new Uint16Array(deepWidth * (deepEnd - denseStates - 1))
        : new Uint32Array(deepWidth * (deepEnd - denseStates - 1)),
    deepWidth,
    asciiClass,
    nextOutput: new Int32Array(stateCount).fill(-1),
    depth,
    groupOf,
    groups,
    maxDepth,
  };
}

/**
 * firstOfDepth[d]: the number of the first state of depth d (d up to maxDepth + 1, where it is the state
 * count). Sorted pattern i makes the states of its depths lcp[i] + 1 … its length.
 */
function depthStarts({ texts, perm, live, maxDepth }: FoldedPatterns, lcp: Int32Array): Int32Array {
  const firstOfDepth = new Int32Array(maxDepth + 2);
  for (let i = 0; i < live; i++) {
    const length = texts[perm[i] - 1];
    if (lcp[i] === length) continue; // the same text as the one before
    firstOfDepth[lcp[i] + 1]++;
    firstOfDepth[length + 1]--;
  }
  // The number of states of each depth, then where each depth starts.
  for (let d = 1; d <= maxDepth + 1; d++) firstOfDepth[d] += firstOfDepth[d - 1];
  let next = 1;
  for (let d = 1; d <= maxDepth + 1; d++) {
    const count = firstOfDepth[d];
    firstOfDepth[d] = next;
    next += count;
  }
  return firstOfDepth;
}

/**
 * Each sorted pattern walks down from the state it shares with the one before it (path[d]: the previous
 * pattern's state at depth d), numbering the states it adds; patterns folded to the same text end in the
 * same state and form one group, in index order.
 */
function walkTrie({ texts, perm, live, maxDepth }: FoldedPatterns, lcp: Int32Array, firstOfDepth: Int32Array, stateCount: number) {
  const next = firstOfDepth.slice(); // the next number of each depth
  const edgeChars = new Uint16Array(stateCount - 1);
  const lastChild = new Int32Array(stateCount); // 0: none (the root is nobody's child)
  const groupOf = new Int32Array(stateCount).fill(-1);
  const groups: number[][] = [];
  const path = new Int32Array(maxDepth + 1);
  for (let i = 0; i < live; i++) {
    const start = perm[i];
    const length = texts[start - 1];
    const pattern = -1 - texts[start + length];
    if (lcp[i] === length && i > 0) {
      groups[groups.length - 1].push(pattern);
      continue;
    }
    let state = path[lcp[i]];
    for (let d = lcp[i]; d < length; d++) {
      const child = next[d + 1]++;
      edgeChars[child - 1] = texts[start + d];
      lastChild[state] = child; // children are numbered in increasing order
      path[d + 1] = child;
      state = child;
    }
    groupOf[state] = groups.length;
    groups.push([pattern]);
  }
  return { edgeChars, lastChild, groupOf, groups };
}

/**
 * Each state's edge range in `states` (the children of successive states are successive, so are their
 * edges), the others not linked yet (the root is: no fail state, no output).
 */
function edgeRanges(lastChild: Int32Array, states: Int32Array): void {
  let edge = 0;
  for (let s = 0; s < lastChild.length; s++) {
    states[4 * s] = edge;
    if (lastChild[s] !== 0) edge = lastChild[s];
    states[4 * s + 1] = edge;
    states[4 * s + 3] = UNLINKED;
  }
  states[3] = -1;
}

/**
 * What deep rows may take in all, in entries per state of the automaton (which takes about 34 bytes a state).
 * With 100,000 synthetic aliases, three give three more levels (13 MB of rows, less the 5 MB of edge targets no
 * longer stored: the automaton 46 → 53 MB) and English prose scans about a tenth faster than with two.
 */
const DEEP_ENTRIES_PER_STATE = 3;

/**
 * The end of the deep rows' range: after denseStates, level by level (the children of the last level's
 * states with an ASCII first unit: successive states, so one range, and the first of their depth), up to
 * the end of the last level whose rows, and those of the states in between, fit the budget.
 */
function deepLevelsEnd(states: Int32Array, stateCount: number, asciiRoots: number, denseStates: number, width: number): number {
  let end = denseStates + 1;
  if (asciiRoots === 0) return end;
  // The level after the root's children by an ASCII unit: states[4] + 1 up to denseStates.
  let from = states[4] + 1;
  let to = denseStates + 1;
  while (from < to) {
    // The children of states [from, to) are the targets of their edges.
    const next = states[4 * (to - 1) + 1] + 1;
    from = states[4 * from] + 1;
    to = next;
    if (from >= to || (to - denseStates - 1) * width > DEEP_ENTRIES_PER_STATE * stateCount) break;
    end = to;
  }
  return end;
}

/** states[4s + 3] of a state whose fail link and output are not made yet. */
const UNLINKED = -2;

/**
 * Makes state s's fail link and output (states[4s + 2] and [4s + 3], nextOutput[s]), after its parent's and
 * its fail state's: the fail state is the parent's fail state's successor by s's unit. So the fail chain of
 * a linked state is linked, and a scan that follows fail links never meets a state that is not. Returns
 * states[4s + 3]. A stack, not recursion: the states a first link needs can be as many as the name is long.
 */
function link(automaton: Automaton, s: number): number {
  const { states, edgeChars, groupOf, nextOutput } = automaton;
  let top = 0;
  linkStack[top++] = s;
  while (top > 0) {
    const t = linkStack[top - 1];
    if (states[4 * t + 3] !== UNLINKED) {
      top--; // linked meanwhile
      continue;
    }
    // The parent first, then the fail state: both shallower, so this ends.
    const parent = parentOf(states, t);
    let needs = parent;
    let fail = 0;
    if (states[4 * parent + 3] !== UNLINKED) {
      fail = parent === 0 ? 0 : step(automaton, states[4 * parent + 2], edgeChars[t - 1]);
      needs = fail;
    }
    if (states[4 * needs + 3] === UNLINKED) {
      if (top === linkStack.length) {
        const bigger = new Int32Array(2 * top);
        bigger.set(linkStack);
        linkStack = bigger;
      }
      linkStack[top++] = needs;
      continue;
    }
    states[4 * t + 2] = fail;
    if (groupOf[t] >= 0) {
      states[4 * t + 3] = t;
      nextOutput[t] = states[4 * fail + 3];
    } else states[4 * t + 3] = states[4 * fail + 3];
    top--;
  }
  return states[4 * s + 3];
}
let linkStack = new Int32Array(64);

/** The state whose edges include edge s − 1 (edges are laid out by state): the last to start at or before it. */
function parentOf(states: Int32Array, s: number): number {
  let low = 0;
  let high = s - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (states[4 * mid] <= s - 1) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Dense ASCII rows: the full transition of each of states 1..denseStates, whose fail links are made. A
 * state's row is its fail state's row (the root's, or an earlier dense state's: the fail state is shallower)
 * with its own edges written over. Row 0 (at the end, so that state s keeps row s − 1) is the root's.
 */
function fillDenseRows(automaton: Automaton, denseStates: number): void {
  const { states, edgeChars, denseAscii } = automaton;
  const rootRow = 128 * denseStates;
  for (let unit = 0; unit < 128; unit++) denseAscii[rootRow + unit] = step(automaton, 0, unit);
  for (let s = 1; s <= denseStates; s++) {
    const row = (s - 1) * 128;
    const fail = states[4 * s + 2];
    const from = fail === 0 ? rootRow : (fail - 1) * 128;
    denseAscii.copyWithin(row, from, from + 128);
    for (let e = states[4 * s]; e < states[4 * s + 1] && edgeChars[e] < 128; e++) denseAscii[row + edgeChars[e]] = e + 1;
  }
}

/**
 * Deep rows: the full transition of each of states denseStates + 1 up to deepEnd, linked first, made as the
 * dense rows are (the fail state, shallower, has a row: a dense one is read by column's unit).
 */
function fillDeepRows(automaton: Automaton, deepEnd: number): void {
  const { states, edgeChars, denseStates, denseAscii, deepAscii, deepWidth: width, asciiClass } = automaton;
  const unitOf = new Uint8Array(width); // column 0 (a unit on no edge) stays 0: the root, from anywhere
  for (let unit = 0; unit < 128; unit++) if (asciiClass[unit] !== 0) unitOf[asciiClass[unit]] = unit;
  for (let s = denseStates + 1; s < deepEnd; s++) {
    link(automaton, s);
    const row = (s - denseStates - 1) * width;
    const fail = states[4 * s + 2];
    if (fail > denseStates) deepAscii.copyWithin(row, (fail - denseStates - 1) * width, (fail - denseStates) * width);
    else {
      const from = fail === 0 ? 128 * denseStates : (fail - 1) * 128;
      for (let c = 1; c < width; c++) deepAscii[row + c] = denseAscii[from + unitOf[c]];
    }
    for (let e = states[4 * s]; e < states[4 * s + 1] && edgeChars[e] < 128; e++) deepAscii[row + asciiClass[edgeChars[e]]] = e + 1;
  }
}

/**
 * Sorts perm[from, to) (pattern starts in `texts`) by each pattern's unit at `depth`, those that end there
 * first; stable, so the patterns of each child stay in index order. An insertion sort, for a few patterns
 * (most ranges). Apart from sortMany: one function with both would be optimised on the few it sees first,
 * then thrown back to the interpreter by every large range.
 */
function sortFew(perm: Int32Array, from: number, to: number, depth: number, texts: Int32Array): void {
  for (let k = from + 1; k < to; k++) {
    const p = perm[k];
    const key = keyAt(texts, p + depth);
    let j = k;
    for (; j > from && keyAt(texts, perm[j - 1] + depth) > key; j--) perm[j] = perm[j - 1];
    perm[j] = p;
  }
}

/**
 * sortFew for many patterns (the root's, a first letter's): a counting sort over the keys present. Its two
 * long loops are functions of their own, for the same reason: a loop optimised while it runs for the first
 * time (the root's patterns) must not be followed by code that has not run yet.
 */
function sortMany(perm: Int32Array, from: number, to: number, depth: number, texts: Int32Array): void {
  const n = to - from;
  if (sortKeys.length < n) {
    sortKeys = new Int32Array(Math.max(n, 2 * sortKeys.length));
    sorted = new Int32Array(sortKeys.length);
  }
  const present = keysPresent.subarray(0, countKeys(perm, from, to, depth, texts)).sort();
  let at = 0;
  for (const key of present) {
    const count = keyCount[key];
    keyCount[key] = at; // now where its patterns go
    at += count;
  }
  placeByKey(perm, from, n);
  perm.set(sorted.subarray(0, n), from);
  for (const key of present) keyCount[key] = 0;
}

/** sortKeys[k]: the key of perm[from + k]; counted in keyCount; each key seen listed once in keysPresent. */
function countKeys(perm: Int32Array, from: number, to: number, depth: number, texts: Int32Array): number {
  let distinct = 0;
  for (let k = from; k < to; k++) {
    const key = keyAt(texts, perm[k] + depth); // read once: the texts are spread over the buffer
    sortKeys[k - from] = key;
    if (keyCount[key]++ === 0) keysPresent[distinct++] = key;
  }
  return distinct;
}

/** Each of perm[from, from + n) into `sorted` where keyCount says its key goes next. */
function placeByKey(perm: Int32Array, from: number, n: number): void {
  for (let k = 0; k < n; k++) sorted[keyCount[sortKeys[k]]++] = perm[from + k];
}

/** The sort key of texts[at]: its unit + 1, or 0 where a pattern ends. */
function keyAt(texts: Int32Array, at: number): number {
  const unit = texts[at];
  return unit < 0 ? 0 : unit + 1;
}

// sortMany's scratch: the keys of a range, the range sorted, a count per key (a unit + 1, or 0), the keys seen.
let sortKeys = new Int32Array(1024);
let sorted = new Int32Array(1024);
const keyCount = new Int32Array(65_537);
const keysPresent = new Int32Array(65_537);

/** The state after feeding `unit` in `state` (goto, following fail links). */
function step(automaton: Automaton, state: number, unit: number): number {
  const { states, edgeChars, rootPages, rootTable, denseStates, denseAscii, deepEnd, deepAscii, deepWidth, asciiClass } = automaton;
  for (;;) {
    if (state === 0) {
      const page = rootPages[unit >>> 6];
      return page < 0 ? 0 : rootTable[page + (unit & 63)];
    }
    if (unit < 128) {
      if (state <= denseStates) return denseAscii[(state - 1) * 128 + unit];
      if (state < deepEnd) return deepAscii[(state - denseStates - 1) * deepWidth + asciiClass[unit]];
    }
    let low = states[4 * state];
    let high = states[4 * state + 1] - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const c = edgeChars[mid];
      if (c === unit) return mid + 1;
      if (c < unit) low = mid + 1;
      else high = mid - 1;
    }
    state = states[4 * state + 2];
  }
}

/**
 * Matches of one scan, three Int32 per match: start, end (offsets into the scanned text) and the output state
 * (its pattern group is automaton.groups[automaton.groupOf[state]]). Reused across scans: read it before
 * the next scan.
 */
export interface MatchBuffer {
  data: Int32Array;
  count: number;
}

export function createMatchBuffer(): MatchBuffer {
  return { data: new Int32Array(96), count: 0 };
}

// The unit the automaton sees for an ASCII unit: lower case, the five ASCII white-space controls and the hyphen
// as space. foldUnit's ASCII answers as a table for the hot loop (fold-copies.test.ts checks they agree).
export const ASCII_FOLD = new Uint16Array(128);
for (let u = 0; u < 128; u++) ASCII_FOLD[u] = u >= 0x41 && u <= 0x5a ? u + 0x20 : (u >= 0x09 && u <= 0x0d) || u === 0x2d ? 0x20 : u;

// Original offsets of the last units fed: a match's start even when units were skipped inside it.
let ring = new Int32Array(64);

/**
 * Writes every pattern occurrence in text[from, to) into `buffer` (emptied first), in order of their ends;
 * occurrences ending at the same place longest first. Offsets are into `text`.
 */
export function scanInto(automaton: Automaton, text: string, buffer: MatchBuffer, from = 0, to = text.length): number {
  buffer.count = 0;
  if (automaton.maxDepth === 0) return 0;
  let size = ring.length;
  while (size < automaton.maxDepth + 1) size *= 2;
  if (size !== ring.length) ring = new Int32Array(size);
  const fedAt = ring;
  const mask = size - 1;
  const { states, edgeChars, rootPages, rootTable, denseStates, denseAscii, deepEnd, deepAscii, deepWidth, asciiClass } = automaton;
  const { nextOutput, depth } = automaton;
  let data = buffer.data;
  let count = 0;
  let fedCount = 0;
  let state = 0;
  let lastWasSpace = true;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    let unit: number;
    if (code < 128) unit = ASCII_FOLD[code];
    else {
      unit = foldUnit(code);
      if (unit === SKIP) continue;
    }
    if (unit === 0x20) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    fedAt[fedCount & mask] = i;
    fedCount++;
    // step(), inlined.
    for (;;) {
      if (state === 0) {
        const page = rootPages[unit >>> 6];
        state = page < 0 ? 0 : rootTable[page + (unit & 63)];
        break;
      }
      if (unit < 128) {
        if (state <= denseStates) {
          state = denseAscii[(state - 1) * 128 + unit];
          break;
        }
        if (state < deepEnd) {
          state = deepAscii[(state - denseStates - 1) * deepWidth + asciiClass[unit]];
          break;
        }
      }
      let low = states[4 * state];
      let high = states[4 * state + 1] - 1;
      let next = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const c = edgeChars[mid];
        if (c === unit) {
          next = mid + 1; // edge e leads to state e + 1
          break;
        }
        if (c < unit) low = mid + 1;
        else high = mid - 1;
      }
      if (next >= 0) {
        state = next;
        break;
      }
      state = states[4 * state + 2];
    }
    let o = states[4 * state + 3];
    if (o === -1) continue; // most steps: no pattern ends here
    if (o === UNLINKED) o = link(automaton, state); // reached for the first time
    for (; o >= 0; o = nextOutput[o]) {
      if (count * 3 + 3 > data.length) {
        const bigger = new Int32Array(data.length * 2);
        bigger.set(data);
        data = buffer.data = bigger;
      }
      data[count * 3] = fedAt[(fedCount - depth[o]) & mask];
      data[count * 3 + 1] = i + 1;
      data[count * 3 + 2] = o;
      count++;
    }
  }
  buffer.count = count;
  return count;
}

const scratch = createMatchBuffer();

/**
 * Reports every pattern occurrence in `text` as (start, end, group) with offsets into the original text.
 * Occurrences ending at the same place are reported longest first.
 */
export function scanAutomaton(
  automaton: Automaton,
  text: string,
  onMatch: (start: number, end: number, group: readonly number[]) => void,
): void {
  const count = scanInto(automaton, text, scratch);
  // Copied out first: onMatch may scan again.
  const found = scratch.data.slice(0, count * 3);
  for (let m = 0; m < count; m++) onMatch(found[m * 3], found[m * 3 + 1], automaton.groups[automaton.groupOf[found[m * 3 + 2]]]);
}
