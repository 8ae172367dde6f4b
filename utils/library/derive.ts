// The bundled index and the user's library as one index: the user's sources read by the same pipeline as
// the seeds (mentions, sentences, quotes with speakers), the user's entities and merged names matched
// everywhere, and the whole verified before anything shows it. Pure: the background runs it in the browser,
// tests and the benchmark in Node.
import { analyseSource, mentionsAndContexts, quotesOf, verifyIndex, type SourceAnalysis } from '../indexer/build-index';
import { createMatcher, foldText, type Matcher, type Mention } from '../matcher';
import type { GlossIndex, IndexEntity, IndexQuote, IndexSource, Locator, MatcherData } from '../types';
import { combineMatcherData, libraryMatcherData } from './matcher-data';
import type { StoredAnalysis } from './store';
import type { LibraryData, LibrarySource } from './types';

export interface DerivedLibrary {
  /** Bundled and user's sources (the user's newest first, then the seeds), entities and quotes. */
  index: GlossIndex;
  /** Everything a tab matches: the bundled aliases, the user's entities and the names merged into entities. */
  matcherData: MatcherData;
  /** What a tab adds to the bundled matcher data: the user's entities and merged names only. */
  userMatcherData: MatcherData;
  /** Mentions found in the user's sources, for export. */
  userMentions: { entity: string; locator: Locator }[];
  /** Quotes found in the user's sources, for export. */
  userQuotes: IndexQuote[];
  /** Analyses made by this derive (not from a cache), for the store's cache. */
  fresh: StoredAnalysis[];
}

/** Bump when the reading of a source (mentions, sentences, quotations, speakers) changes: cached analyses go stale. */
export const ANALYSIS_VERSION = 1;

/** A short fingerprint of a string (cyrb53): which names an analysis was made with. Not for security. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function toIndexSource(source: LibrarySource): IndexSource {
  const { id, file, title, publisher, date, lang, url, text, paragraphs, addedAt } = source;
  return {
    id,
    file,
    title,
    ...(publisher ? { publisher } : {}),
    ...(date ? { date } : {}),
    lang,
    ...(url ? { url } : {}),
    text,
    paragraphs,
    addedAt,
  };
}

function groupByEntity(mentions: readonly Mention[]): Map<number, Mention[]> {
  const groups = new Map<number, Mention[]>();
  for (const mention of mentions) {
    const list = groups.get(mention.entity);
    if (list) list.push(mention);
    else groups.set(mention.entity, [mention]);
  }
  return groups;
}

/**
 * Derives the combined index. Analyses of the user's sources are cached by source and matcher, so adding one
 * source reads only that source; accepting a name (a new matcher) reads them all again.
 */
export function createLibraryDeriver(bundled: GlossIndex, bundledMatcher: MatcherData) {
  const bundledTypes = new Map(bundled.entities.map((entity) => [entity.id, entity.type]));
  // An update that changes the bundled names, or how a source is read, makes every cached analysis stale.
  const bundledKey = `${ANALYSIS_VERSION}.${fingerprint(JSON.stringify(bundledMatcher))}`;
  let cache = {
    key: '',
    matcher: undefined as Matcher | undefined,
    analyses: new Map<string, SourceAnalysis>(),
    seedAnalyses: [] as SourceAnalysis[],
  };

  /** `stored`: analyses cached by an earlier background, used when made with the same names. */
  return function derive(library: LibraryData, stored: ReadonlyMap<string, StoredAnalysis> = new Map()): DerivedLibrary {
    const userMatcherData = libraryMatcherData(library, bundledTypes);
    const matcherData = combineMatcherData(bundledMatcher, userMatcherData);
    const key = `${bundledKey}.${fingerprint(JSON.stringify(userMatcherData))}`;
    if (key !== cache.key || !cache.matcher) {
      const matcher = createMatcher(matcherData);
      // The seeds are read again only for what the user added to the matcher; the bundled index stays as built.
      const seedAnalyses = userMatcherData.aliases.length
        ? bundled.sources.map((source) => analyseSource(source, matcherData, matcher))
        : [];
      cache = { key, matcher, analyses: new Map(), seedAnalyses };
    }
    const matcher = cache.matcher!;

    const userSources = [...library.sources]
      .sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0))
      .map(toIndexSource);
    const analyses = new Map<string, SourceAnalysis>();
    const fresh: StoredAnalysis[] = [];
    for (const source of userSources) {
      let analysis = cache.analyses.get(source.id);
      const kept = stored.get(source.id);
      if (!analysis && kept?.key === key) analysis = { source, mentions: kept.mentions, sentences: kept.sentences, quotes: kept.quotes };
      if (!analysis) {
        analysis = analyseSource(source, matcherData, matcher);
        fresh.push({ id: source.id, key, mentions: analysis.mentions, sentences: analysis.sentences, quotes: analysis.quotes });
      }
      analyses.set(source.id, analysis);
    }

    // The combined aliases keep the bundled ones first: a mention by a later alias is the user's name.
    const isUserMatch = (mention: Mention) => mention.alias >= bundledMatcher.aliases.length;

    // Per entity: the mentions and contexts of the user's sources, and of the seeds what only the user's names found.
    const extra = new Map<string, { mentions: Locator[]; contexts: IndexEntity['contexts'] }>();
    const addFound = (analysis: SourceAnalysis, mentions: readonly Mention[]) => {
      for (const [entityIndex, own] of groupByEntity(mentions)) {
        const id = matcherData.entities[entityIndex].id;
        const found = mentionsAndContexts(analysis, own);
        const entry = extra.get(id) ?? { mentions: [], contexts: [] };
        entry.mentions.push(...found.mentions);
        entry.contexts.push(...found.contexts);
        extra.set(id, entry);
      }
    };
    const userMentions: DerivedLibrary['userMentions'] = [];
    for (const analysis of analyses.values()) {
      addFound(analysis, analysis.mentions);
      for (const m of analysis.mentions) {
        userMentions.push({
          entity: matcherData.entities[m.entity].id,
          locator: { source: analysis.source.id, start: m.start, end: m.end },
        });
      }
    }
    for (const analysis of cache.seedAnalyses) {
      const taken = bundled.entities.flatMap((entity) => entity.mentions.filter((m) => m.source === analysis.source.id));
      const fresh = analysis.mentions.filter(
        (mention) => isUserMatch(mention) && !taken.some((m) => m.start < mention.end && mention.start < m.end),
      );
      addFound(analysis, fresh);
    }

    const userQuotes = [...analyses.values()].flatMap((analysis) => quotesOf(analysis, matcherData));
    const entities: IndexEntity[] = bundled.entities.map((entity) => {
      const more = extra.get(entity.id);
      const merged = userMatcherData.aliases.filter((alias) => userMatcherData.entities[alias.entity].id === entity.id);
      if (!more && merged.length === 0) return entity;
      return {
        ...entity,
        aliases: [...entity.aliases, ...merged.map(({ entity: _entity, ...alias }) => alias)],
        mentions: [...entity.mentions, ...(more?.mentions ?? [])],
        contexts: [...(more?.contexts ?? []), ...entity.contexts],
      };
    });
    const mergedInto = new Map<string, LibraryData['aliases'][number]['alias'][]>();
    for (const { entity, alias } of library.aliases) {
      const list = mergedInto.get(entity);
      if (list) list.push(alias);
      else mergedInto.set(entity, [alias]);
    }
    for (const entity of library.entities) {
      const more = extra.get(entity.id);
      const merged = mergedInto.get(entity.id) ?? [];
      entities.push({
        id: entity.id,
        type: entity.type,
        name: entity.names.en,
        names: { ...entity.names },
        aliases: [...entity.aliases, ...merged],
        summary: entity.summary,
        facts: [],
        mentions: more?.mentions ?? [],
        contexts: more?.contexts ?? [],
        related: [],
      });
    }

    const index: GlossIndex = {
      version: 1,
      sources: [...userSources, ...bundled.sources],
      entities,
      quotes: [...userQuotes, ...bundled.quotes],
    };
    // A cached analysis is checked here like a fresh one: a mention or quote that does not hold fails the derive.
    verifyIndex(index, matcherData);
    // Only what verified is kept for the next derive.
    cache.analyses = analyses;
    return { index, matcherData, userMatcherData, userMentions, userQuotes, fresh };
  };
}

/** The fold a candidate name is compared by: equal to an alias of any entity means it is known. */
export function knownNames(matcherData: MatcherData): Set<string> {
  return new Set(matcherData.aliases.filter((alias) => !alias.block).map((alias) => foldText(alias.text)));
}
