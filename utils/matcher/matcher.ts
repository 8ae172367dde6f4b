// Finds entity mentions in text: the automaton proposes every alias occurrence, the catalog's rules accept
// or reject each one, and the longest accepted candidate wins where they overlap. The same code runs in the
// index build (Node) and in every tab, so a rule lives here once.
import type { MatcherAlias, MatcherData } from '../types';
import { compileAutomaton, scanAutomaton, type Automaton } from './automaton';
import { isOnBoundaries, isWordChar } from './boundaries';
import { foldText } from './fold';

/** How far (in UTF-16 units, each side) a context word may stand from an ambiguous alias. */
export const CONTEXT_WINDOW = 240;

export interface Matcher {
  data: MatcherData;
  automaton: Automaton;
  /** Per alias: its text folded with case kept, for the case rule. */
  exactForms: string[];
  /** Per alias: folded context words, or undefined. */
  contextWords: (string[] | undefined)[];
}

export interface Mention {
  start: number;
  end: number;
  /** Index into MatcherData.entities. */
  entity: number;
  /** Index into MatcherData.aliases. */
  alias: number;
}

/** What the rules remember across the texts of one document: which entities were named in full. */
export interface ScanState {
  namedInFull: Set<number>;
}

export function createScanState(): ScanState {
  return { namedInFull: new Set() };
}

export function createMatcher(data: MatcherData): Matcher {
  const automaton = compileAutomaton(data.aliases.map((alias) => alias.text));
  // Within a group of aliases folded to the same text, try the ones with context words first: they are the
  // more specific reading ("Mixture of Experts" the podcast, when "podcast" is near).
  for (const group of automaton.groups) {
    group.sort((a, b) => Number(!data.aliases[a].context) - Number(!data.aliases[b].context) || a - b);
  }
  return {
    data,
    automaton,
    exactForms: data.aliases.map((alias) => foldText(alias.text, true)),
    contextWords: data.aliases.map((alias) => alias.context?.map((word) => foldText(word)).filter(Boolean)),
  };
}

function hasSeveralWords(text: string): boolean {
  return text.includes(' ') || text.includes('-');
}

function caseMatches(matcher: Matcher, aliasIndex: number, found: string): boolean {
  const alias = matcher.data.aliases[aliasIndex];
  if (alias.case === 'any') return true;
  const exact = matcher.exactForms[aliasIndex];
  const written = foldText(found, true);
  if (written === exact) return true;
  // Headlines write names in capitals; a single capitalised word ("META", "THINK") is too often something else.
  return hasSeveralWords(exact) && written === exact.toUpperCase() && written !== exact.toLowerCase();
}

function containsWord(haystack: string, word: string): boolean {
  const latin = isWordChar(word[0] ?? '');
  for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
    if (!latin) return true;
    const before = haystack[at - 1] ?? '';
    const after = haystack[at + word.length] ?? '';
    if (!isWordChar(before) && !isWordChar(after)) return true;
  }
  return false;
}

function contextMatches(matcher: Matcher, aliasIndex: number, text: string, start: number, end: number): boolean {
  const words = matcher.contextWords[aliasIndex];
  if (!words) return true;
  const before = foldText(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
  const after = foldText(text.slice(end, end + CONTEXT_WINDOW));
  return words.some((word) => containsWord(before, word) || containsWord(after, word));
}

function accepts(matcher: Matcher, alias: MatcherAlias, aliasIndex: number, text: string, start: number, end: number, state: ScanState): boolean {
  if (alias.short && !state.namedInFull.has(alias.entity)) return false;
  if (!caseMatches(matcher, aliasIndex, text.slice(start, end))) return false;
  if (!isOnBoundaries(text, start, end)) return false;
  return contextMatches(matcher, aliasIndex, text, start, end);
}

interface Candidate {
  start: number;
  end: number;
  group: readonly number[];
}

/**
 * Mentions in `text`, in order, none overlapping. `state` carries what earlier texts of the same document
 * established (short forms count only after a full name), and is updated.
 */
export function findMentions(matcher: Matcher, text: string, state: ScanState = createScanState()): Mention[] {
  const candidates: Candidate[] = [];
  scanAutomaton(matcher.automaton, text, (start, end, group) => candidates.push({ start, end, group }));
  if (candidates.length === 0) return [];
  // Leftmost first, then longest: "DeepSeek-R1" over "DeepSeek", "IBM Think" over "IBM".
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);

  const mentions: Mention[] = [];
  let coveredUntil = 0;
  for (const candidate of candidates) {
    if (candidate.start < coveredUntil) continue;
    for (const aliasIndex of candidate.group) {
      const alias = matcher.data.aliases[aliasIndex];
      if (!accepts(matcher, alias, aliasIndex, text, candidate.start, candidate.end, state)) continue;
      coveredUntil = candidate.end;
      if (alias.block) break;
      mentions.push({ start: candidate.start, end: candidate.end, entity: alias.entity, alias: aliasIndex });
      if (!alias.short) state.namedInFull.add(alias.entity);
      break;
    }
  }
  return mentions;
}
