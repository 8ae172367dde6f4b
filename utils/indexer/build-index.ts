// Builds the index from read seeds and the parsed catalog: mentions by the shared matcher, sentences,
// quotes with their speakers, and the catalog's passages located in the sources. Every locator is checked
// against the source text before the index is returned; a passage that is not verbatim is an input error.
import { normalizedAliases, toMatcherData, type ParsedCatalog } from './catalog';
import {
  compiledNames,
  createMatcher,
  createScanState,
  findMentions,
  foldText,
  writtenForms,
  type Matcher,
  type Mention,
} from '../matcher';
import type {
  CatalogPassage,
  GlossIndex,
  IndexEntity,
  IndexQuote,
  IndexRelation,
  IndexSource,
  Locator,
  MatcherData,
  TextQuote,
} from '../types';
import { GlossInputError } from './errors';
import { textQuoteSelector } from '../anchoring';
import { findQuotations, type Quotation } from '../quotations/quotation-marks';
import { attributeSpeakers } from '../quotations/speakers';
import type { ReadSeed } from './seed-reader';
import { splitSentences } from '../quotations/sentences';

const TRAILING_CLAUSE_MARKS = '，,、；;：:';

export interface BuildResult {
  index: GlossIndex;
  matcherData: MatcherData;
  warnings: string[];
}

export interface SourceAnalysis {
  source: IndexSource;
  mentions: Mention[];
  sentences: [number, number][];
  quotes: { start: number; end: number; speaker: string }[];
}

function textQuote(source: IndexSource, start: number, end: number): TextQuote {
  return { source: source.id, start, end, text: source.text.slice(start, end), ...textQuoteSelector(source.text, start, end) };
}

/** A seed as an index source: its metadata and text, nothing of the reader's bookkeeping. */
export function toIndexSource(seed: ReadSeed): IndexSource {
  return {
    id: seed.id,
    file: seed.file,
    title: seed.title,
    ...(seed.publisher ? { publisher: seed.publisher } : {}),
    ...(seed.date ? { date: seed.date } : {}),
    lang: seed.lang,
    ...(seed.url ? { url: seed.url } : {}),
    text: seed.text,
    paragraphs: seed.paragraphs,
  };
}

/** Mentions, sentences and attributed quotations of one source: what every later step reads. */
export function analyseSource(source: IndexSource, matcherData: MatcherData, matcher: Matcher): SourceAnalysis {
  // One scan state per source: a short form ("Li") counts after the full name anywhere earlier in it.
  const state = createScanState();
  const mentions: Mention[] = [];
  const sentences: [number, number][] = [];
  const quotations: Quotation[] = [];
  for (const paragraph of source.paragraphs) {
    const [start, end] = paragraph;
    for (const mention of findMentions(matcher, source.text.slice(start, end), state)) {
      mentions.push({ ...mention, start: mention.start + start, end: mention.end + start });
    }
    sentences.push(...splitSentences(source.text, paragraph));
    quotations.push(...findQuotations(source.text, paragraph));
  }
  const people = mentions
    .filter((mention) => matcherData.entities[mention.entity].type === 'person')
    .map((mention) => ({ start: mention.start, end: mention.end, entity: matcherData.entities[mention.entity].id }));
  const quotes = attributeSpeakers({ text: source.text, paragraphs: source.paragraphs, sentences, quotations, people });
  return { source, mentions, sentences, quotes };
}

/** Builds the index; throws GlossInputError when a catalog passage is not verbatim in the seeds. */
export function buildIndex(seeds: ReadSeed[], parsed: ParsedCatalog, catalogFile: string): BuildResult {
  const { catalog, lineOf } = parsed;
  const warnings = seeds.flatMap((seed) => seed.warnings);
  const matcherData = toMatcherData(catalog);
  const matcher = createMatcher(matcherData);
  const analyses = seeds.map((seed) => analyseSource(toIndexSource(seed), matcherData, matcher));
  const sourceById = new Map(analyses.map((a) => [a.source.id, a.source]));

  const locate = (passage: CatalogPassage, entityIndex: number, what: string): TextQuote => {
    const entity = catalog.entities[entityIndex];
    const candidates = passage.source ? [sourceById.get(passage.source)] : analyses.map((a) => a.source);
    if (passage.source && !candidates[0]) {
      throw new GlossInputError(
        `entity "${entity.id}": ${what} names source "${passage.source}", which is no seed`,
        catalogFile,
        lineOf(entityIndex),
      );
    }
    for (const source of candidates) {
      const at = source!.text.indexOf(passage.text);
      if (at >= 0) return textQuote(source!, at, at + passage.text.length);
    }
    throw new GlossInputError(
      `entity "${entity.id}": ${what} is not verbatim in ${passage.source ? `seed "${passage.source}"` : 'any seed'}: "${passage.text}"`,
      catalogFile,
      lineOf(entityIndex),
    );
  };

  const quotes = analyses.flatMap((analysis) => quotesOf(analysis, matcherData));

  const entities: IndexEntity[] = catalog.entities.map((entry, entityIndex) => {
    const mentions: Locator[] = [];
    const contexts: TextQuote[] = [];
    for (const analysis of analyses) {
      const found = mentionsAndContexts(
        analysis,
        analysis.mentions.filter((m) => m.entity === entityIndex),
      );
      mentions.push(...found.mentions);
      contexts.push(...found.contexts);
    }
    const related: IndexRelation[] = (entry.relations ?? []).map((relation, i) => ({
      type: relation.type,
      target: relation.target,
      evidence: locate(relation.evidence, entityIndex, `relations[${i}].evidence`),
    }));
    const entity: IndexEntity = {
      id: entry.id,
      type: entry.type,
      name: entry.names.en,
      names: { ...entry.names },
      aliases: normalizedAliases(entry),
      facts: (entry.facts ?? []).map((fact, i) => locate(fact, entityIndex, `facts[${i}]`)),
      mentions,
      contexts,
      related,
    };
    if (entry.summary) entity.summary = locate(entry.summary, entityIndex, 'summary');
    if (mentions.length === 0) {
      warnings.push(
        `${catalogFile}:${lineOf(entityIndex)}: entity "${entry.id}": no seed mentions it (aliases: ${normalizedAliases(entry)
          .map((a) => a.text)
          .join(', ')})`,
      );
    }
    return entity;
  });

  const index: GlossIndex = { version: 1, sources: analyses.map((a) => a.source), entities, quotes };
  verifyIndex(index, matcherData);
  return { index, matcherData, warnings };
}

/** The source's attributed quotations as index quotes, each with the entities it mentions. */
export function quotesOf({ source, mentions, quotes: attributed }: SourceAnalysis, matcherData: MatcherData): IndexQuote[] {
  const quotes: IndexQuote[] = [];
  for (const { start, end: rawEnd, speaker } of attributed) {
    // "这记警钟敲响了，”她说" quotes up to a comma that only hands over to the attribution: leave it out.
    let end = rawEnd;
    while (end > start + 1 && TRAILING_CLAUSE_MARKS.includes(source.text[end - 1])) end--;
    const about = [...new Set(mentions.filter((m) => m.start >= start && m.end <= end).map((m) => matcherData.entities[m.entity].id))];
    quotes.push({ id: `${source.id}:${start}-${end}`, speaker, about, ...textQuote(source, start, end) });
  }
  return quotes;
}

/** One entity's mentions in a source (`own`, in text order), and the sentences holding them (each once) as its contexts. */
export function mentionsAndContexts(
  { source, sentences }: SourceAnalysis,
  own: readonly Mention[],
): { mentions: Locator[]; contexts: TextQuote[] } {
  const mentions: Locator[] = [];
  const contexts: TextQuote[] = [];
  // Both lists are in text order: one walk, not a search per mention (a long source has thousands of each).
  let next = 0;
  let lastSentence = -1;
  for (const m of own) {
    mentions.push({ source: source.id, start: m.start, end: m.end });
    while (next < sentences.length && sentences[next][1] < m.end) next++;
    const sentence = sentences[next];
    if (sentence && sentence[0] <= m.start && next !== lastSentence) {
      lastSentence = next;
      contexts.push(textQuote(source, sentence[0], sentence[1]));
    }
  }
  return { mentions, contexts };
}

/** Checks every locator of the index against its source; throws on the first that does not hold. */
/** data/matcher.json: the names, compiled, so that a tab lays its matcher out instead of building it. */
export function shippedMatcherData(matcherData: MatcherData): MatcherData {
  return { ...matcherData, compiled: compiledNames(matcherData) };
}

export function verifyIndex(index: GlossIndex, matcherData: MatcherData): void {
  const sources = new Map(index.sources.map((s) => [s.id, s]));
  const fail = (what: string): never => {
    throw new Error(`index verification failed: ${what}`);
  };
  const check = (locator: Locator, what: string, expected?: string) => {
    const source = sources.get(locator.source) ?? fail(`${what}: unknown source "${locator.source}"`);
    if (!(locator.start >= 0 && locator.start < locator.end && locator.end <= source.text.length)) fail(`${what}: offsets out of range`);
    const slice = source.text.slice(locator.start, locator.end);
    if (expected !== undefined && slice !== expected)
      fail(`${what}: text at ${locator.start}-${locator.end} is "${slice}", not "${expected}"`);
    return slice;
  };
  const checkQuote = (quote: TextQuote, what: string) => {
    check(quote, what, quote.text);
    const source = sources.get(quote.source)!;
    if (!source.text.slice(0, quote.start).endsWith(quote.prefix) || !source.text.slice(quote.end).startsWith(quote.suffix)) {
      fail(`${what}: prefix/suffix do not surround the quote`);
    }
  };
  const entityIds = new Set(index.entities.map((e) => e.id));
  // Each entity's alias forms, grouped in one pass: with a user's 10,000 names a scan of every alias per entity
  // was 10^8 steps on every change.
  const formsOf = new Map<string, Set<string>>();
  for (const alias of matcherData.aliases) {
    const id = matcherData.entities[alias.entity].id;
    let forms = formsOf.get(id);
    if (!forms) formsOf.set(id, (forms = new Set()));
    for (const form of writtenForms(alias.text)) forms.add(foldText(form));
  }
  for (const entity of index.entities) {
    const aliasForms = formsOf.get(entity.id) ?? new Set<string>();
    for (const mention of entity.mentions) {
      const slice = check(mention, `mention of "${entity.id}"`);
      if (!aliasForms.has(foldText(slice))) fail(`mention of "${entity.id}" at ${mention.start} reads "${slice}", no alias of it`);
    }
    if (entity.summary) checkQuote(entity.summary, `summary of "${entity.id}"`);
    entity.facts.forEach((fact, i) => checkQuote(fact, `fact ${i} of "${entity.id}"`));
    entity.contexts.forEach((context, i) => checkQuote(context, `context ${i} of "${entity.id}"`));
    for (const relation of entity.related) {
      if (!entityIds.has(relation.target)) fail(`relation of "${entity.id}" to unknown "${relation.target}"`);
      checkQuote(relation.evidence, `relation ${relation.type} of "${entity.id}"`);
    }
  }
  for (const quote of index.quotes) {
    checkQuote(quote, `quote ${quote.id}`);
    if (!entityIds.has(quote.speaker)) fail(`quote ${quote.id}: unknown speaker "${quote.speaker}"`);
  }
}
