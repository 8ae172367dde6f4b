// Aho–Corasick over folded UTF-16 units. One pass over a text finds every occurrence of every pattern, so
// the cost of a page is linear in its length whatever the number of aliases. The compiled form is flat
// typed arrays (a sorted edge list per state), small in memory and cheap to serialise.
//
// Speed (measured in BENCHMARKS.md):
// - the root's transitions, where a scan spends most of its steps, are a two-level table over every UTF-16
//   unit, and the states one ASCII unit deep (the second step of every Latin word) have a dense ASCII row;
//   deeper states binary-search their few edges;
// - states are numbered breadth-first, so the shallow states a scan visits all the time sit together in
//   memory, and what a step reads of a state (its edges, fail link, output) is packed in one place: with
//   100,000 aliases the automaton is tens of MB and cache misses, not instructions, set the pace;
// - the trie is built from the sorted patterns (no Map per state), and a scan writes its matches into a
//   reusable buffer instead of allocating per match.
import { foldText, foldUnit, SKIP } from './fold';

export interface Automaton {
  stateCount: number;
  /**
   * Per state s, at 4s: first edge, end of its edges (edgeChars/edgeTargets, sorted by char), fail state,
   * and the nearest state on the fail chain (s included) that ends a pattern, or -1.
   */
  states: Int32Array;
  edgeChars: Uint16Array;
  edgeTargets: Uint32Array;
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
  /** Next output state on the fail chain after this output state; -1 if none. */
  nextOutput: Int32Array;
  /** Depth of each state: for an output state, the length in folded units of the pattern ending there. */
  depth: Uint32Array;
  /** For an output state: index into `groups` (the patterns folded to that same text). */
  groupOf: Int32Array;
  groups: number[][];
  /** Longest pattern, in folded units. */
  maxDepth: number;
}

/** Compiles patterns (raw alias texts) to an automaton; pattern i is reported as index i. */
export function compileAutomaton(patterns: readonly string[]): Automaton {
  // Patterns folded to the same text form one group (they end in the same state).
  const groupOfText = new Map<string, number[]>();
  let capacity = 1;
  let maxDepth = 0;
  patterns.forEach((pattern, index) => {
    const text = foldText(pattern);
    if (text.length === 0) return;
    const group = groupOfText.get(text);
    if (group) group.push(index);
    else {
      groupOfText.set(text, [index]);
      capacity += text.length;
      maxDepth = Math.max(maxDepth, text.length);
    }
  });
  // Sorted by UTF-16 units (the default sort), a text shares its longest possible prefix with the one before
  // it, and the states of each depth are created in the order of their prefixes: (parent's order, unit).
  const texts = [...groupOfText.keys()].sort();

  // The trie, in creation order.
  const parentOf = new Uint32Array(capacity);
  const unitOf = new Uint16Array(capacity);
  const depthOf = new Uint32Array(capacity);
  const terminalOf = new Int32Array(capacity).fill(-1);
  const perDepth = new Uint32Array(maxDepth + 2);
  const groups: number[][] = [];
  let stateCount = 1;
  const path = new Uint32Array(maxDepth + 1); // path[d]: the previous text's state at depth d
  let previous = '';
  for (const text of texts) {
    let common = 0;
    const limit = Math.min(text.length, previous.length);
    while (common < limit && text.charCodeAt(common) === previous.charCodeAt(common)) common++;
    let state = path[common];
    for (let d = common; d < text.length; d++) {
      const child = stateCount++;
      parentOf[child] = state;
      unitOf[child] = text.charCodeAt(d);
      depthOf[child] = d + 1;
      perDepth[d + 1]++;
      path[d + 1] = child;
      state = child;
    }
    terminalOf[state] = groups.length;
    groups.push(groupOfText.get(text)!);
    previous = text;
  }

  // Breadth-first numbering: a stable counting sort by depth. Within a depth, creation order is (parent's
  // order, unit), so each state's children get consecutive numbers in increasing unit order.
  const firstOfDepth = new Uint32Array(maxDepth + 2);
  for (let d = 1; d <= maxDepth + 1; d++) firstOfDepth[d] = firstOfDepth[d - 1] + (d === 1 ? 1 : perDepth[d - 1]);
  const renumber = new Uint32Array(stateCount);
  for (let s = 1; s < stateCount; s++) renumber[s] = firstOfDepth[depthOf[s]]++;

  const states = new Int32Array(4 * stateCount);
  const depth = new Uint32Array(stateCount);
  const groupOf = new Int32Array(stateCount).fill(-1);
  const edgeChars = new Uint16Array(stateCount - 1);
  const edgeTargets = new Uint32Array(stateCount - 1);
  // Every state but the root is the target of exactly one edge; edges are laid out in target order, which
  // groups them by parent (parents are numbered in the same order as their children).
  const childCount = new Uint32Array(stateCount);
  for (let s = 1; s < stateCount; s++) {
    const id = renumber[s];
    const parent = renumber[parentOf[s]];
    edgeChars[id - 1] = unitOf[s];
    edgeTargets[id - 1] = id;
    childCount[parent]++;
    depth[id] = depthOf[s];
    groupOf[id] = terminalOf[s];
  }
  let edge = 0;
  for (let s = 0; s < stateCount; s++) {
    states[4 * s] = edge;
    edge += childCount[s];
    states[4 * s + 1] = edge;
    states[4 * s + 3] = -1;
  }

  // The root as a two-level table over all 65,536 units, in blocks of 64.
  const rootPages = new Int32Array(1024).fill(-1);
  let pages = 0;
  for (let e = states[0]; e < states[1]; e++) {
    const page = edgeChars[e] >>> 6;
    if (rootPages[page] < 0) rootPages[page] = 64 * pages++;
  }
  const rootTable = new Uint32Array(64 * pages);
  for (let e = states[0]; e < states[1]; e++) rootTable[rootPages[edgeChars[e] >>> 6] + (edgeChars[e] & 63)] = edgeTargets[e];
  let asciiRoots = 0;
  for (let e = states[0]; e < states[1] && edgeChars[e] < 128; e++) asciiRoots++;
  // Their children are numbered right after the root's children, from the first one on.
  const denseStates = asciiRoots === 0 ? 0 : states[4 * asciiRoots + 1];

  const automaton: Automaton = {
    stateCount,
    states,
    edgeChars,
    edgeTargets,
    rootPages,
    rootTable,
    denseStates: 0, // no dense rows while the fail links are computed
    denseAscii: new Uint32Array(0),
    nextOutput: new Int32Array(stateCount).fill(-1),
    depth,
    groupOf,
    groups,
    maxDepth,
  };

  // Fail links and outputs in state order, which is breadth-first: a state's fail target (shallower) and
  // its parent are final before it.
  const parentId = new Uint32Array(stateCount);
  for (let s = 0; s < stateCount; s++) for (let e = states[4 * s]; e < states[4 * s + 1]; e++) parentId[edgeTargets[e]] = s;
  for (let s = 1; s < stateCount; s++) {
    const parent = parentId[s];
    const fail = parent === 0 ? 0 : step(automaton, states[4 * parent + 2], edgeChars[s - 1]);
    states[4 * s + 2] = fail;
    states[4 * s + 3] = groupOf[s] >= 0 ? s : states[4 * fail + 3];
  }
  for (let s = 1; s < stateCount; s++) {
    if (groupOf[s] >= 0) automaton.nextOutput[s] = states[4 * states[4 * s + 2] + 3];
  }

  // Dense ASCII rows: the full transition of each of those states. A state's row is its fail state's row
  // (the root's, or an earlier dense state's: the fail state is shallower) with its own edges written over.
  const denseAscii = stateCount <= 0xffff ? new Uint16Array(128 * (denseStates + 1)) : new Uint32Array(128 * (denseStates + 1));
  // Row 0 (at the end, so that state s keeps row s − 1) is the root's.
  const rootRow = 128 * denseStates;
  for (let unit = 0; unit < 128; unit++) denseAscii[rootRow + unit] = step(automaton, 0, unit);
  for (let s = 1; s <= denseStates; s++) {
    const row = (s - 1) * 128;
    const fail = states[4 * s + 2];
    const from = fail === 0 ? rootRow : (fail - 1) * 128;
    denseAscii.copyWithin(row, from, from + 128);
    for (let e = states[4 * s]; e < states[4 * s + 1] && edgeChars[e] < 128; e++) denseAscii[row + edgeChars[e]] = edgeTargets[e];
  }
  automaton.denseAscii = denseAscii;
  automaton.denseStates = denseStates;
  return automaton;
}

/** The state after feeding `unit` in `state` (goto, following fail links). */
function step(automaton: Automaton, state: number, unit: number): number {
  const { states, edgeChars, edgeTargets, rootPages, rootTable, denseStates, denseAscii } = automaton;
  for (;;) {
    if (state === 0) {
      const page = rootPages[unit >>> 6];
      return page < 0 ? 0 : rootTable[page + (unit & 63)];
    }
    if (state <= denseStates && unit < 128) return denseAscii[(state - 1) * 128 + unit];
    let low = states[4 * state];
    let high = states[4 * state + 1] - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const c = edgeChars[mid];
      if (c === unit) return edgeTargets[mid];
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
  const { states, edgeChars, edgeTargets, rootPages, rootTable, denseStates, denseAscii, nextOutput, depth } = automaton;
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
      if (state <= denseStates && unit < 128) {
        state = denseAscii[(state - 1) * 128 + unit];
        break;
      }
      let low = states[4 * state];
      let high = states[4 * state + 1] - 1;
      let next = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const c = edgeChars[mid];
        if (c === unit) {
          next = edgeTargets[mid];
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
    for (let o = states[4 * state + 3]; o >= 0; o = nextOutput[o]) {
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
