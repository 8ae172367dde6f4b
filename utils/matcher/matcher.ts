// Finds entity mentions in text: the automaton proposes every alias occurrence, the catalog's rules accept
// or reject each one, and the longest accepted candidate wins where they overlap. The same code runs in the
// index build (Node) and in every tab, so a rule lives here once.
import { hasCjk } from '../cjk';
import type { CompiledNames, CompiledTrie, MatcherAlias, MatcherData } from '../types';
import { automatonFromTrie, compileAutomaton, compileTrie, createMatchBuffer, scanInto, type Automaton } from './automaton';
import { isOnBoundaries, isWordChar, needsSegmentation, segmenterPending } from './boundaries';
import { foldText, foldTextWithOffsets, foldUnitKeepCase, SKIP } from './fold';
import { isNameInLongerToken } from './product-names';
import { pushWrittenForms } from './written-forms';

/** How far (in UTF-16 units, each side) a context word may stand from an ambiguous alias. */
export const CONTEXT_WINDOW = 240;
/** The longest text (a heading, a table cell, a list item) in which a confirmed entity carries its context. */
export const CARRY_UP_TO = 80;

export interface Matcher {
  data: MatcherData;
  /** Finds every written form of every alias; its pattern i is `forms[i].text`. */
  automaton: Automaton;
  forms: WrittenForm[];
  /** Per alias: folded context words, or undefined. */
  contextWords: (string[] | undefined)[];
}

/** One way a page writes an alias (writtenForms): what the automaton looks for and the case rule compares. */
export interface WrittenForm {
  /** Index into MatcherData.aliases. */
  alias: number;
  /** The form as written (writtenForms). */
  text: string;
  /**
   * The form folded with case kept; null until the case rule first reads it (spellCase): most forms of a
   * large catalog are never found, or their alias's case is 'any'.
   */
  exact: string | null;
  /**
   * Its exact form in capitals when it has several words and case matters (the headline rule), else '' (made
   * with `exact`).
   */
  headline: string;
  /**
   * Whether, once its context words have confirmed the entity in a document, the form needs them no more
   * there in a short text (CARRY_UP_TO): a README about the Allegro video model names "Allegro" in headings
   * and table cells, where no sentence has room for "video". Prose keeps needing them ("the finale, marked
   * Allegro con brio" on a page that also named the model). Not when another entity reads the same ("Mixture
   * of Experts" the podcast or the concept), nor for a two-letter word ("US" in "LET US KNOW").
   */
  carriesContext: boolean;
}

export interface Mention {
  start: number;
  end: number;
  /** Index into MatcherData.entities. */
  entity: number;
  /** Index into MatcherData.aliases. */
  alias: number;
}

/**
 * What the rules remember across the texts of one document: which entities were named in full, and which
 * were confirmed by their context words.
 */
export interface ScanState {
  namedInFull: Set<number>;
  confirmedByContext: Set<number>;
}

export function createScanState(): ScanState {
  return { namedInFull: new Set(), confirmedByContext: new Set() };
}

export function createMatcher(data: MatcherData): Matcher {
  // Plain loops, no closure per alias or group, and nothing made that a scan may never need: with a user's
  // own names this runs for tens of thousands of aliases when a tab starts.
  const { aliases } = data;
  // The bundled names come compiled by the index build (compiledNames): a tab only lays them out.
  const compiled = laidOutForms(data);
  const { texts, aliasOf } = compiled ?? writtenFormsOf(data);
  // Folded with case kept, a form has the length the automaton folds it to (both folds skip and collapse
  // the same units).
  const foldedLength = new Int32Array(texts.length);
  const automaton = compiled ? automatonFromTrie(compiled.trie, foldedLength) : compileAutomaton(texts, foldedLength);
  const forms: WrittenForm[] = [];
  for (let i = 0; i < texts.length; i++) {
    forms.push({ alias: aliasOf[i], text: texts[i], exact: null, headline: '', carriesContext: foldedLength[i] > 2 });
  }
  for (const group of automaton.groups) {
    if (group.length === 1) continue;
    const entity = aliases[forms[group[0]].alias].entity;
    let soleEntity = true;
    let someContext = false;
    for (const form of group) {
      if (aliases[forms[form].alias].entity !== entity) soleEntity = false;
      if (aliases[forms[form].alias].context) someContext = true;
    }
    if (!soleEntity) for (const form of group) forms[form].carriesContext = false;
    // Within a group of forms folded to the same text, try the ones with context words first: they are the
    // more specific reading ("Mixture of Experts" the podcast, when "podcast" is near). A group is in index
    // order already.
    if (someContext) group.sort((a, b) => contextLast(data, forms, a) - contextLast(data, forms, b) || a - b);
  }
  return {
    data,
    automaton,
    forms,
    contextWords: aliases.map((alias) => alias.context?.map((word) => foldText(word)).filter(Boolean)),
  };
}

/** Every written form of every alias (the automaton's patterns, in this order), and the alias of each. */
function writtenFormsOf({ aliases }: MatcherData): { texts: string[]; aliasOf: number[] } {
  const texts: string[] = [];
  const aliasOf: number[] = [];
  for (let alias = 0; alias < aliases.length; alias++) {
    for (let n = pushWrittenForms(aliases[alias].text, texts); n > 0; n--) aliasOf.push(alias);
  }
  return { texts, aliasOf };
}

// Form counts are stored from '0' on: JSON writes a control character as six.
const FORM_COUNT_BASE = 0x30;

/** These names compiled, for the index build to store with them (MatcherData.compiled). */
export function compiledNames(data: MatcherData): CompiledNames {
  const { texts, aliasOf } = writtenFormsOf(data);
  const perAlias = new Array<number>(data.aliases.length).fill(0);
  for (const alias of aliasOf) perAlias[alias]++;
  return {
    forms: texts,
    formsPerAlias: perAlias.map((count) => String.fromCharCode(count + FORM_COUNT_BASE)).join(''),
    trie: compileTrie(texts),
  };
}

/**
 * The forms and trie compiled with `data`, when they are for its aliases as far as counts tell: one count per
 * alias, adding up to as many forms and trie patterns. The index build writes them with their aliases (its test
 * fails when data/matcher.json is stale) and nothing else makes them: combined and stored names have none.
 */
function laidOutForms({ aliases, compiled }: MatcherData): { texts: string[]; aliasOf: number[]; trie: CompiledTrie } | undefined {
  if (!compiled || compiled.formsPerAlias.length !== aliases.length) return undefined;
  const aliasOf: number[] = [];
  for (let alias = 0; alias < aliases.length; alias++) {
    for (let n = compiled.formsPerAlias.charCodeAt(alias) - FORM_COUNT_BASE; n > 0; n--) aliasOf.push(alias);
  }
  if (aliasOf.length !== compiled.forms.length || aliasOf.length !== compiled.trie.patterns) return undefined;
  return { texts: compiled.forms.slice(), aliasOf, trie: compiled.trie };
}

function contextLast(data: MatcherData, forms: WrittenForm[], form: number): number {
  return Number(!data.aliases[forms[form].alias].context);
}

/** Fills in a form's exact and headline spellings, the first time the case rule reads them; returns exact. */
function spellCase(form: WrittenForm): string {
  const exact = foldText(form.text, true);
  // A form that is its own lower case (no letters to capitalise) has no headline spelling.
  if (exact.includes(' ')) {
    const upper = exact.toUpperCase();
    if (upper !== exact.toLowerCase()) form.headline = upper;
  }
  form.exact = exact;
  return exact;
}

/**
 * Whether text[start, end) folds (case kept) to exactly `expected`: foldText's step inlined, with no string
 * made per candidate (fold-copies.test.ts ties it to foldText).
 */
export function foldedEquals(text: string, start: number, end: number, expected: string): boolean {
  let j = 0;
  let lastWasSpace = true;
  for (let i = start; i < end; i++) {
    const unit = foldUnitKeepCase(text.charCodeAt(i));
    if (unit === SKIP) continue;
    if (unit === 0x20) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    if (j >= expected.length || expected.charCodeAt(j) !== unit) return false;
    j++;
  }
  return j === expected.length;
}

function caseMatches(form: WrittenForm, alias: MatcherAlias, text: string, start: number, end: number): boolean {
  if (alias.case === 'any') return true;
  if (foldedEquals(text, start, end, form.exact ?? spellCase(form))) return true;
  // Headlines write names in capitals; a single capitalised word ("META", "THINK") is too often something else.
  return form.headline !== '' && foldedEquals(text, start, end, form.headline);
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

/** A text folded as foldText folds it, with where each original offset lands in the folded text. */
interface FoldedText {
  text: string;
  folded: string;
  /** at[i]: length of the folded text made of text[0, i). */
  at: Int32Array;
}

// The last text whose context was read: a paragraph's candidates share it, so it is folded once, not twice
// per candidate (most of the cost of ambiguous names on a long page).
let lastFolded: FoldedText | null = null;

function foldedWithOffsets(text: string): FoldedText {
  if (lastFolded && lastFolded.text === text) return lastFolded;
  lastFolded = { text, ...foldTextWithOffsets(text) };
  return lastFolded;
}

function contextMatches(words: string[], text: string, start: number, end: number): boolean {
  // The same windows foldText(text.slice(…)) would give, up to a space at their edges (never part of a word).
  const { folded, at } = foldedWithOffsets(text);
  const before = folded.slice(at[Math.max(0, start - CONTEXT_WINDOW)], at[start]);
  const after = folded.slice(at[end], at[Math.min(text.length, end + CONTEXT_WINDOW)]);
  return words.some((word) => containsWord(before, word) || containsWord(after, word));
}

function accepts(matcher: Matcher, form: WrittenForm, text: string, start: number, end: number, state: ScanState): boolean {
  const alias = matcher.data.aliases[form.alias];
  if (alias.short && !state.namedInFull.has(alias.entity)) return false;
  if (!caseMatches(form, alias, text, start, end)) return false;
  if (!isOnBoundaries(text, start, end)) {
    const type = matcher.data.entities[alias.entity].type;
    if (!isNameInLongerToken(text, start, end, type, alias.text)) return false;
  }
  const words = matcher.contextWords[form.alias];
  if (!words) return true;
  if (form.carriesContext && text.length <= CARRY_UP_TO && state.confirmedByContext.has(alias.entity)) return true;
  if (!contextMatches(words, text, start, end)) return false;
  state.confirmedByContext.add(alias.entity);
  return true;
}

// Reused by every call: candidates are read out before findMentions returns.
const found = createMatchBuffer();
let order = new Int32Array(64);

/**
 * Mentions in `text`, in order, none overlapping. `state` carries what earlier texts of the same document
 * established (short forms count only after a full name), and is updated.
 */
export function findMentions(matcher: Matcher, text: string, state: ScanState = createScanState()): Mention[] {
  const { automaton } = matcher;
  const count = scanInto(automaton, text, found);
  if (count === 0) return [];
  const data = found.data;
  // Leftmost first, then longest: "DeepSeek-R1" over "DeepSeek", "IBM Think" over "IBM". The scan gives them
  // by end; an insertion sort of indices is quick for the few a run has.
  if (order.length < count) order = new Int32Array(Math.max(count, order.length * 2));
  const before = (a: number, b: number) => data[a * 3] < data[b * 3] || (data[a * 3] === data[b * 3] && data[a * 3 + 1] > data[b * 3 + 1]);
  if (count <= 48) {
    for (let m = 0; m < count; m++) {
      let k = m;
      while (k > 0 && before(m, order[k - 1])) {
        order[k] = order[k - 1];
        k--;
      }
      order[k] = m;
    }
  } else {
    const sorted = Array.from({ length: count }, (_, m) => m).sort(
      (a, b) => data[a * 3] - data[b * 3] || data[b * 3 + 1] - data[a * 3 + 1] || a - b,
    );
    order.set(sorted);
  }

  const mentions: Mention[] = [];
  let coveredUntil = 0;
  for (let k = 0; k < count; k++) {
    const m = order[k];
    const start = data[m * 3];
    if (start < coveredUntil) continue;
    const end = data[m * 3 + 1];
    const group = automaton.groups[automaton.groupOf[data[m * 3 + 2]]];
    for (const formIndex of group) {
      const form = matcher.forms[formIndex];
      if (!accepts(matcher, form, text, start, end, state)) continue;
      const alias = matcher.data.aliases[form.alias];
      coveredUntil = end;
      if (alias.block) break;
      mentions.push({ start, end, entity: alias.entity, alias: form.alias });
      if (!alias.short) state.namedInFull.add(alias.entity);
      break;
    }
  }
  return mentions;
}

/**
 * Whether matching `text` would make the word segmenter for the first time (a candidate with CJK on both
 * sides of an edge): a caller working in slices then gives that step a task of its own (prepareSegmenter).
 */
export function wouldPrepareSegmenter(matcher: Matcher, text: string): boolean {
  if (!segmenterPending() || !hasCjk(text)) return false;
  const count = scanInto(matcher.automaton, text, found);
  for (let m = 0; m < count; m++) {
    if (needsSegmentation(text, found.data[m * 3], found.data[m * 3 + 1])) return true;
  }
  return false;
}
