// Aho–Corasick over folded UTF-16 units. One pass over a text finds every occurrence of every pattern, so
// the cost of a page is linear in its length whatever the number of aliases. The compiled form is flat
// typed arrays (a sorted edge list per state), small in memory and cheap to serialise.
import { foldText, foldUnit, SKIP } from './fold';

export interface Automaton {
  /** Edges of state s are edgeChars/edgeTargets[edgeStart[s] .. edgeStart[s + 1]), sorted by char. */
  edgeStart: Uint32Array;
  edgeChars: Uint16Array;
  edgeTargets: Uint32Array;
  /** Direct successor of the root for ASCII units: the hottest lookup, made O(1). */
  rootAscii: Int32Array;
  fail: Uint32Array;
  /** Nearest state on the fail chain (this one included) that ends a pattern; -1 if none. */
  output: Int32Array;
  /** Next output state on the fail chain after this output state; -1 if none. */
  nextOutput: Int32Array;
  /** Length in folded units of the pattern ending at an output state. */
  depth: Uint32Array;
  /** For an output state: index into `groups` (the patterns folded to that same text). */
  groupOf: Int32Array;
  groups: number[][];
  /** Longest pattern, in folded units. */
  maxDepth: number;
}

/** Compiles patterns (raw alias texts) to an automaton; pattern i is reported as index i. */
export function compileAutomaton(patterns: readonly string[]): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const depthList: number[] = [0];
  const groupAt = new Map<number, number>();
  const groups: number[][] = [];

  patterns.forEach((pattern, patternIndex) => {
    const folded = foldText(pattern);
    if (folded.length === 0) return;
    let state = 0;
    for (let i = 0; i < folded.length; i++) {
      const unit = folded.charCodeAt(i);
      let next = children[state].get(unit);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        depthList.push(depthList[state] + 1);
        children[state].set(unit, next);
      }
      state = next;
    }
    let group = groupAt.get(state);
    if (group === undefined) {
      group = groups.length;
      groups.push([]);
      groupAt.set(state, group);
    }
    groups[group].push(patternIndex);
  });

  const stateCount = children.length;
  const edgeStart = new Uint32Array(stateCount + 1);
  let edgeCount = 0;
  for (let s = 0; s < stateCount; s++) {
    edgeStart[s] = edgeCount;
    edgeCount += children[s].size;
  }
  edgeStart[stateCount] = edgeCount;
  const edgeChars = new Uint16Array(edgeCount);
  const edgeTargets = new Uint32Array(edgeCount);
  for (let s = 0; s < stateCount; s++) {
    const sorted = [...children[s].entries()].sort((a, b) => a[0] - b[0]);
    let e = edgeStart[s];
    for (const [unit, target] of sorted) {
      edgeChars[e] = unit;
      edgeTargets[e] = target;
      e++;
    }
  }

  const fail = new Uint32Array(stateCount);
  const output = new Int32Array(stateCount).fill(-1);
  const nextOutput = new Int32Array(stateCount).fill(-1);
  const groupOf = new Int32Array(stateCount).fill(-1);
  for (const [state, group] of groupAt) groupOf[state] = group;

  const automaton: Automaton = {
    edgeStart,
    edgeChars,
    edgeTargets,
    rootAscii: new Int32Array(128).fill(0),
    fail,
    output,
    nextOutput,
    depth: Uint32Array.from(depthList),
    groupOf,
    groups,
    maxDepth: Math.max(0, ...depthList),
  };

  // Breadth-first, so every state's fail target is final before its children need it.
  const queue: number[] = [];
  for (let e = edgeStart[0]; e < edgeStart[1]; e++) {
    const child = edgeTargets[e];
    fail[child] = 0;
    queue.push(child);
    if (edgeChars[e] < 128) automaton.rootAscii[edgeChars[e]] = child;
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    output[state] = groupOf[state] >= 0 ? state : output[fail[state]];
    for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
      const child = edgeTargets[e];
      fail[child] = step(automaton, fail[state], edgeChars[e], state === 0);
      queue.push(child);
    }
  }
  for (let s = 1; s < stateCount; s++) {
    if (groupOf[s] >= 0) nextOutput[s] = output[fail[s]];
  }
  return automaton;
}

function findEdge(automaton: Automaton, state: number, unit: number): number {
  if (state === 0 && unit < 128) return automaton.rootAscii[unit] || -1;
  let low = automaton.edgeStart[state];
  let high = automaton.edgeStart[state + 1] - 1;
  const chars = automaton.edgeChars;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const c = chars[mid];
    if (c === unit) return automaton.edgeTargets[mid];
    if (c < unit) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

// `fromRoot` marks the fail computation of the root's own children, whose fail is always the root.
function step(automaton: Automaton, state: number, unit: number, fromRoot = false): number {
  if (fromRoot) return 0;
  for (;;) {
    const next = findEdge(automaton, state, unit);
    if (next >= 0) return next;
    if (state === 0) return 0;
    state = automaton.fail[state];
  }
}

/**
 * Reports every pattern occurrence in `text` as (start, end, group) with offsets into the original text.
 * Occurrences ending at the same place are reported longest first.
 */
export function scanAutomaton(
  automaton: Automaton,
  text: string,
  onMatch: (start: number, end: number, group: readonly number[]) => void,
): void {
  if (automaton.maxDepth === 0) return;
  // Original offsets of the last maxDepth units fed: a match's start even when units were skipped inside it.
  const ringSize = automaton.maxDepth + 1;
  const fedAt = new Int32Array(ringSize);
  let fedCount = 0;
  let state = 0;
  let lastWasSpace = true;
  const { output, nextOutput, depth, groupOf, groups } = automaton;
  for (let i = 0; i < text.length; i++) {
    const unit = foldUnit(text.charCodeAt(i));
    if (unit === SKIP) continue;
    if (unit === 0x20) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    fedAt[fedCount % ringSize] = i;
    fedCount++;
    state = step(automaton, state, unit);
    for (let o = output[state]; o >= 0; o = nextOutput[o]) {
      const start = fedAt[(fedCount - depth[o]) % ringSize];
      onMatch(start, i + 1, groups[groupOf[o]]);
    }
  }
}
