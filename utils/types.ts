// The shapes that cross module boundaries: the hand-curated catalog, the built index and the compact
// matcher data a tab loads. The index shape is also described by data/index.schema.json.

export const ENTITY_TYPES = ['person', 'organization', 'model', 'product', 'publication', 'law', 'place', 'concept', 'event'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_TYPES = [
  'affiliated-with', // works for, leads, is part of
  'founded',
  'co-founded',
  'released',
  'developed',
  'uses',
  'banned',
  'member-of',
  'invested-in',
  'subsidiary-of',
  'appeared-on',
  'enacted',
  'licensed-under',
  'located-in',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** How an alias may be written on a page. */
export type AliasCase =
  /** Exactly as written, or in all capitals when the alias has several words ("KAI-FU LEE"). */
  | 'exact'
  /** Any capitalisation: for aliases that are never ordinary words. */
  | 'any';

export interface AliasRule {
  text: string;
  case?: AliasCase;
  /** Counts only after one of the entity's full (non-short) aliases appeared earlier in the same document. */
  short?: boolean;
  /** An ambiguous alias counts only when one of these words appears near it. */
  context?: string[];
  /** Longer names that contain this alias but mean something else ("Palo Alto Networks", "印度尼西亚"). */
  notIn?: string[];
}

/** A short verbatim passage a curator copied from a seed; the build finds where it stands. */
export interface CatalogPassage {
  text: string;
  /** Source id (the seed's file name without extension); optional when only one seed contains the text. */
  source?: string;
}

export interface CatalogRelation {
  type: RelationType;
  target: string;
  /** The verbatim seed passage that states the relation. */
  evidence: CatalogPassage;
}

export interface CatalogEntity {
  id: string;
  type: EntityType;
  names: { en: string; zh?: string };
  /** Further ways the entity is written. Both names are aliases already. */
  aliases?: (string | AliasRule)[];
  /** A verbatim seed passage that says who or what this is. */
  summary?: CatalogPassage;
  /** Further verbatim passages stating facts about the entity. */
  facts?: CatalogPassage[];
  relations?: CatalogRelation[];
}

export interface Catalog {
  entities: CatalogEntity[];
}

/** Where text stands in a source: UTF-16 offsets into `IndexSource.text`. */
export interface Locator {
  source: string;
  start: number;
  end: number;
}

/** A W3C TextQuoteSelector plus its position: enough to re-anchor if offsets drift. */
export interface TextQuote extends Locator {
  text: string;
  prefix: string;
  suffix: string;
}

export interface IndexQuote extends TextQuote {
  id: string;
  /** Entity id of the person who said it. */
  speaker: string;
  /** Entities the quote mentions, in order of first mention. */
  about: string[];
}

export interface IndexRelation {
  type: RelationType;
  target: string;
  evidence: TextQuote;
}

export interface IndexEntity {
  id: string;
  type: EntityType;
  /** Display name: English if there is one. */
  name: string;
  names: { en: string; zh?: string };
  aliases: NormalizedAlias[];
  summary?: TextQuote;
  facts: TextQuote[];
  mentions: Locator[];
  /** Sentences of the sources that mention this entity. */
  contexts: TextQuote[];
  related: IndexRelation[];
}

/** What a source states about itself, never invented: title, publisher, date (YYYY-MM-DD), language, web address. */
export interface SourceMetadata {
  title: string;
  publisher?: string;
  date?: string;
  lang: string;
  url?: string;
}

export interface IndexSource extends SourceMetadata {
  id: string;
  file: string;
  /** The text every offset of the index points into. */
  text: string;
  /** Paragraph spans of `text`. */
  paragraphs: [number, number][];
  /** When the user added it (ISO 8601); only the user's own sources have it. */
  addedAt?: string;
}

export interface GlossIndex {
  version: 1;
  sources: IndexSource[];
  entities: IndexEntity[];
  quotes: IndexQuote[];
}

/** What a tab needs to find mentions: aliases and their rules, nothing else of the index. */
export interface MatcherData {
  entities: { id: string; type: EntityType }[];
  aliases: MatcherAlias[];
  /**
   * The names compiled by the index build for exactly these aliases (data/matcher.json), so that a tab lays
   * the matcher out instead of building it; data combined with the user's names has none.
   */
  compiled?: CompiledNames;
}

/**
 * The trie of compileAutomaton as plain data, for JSON: the index build writes the bundled names' trie into
 * data/matcher.json, so that a tab skips folding, sorting and building it — code that runs once per tab, before
 * the JIT has optimised it, and was its largest start-up cost (BENCHMARKS.md).
 */
export interface CompiledTrie {
  /** How many patterns it was made from (createMatcher uses it only for as many forms). */
  patterns: number;
  /** Edge e's unit, as a string of UTF-16 units (edge e leads to state e + 1: states are numbered breadth-first). */
  units: string;
  /** Each state's number of children, as a string of char codes from '0' (children of successive states are successive). */
  children: string;
  /** How many states each depth has, from depth 1. */
  depthCounts: number[];
  /** Each group of patterns folded to one text: its state, then its patterns in index order. */
  groups: number[][];
}

/** What createMatcher makes of the aliases before any page is read (utils/matcher/matcher.ts, compiledNames). */
export interface CompiledNames {
  /** Every written form of every alias, in alias order: the automaton's patterns. */
  forms: string[];
  /** How many forms each alias has, as char codes from '0'. */
  formsPerAlias: string;
  trie: CompiledTrie;
}

/** An alias with its defaults filled in. */
export interface NormalizedAlias {
  text: string;
  case: AliasCase;
  short?: boolean;
  context?: string[];
  notIn?: string[];
}

export interface MatcherAlias extends NormalizedAlias {
  /** Index into MatcherData.entities. */
  entity: number;
  /** A longer name that only stops the entity's alias inside it from matching; never a mention itself. */
  block?: true;
}

/** How mentions are painted (settings → painter). */
export type HighlightStyle = 'background' | 'underline';
/** Every mention painted, or each entity's first only (settings → visibility). */
export type MentionMode = 'all' | 'first';
