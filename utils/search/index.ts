// Popup search over the bundled index: entity names and aliases, summaries and facts, and quotes.
//
// Everything is compared on a normalised key (NFKC, lower case, no spaces, hyphens, dots or middle dots), so
// "kaifu lee", "Kai-Fu Lee" and "KAIFU-LEE" are the same string and full-width Latin equals half-width.
// Ranking is ours, in tiers, rather than fuse's multiplied per-field scores, which let an entity with many
// similar aliases outrank the exact name:
//   0   a name or alias equals the query       3  a name or alias matches fuzzily (fuse)
//   1   a name or alias starts with it         4  a summary or fact contains it
//   2   a name or alias contains it at a word  5  a summary or fact matches fuzzily, word by word
//   2.5 … or inside a word
// Quotes are their own group: 0 contains the query, 1 fuzzy.
//
// Cost per keystroke: the exact passes are `includes` scans over prepared keys — the only thing that works for
// short CJK queries anyway (a 2-character bitap pattern allows no typo). Fuse runs over names (short) and over
// the distinct words of the long texts, never over the long texts themselves: bitap costs text length × allowed
// errors, which at 10,000 entities was ~300 ms a keystroke. A pass is skipped when better tiers already fill
// the page.
import { hasCjk } from '../cjk';
import type { EntityType, GlossIndex } from '../types';
import { fuzzyFind, fuzzySet, type FuzzySet } from './fuzzy';
import { snippet, type Highlighted } from './highlight';
import { keyOf, toTextRanges, wordStarts } from './keys';

export interface Hit {
  kind: 'entity' | 'quote';
  /** The entity's id, or the quote's id. */
  id: string;
  /** The entity the hit opens: the entity itself, or the quote's speaker. */
  entityId: string;
  /** That entity's type (for its colour). */
  type: EntityType;
  /** Entity: its display name. Quote: an excerpt of the quote around the match. */
  label: Highlighted;
  /** Entity: what matched if not the display name (another name, an alias, a passage excerpt), else its Chinese
   *  name if it has one. Quote: the speaker's name. */
  detail?: Highlighted;
  /** Lower is better; comparable within a group only. */
  score: number;
}

export interface SearchHits {
  entities: Hit[];
  quotes: Hit[];
}

type SearchFn = (query: string, limit?: number) => SearchHits;

const DEFAULT_LIMIT = 8;
/** Longer queries are cut: nobody types a paragraph into a popup, and bitap patterns are chunked at 32. */
const MAX_QUERY_KEY = 64;
/** Shortest Latin word that goes fuzzy: at 0.3 a 3-letter word allows no typo anyway. */
const MIN_FUZZY = 4;
/** How many similar vocabulary words one query word may stand for. */
const MAX_WORD_VARIANTS = 24;

type Field = 'name' | 'alias' | 'summary' | 'fact' | 'quote';
/** Added to a hit's in-tier score, so names > aliases > summaries > facts when matches are equally good. */
const FIELD_PENALTY: Record<Field, number> = { name: 0, alias: 0.05, summary: 0.1, fact: 0.15, quote: 0 };

interface KeyedText {
  /** Index into GlossIndex.entities (for quotes: the speaker's). */
  entity: number;
  field: Field;
  /** The original string. */
  text: string;
  /** keyOf(text) */
  key: string;
  lang?: string;
}

interface QuoteRecord extends KeyedText {
  /** Index into GlossIndex.quotes. */
  quote: number;
}

/** What prepareSearch builds once per index; runSearch only reads it. */
export interface PreparedSearch {
  index: GlossIndex;
  names: KeyedText[];
  /** Per name record: key offsets where a word begins (so "lee" in "kaifulee" beats "lee" in "ashlee"). */
  nameWordStarts: number[][];
  passages: KeyedText[];
  quotes: QuoteRecord[];
  /** Name keys, for typo-tolerant matching. */
  namesFuzzy: FuzzySet;
  /** Distinct words of passages and quotes (non-CJK scripts), for typo-tolerant matching of long text. */
  words: string[];
  wordsFuzzy: FuzzySet;
  /** Per word: indices into `passages` / `quotes` that contain it, ascending. */
  wordPassages: number[][];
  wordQuotes: number[][];
}

/** Words of scripts that separate words with spaces; CJK runs are left to the substring passes. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function prepareSearch(index: GlossIndex): PreparedSearch {
  const names: KeyedText[] = [];
  const nameWordStarts: number[][] = [];
  const passages: KeyedText[] = [];
  const quotes: QuoteRecord[] = [];
  const entityById = new Map<string, number>();
  const sourceLang = new Map(index.sources.map((source) => [source.id, source.lang]));

  index.entities.forEach((entity, e) => {
    entityById.set(entity.id, e);
    const seen = new Set<string>();
    const addName = (text: string | undefined, field: Field, lang?: string) => {
      if (!text) return;
      const key = keyOf(text);
      if (!key || seen.has(key)) return;
      seen.add(key);
      names.push({ entity: e, field, text, key, lang });
      nameWordStarts.push(wordStarts(text));
    };
    addName(entity.name, 'name');
    addName(entity.names.en, 'name', 'en');
    addName(entity.names.zh, 'name', 'zh-CN');
    for (const alias of entity.aliases) addName(alias.text, 'alias');

    for (const [field, passage] of [['summary', entity.summary] as const, ...entity.facts.map((fact) => ['fact', fact] as const)]) {
      if (passage?.text) {
        const lang = sourceLang.get(passage.source);
        passages.push({ entity: e, field, text: passage.text, key: keyOf(passage.text), lang });
      }
    }
  });

  index.quotes.forEach((quote, q) => {
    const speaker = entityById.get(quote.speaker);
    if (speaker === undefined) return; // nothing to open
    const lang = sourceLang.get(quote.source);
    quotes.push({ entity: speaker, quote: q, field: 'quote', text: quote.text, key: keyOf(quote.text), lang });
  });

  const wordIds = new Map<string, number>();
  const wordPassages: number[][] = [];
  const wordQuotes: number[][] = [];
  const collect = (records: KeyedText[], postings: number[][], other: number[][]) => {
    records.forEach((record, r) => {
      for (const word of new Set(record.text.normalize('NFKC').toLowerCase().match(WORD) ?? [])) {
        if (word.length < MIN_FUZZY - 1 || hasCjk(word)) continue;
        let id = wordIds.get(word);
        if (id === undefined) {
          id = wordIds.size;
          wordIds.set(word, id);
          postings.push([]);
          other.push([]);
        }
        postings[id].push(r);
      }
    });
  };
  collect(passages, wordPassages, wordQuotes);
  collect(quotes, wordQuotes, wordPassages);
  const words = [...wordIds.keys()];

  return {
    index,
    names,
    nameWordStarts,
    passages,
    quotes,
    namesFuzzy: fuzzySet(names.map((name) => name.key)),
    words,
    wordsFuzzy: fuzzySet(words),
    wordPassages,
    wordQuotes,
  };
}

interface Candidate<R extends KeyedText = KeyedText> {
  record: R;
  score: number;
  /** Matched ranges on record.key, inclusive ends as fuse gives them; computed for shown hits only. */
  keyRanges: () => [number, number][];
}

/** One keystroke. Pure. */
export function runSearch(prepared: PreparedSearch, query: string, limit = DEFAULT_LIMIT): SearchHits {
  const queryKey = keyOf(query).slice(0, MAX_QUERY_KEY);
  if (!queryKey || limit <= 0) return { entities: [], quotes: [] };
  const cjk = hasCjk(queryKey);
  // CJK names are words of 2–4 characters where one wrong character is usually another word; only longer
  // CJK queries go fuzzy (and only against names: long CJK text has no words to compare).
  const fuzzy = queryKey.length >= (cjk ? 4 : MIN_FUZZY);
  const exactRanges = (key: string) => () => allOccurrences(key, queryKey);

  // Best candidate per entity.
  const best = new Map<number, Candidate>();
  const offer = (candidate: Candidate) => {
    const current = best.get(candidate.record.entity);
    if (!current || candidate.score < current.score) best.set(candidate.record.entity, candidate);
  };

  prepared.names.forEach((record, r) => {
    const at = record.key.indexOf(queryKey);
    if (at < 0) return;
    const tier = record.key.length === queryKey.length ? 0 : at === 0 ? 1 : prepared.nameWordStarts[r].includes(at) ? 2 : 2.5;
    offer({ record, score: tier + inTier(record, 0, queryKey), keyRanges: exactRanges(record.key) });
  });

  // Each later pass ranks strictly below the earlier ones: once the page is full it can't change it.
  if (fuzzy && best.size < limit && prepared.names.length) {
    for (const match of fuzzyFind(prepared.namesFuzzy, queryKey, limit * 4)) {
      const record = prepared.names[match.index];
      offer({ record, score: 3 + inTier(record, match.score, queryKey), keyRanges: () => fuseRanges(match.indices) });
    }
  }

  if (best.size < limit) {
    for (const record of prepared.passages) {
      if (record.key.includes(queryKey)) {
        offer({ record, score: 4 + inTier(record, 0, queryKey), keyRanges: exactRanges(record.key) });
      }
    }
  }

  if (best.size < limit) {
    for (const { record: r, score, keyRanges } of fuzzyText(prepared, query, 'passages')) {
      const record = prepared.passages[r];
      offer({ record, score: 5 + inTier(record, score, queryKey), keyRanges });
    }
  }

  const entities = [...best.values()]
    .sort((a, b) => a.score - b.score || a.record.entity - b.record.entity)
    .slice(0, limit)
    .map((candidate) => entityHit(prepared, candidate, queryKey));

  const quoteBest = new Map<number, Candidate<QuoteRecord>>();
  for (const record of prepared.quotes) {
    if (record.key.includes(queryKey)) {
      quoteBest.set(record.quote, { record, score: 0, keyRanges: exactRanges(record.key) });
    }
  }
  if (quoteBest.size < limit) {
    for (const { record: r, score, keyRanges } of fuzzyText(prepared, query, 'quotes')) {
      const record = prepared.quotes[r];
      if (!quoteBest.has(record.quote)) quoteBest.set(record.quote, { record, score: 1 + score, keyRanges });
    }
  }
  const quotes = [...quoteBest.values()]
    .sort((a, b) => a.score - b.score || a.record.quote - b.record.quote)
    .slice(0, limit)
    .map((candidate) => quoteHit(prepared, candidate));

  return { entities, quotes };
}

/** Builds the search once per index; the returned function is one keystroke. */
export function createSearch(index: GlossIndex): SearchFn {
  const prepared = prepareSearch(index);
  return (query, limit) => runSearch(prepared, query, limit);
}

/**
 * Long text, typo-tolerant: each query word of 4+ letters stands for the vocabulary words fuse finds similar to
 * it; shorter words must appear as typed. A record matches when it has every query word (or a stand-in);
 * its score is the mean of the words' scores. Non-CJK words only.
 */
function fuzzyText(
  prepared: PreparedSearch,
  query: string,
  kind: 'passages' | 'quotes',
): { record: number; score: number; keyRanges: () => [number, number][] }[] {
  const queryWords = query.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  if (!queryWords.some((word) => word.length >= MIN_FUZZY && !hasCjk(word))) return [];
  const records = kind === 'passages' ? prepared.passages : prepared.quotes;
  const postings = kind === 'passages' ? prepared.wordPassages : prepared.wordQuotes;

  let matching: Map<number, { score: number; words: string[] }> | undefined;
  for (const queryWord of queryWords) {
    const found = new Map<number, { score: number; words: string[] }>();
    if (queryWord.length >= MIN_FUZZY && !hasCjk(queryWord)) {
      for (const match of fuzzyFind(prepared.wordsFuzzy, queryWord, MAX_WORD_VARIANTS)) {
        const word = prepared.words[match.index];
        for (const r of postings[match.index]) {
          const { score } = match;
          const current = found.get(r);
          if (!current) found.set(r, { score, words: [word] });
          else {
            current.score = Math.min(current.score, score);
            current.words.push(word);
          }
        }
      }
    } else {
      const key = keyOf(queryWord);
      const scan = matching ? [...matching.keys()] : records.map((_, r) => r);
      for (const r of scan) if (records[r].key.includes(key)) found.set(r, { score: 0, words: [key] });
    }
    if (!matching) {
      matching = found;
      continue;
    }
    const next = new Map<number, { score: number; words: string[] }>();
    for (const [r, hit] of found) {
      const previous = matching.get(r);
      if (previous) next.set(r, { score: previous.score + hit.score, words: [...previous.words, ...hit.words] });
    }
    matching = next;
    if (!matching.size) break;
  }

  return [...(matching ?? [])].map(([r, { score, words }]) => ({
    record: r,
    score: score / queryWords.length,
    keyRanges: () =>
      words.flatMap((word) => {
        const key = keyOf(word);
        return key ? allOccurrences(records[r].key, key) : [];
      }),
  }));
}

/** Within a tier: match quality, then field, then how much of the string the query leaves unmatched. */
function inTier(record: KeyedText, fuseScore: number, queryKey: string): number {
  const unmatched = Math.max(0, record.key.length - queryKey.length);
  return Math.min(0.7, fuseScore) + FIELD_PENALTY[record.field] + Math.min(unmatched, 99) / 10_000;
}

function allOccurrences(key: string, queryKey: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let at = key.indexOf(queryKey); at >= 0; at = key.indexOf(queryKey, at + queryKey.length)) {
    ranges.push([at, at + queryKey.length - 1]);
  }
  return ranges;
}

/**
 * Fuse marks every character of the matched window that occurs in the pattern, which for a fuzzy match can be
 * a scatter of single letters. Keep runs of 2+ characters (or the longest run if there are none).
 */
function fuseRanges(indices: readonly (readonly [number, number])[]): [number, number][] {
  const runs = indices.filter(([start, end]) => end > start);
  if (runs.length) return runs.map(([start, end]) => [start, end]);
  const longest = [...indices].sort((a, b) => b[1] - b[0] - (a[1] - a[0]))[0];
  return longest ? [[longest[0], longest[1]]] : [];
}

function entityHit(prepared: PreparedSearch, candidate: Candidate, queryKey: string): Hit {
  const entity = prepared.index.entities[candidate.record.entity];
  const { record } = candidate;
  const otherName = entity.names.zh && entity.names.zh !== entity.name ? { text: entity.names.zh, ranges: [], lang: 'zh-CN' } : undefined;
  const nameKey = keyOf(entity.name);
  const label: Highlighted = { text: entity.name, ranges: [] };
  let detail: Highlighted | undefined;
  if (record.text === entity.name) {
    label.ranges = toTextRanges(record.text, candidate.keyRanges());
    detail = otherName;
  } else if ((record.field === 'name' || record.field === 'alias') && nameKey.includes(queryKey)) {
    // An alias that is part of the display name ("Huang" of "Anita Huang"): mark it there.
    label.ranges = toTextRanges(entity.name, allOccurrences(nameKey, queryKey));
    detail = otherName;
  } else {
    const ranges = toTextRanges(record.text, candidate.keyRanges());
    if (record.field === 'name' || record.field === 'alias') {
      detail = { text: record.text, ranges };
      if (record.text === entity.names.zh) detail.lang = 'zh-CN';
      else if (record.lang) detail.lang = record.lang;
    } else {
      detail = withLang(snippet(record.text, ranges), record.lang);
    }
  }
  return { kind: 'entity', id: entity.id, entityId: entity.id, type: entity.type, label, detail, score: candidate.score };
}

function withLang(shown: Highlighted, lang: string | undefined): Highlighted {
  return lang ? { ...shown, lang } : shown;
}

function quoteHit(prepared: PreparedSearch, candidate: Candidate<QuoteRecord>): Hit {
  const quote = prepared.index.quotes[candidate.record.quote];
  const speaker = prepared.index.entities[candidate.record.entity];
  return {
    kind: 'quote',
    id: quote.id,
    entityId: speaker.id,
    type: speaker.type,
    label: withLang(snippet(quote.text, toTextRanges(quote.text, candidate.keyRanges())), candidate.record.lang),
    detail: { text: speaker.name, ranges: [] },
    score: candidate.score,
  };
}
