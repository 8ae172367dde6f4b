// The user's library as the background runs it: add a document, propose its names, accept them, remove a
// source, export and import. Each change is derived and verified first, then written in one transaction, then
// published to the tabs — so a change that would break the index, or that the disk refuses, changes nothing.
// Inputs (the store, the bundled index, the clock, the publisher) are arguments: unit-tested in Node.
import { textQuoteSelector } from '../anchoring';
import { GlossInputError } from '../indexer/errors';
import { proposeNames, type NameCandidate } from '../indexer/discover';
import { assembleSeed } from '../indexer/seed-assembly';
import type { ParsedSeed } from '../indexer/seed-text';
import { foldText, isWordChar } from '../matcher';
import { splitSentences } from '../quotations/sentences';
import type { EntityType, GlossIndex, IndexSource, MatcherData, TextQuote } from '../types';
import { createLibraryDeriver, knownNames, type DerivedLibrary } from './derive';
import { exportLibrary, mergeLibrary, readLibraryFile, sourceHash, sourceIdOf, type LibraryFile } from './exchange';
import type { LibraryChange, LibraryStore } from './store';
import type { LibraryAlias, LibraryData, LibraryEntity, LibrarySource } from './types';

/** The largest document Gloss holds (UTF-16 units of article text): a book, not a database dump. */
export const MAX_SOURCE_LENGTH = 5_000_000;

export interface AddedSource {
  source: { id: string; title: string; url?: string; date?: string; lang: string };
  /** Known entities (bundled or the user's) the document mentions. */
  found: string[];
  candidates: NameCandidate[];
  /** True when the same text was already in the library (nothing was added). */
  existing: boolean;
}

export interface NameChoice {
  /** The name as the document writes it (a proposed candidate, or any name the document has verbatim). */
  name: string;
  /** The name to show instead; the written name stays how pages are matched. */
  displayName?: string;
  type?: EntityType;
  /** Add the name to this entity (bundled or the user's) instead of making a new one. */
  mergeInto?: string;
}

export interface LibraryListing {
  sources: { id: string; title: string; url?: string; date?: string; lang: string; bundled: boolean; addedAt?: string; file: string }[];
  entities: { id: string; name: string; type: EntityType; sources: string[]; user: boolean }[];
}

export interface LibraryServiceOptions {
  store: Pick<LibraryStore, 'read' | 'write' | 'replace'> & Partial<Pick<LibraryStore, 'readAnalyses' | 'cacheAnalyses'>>;
  bundled: GlossIndex;
  bundledMatcher: MatcherData;
  /** Tells every tab the user's names (null: none). */
  publish(names: MatcherData | null): Promise<void>;
  /** ISO 8601 time of now. */
  now(): string;
}

const DEFAULT_TYPE: EntityType = 'organization';

export function createLibraryService(options: LibraryServiceOptions) {
  const { store, bundled, bundledMatcher } = options;
  const derive = createLibraryDeriver(bundled, bundledMatcher);
  let data: LibraryData | null = null;
  let derived: DerivedLibrary | null = null;
  // One change at a time: two tabs adding pages at once must not write over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  // A library that cannot be read (no IndexedDB, a database from a newer Gloss) must not take the cards of
  // the bundled index with it: reading falls back to the bundled index, and only changes report the problem.
  let unreadable: unknown = null;
  // One read at a time: the popup's index and list arriving together at start must not derive twice.
  let loading: Promise<DerivedLibrary> | null = null;
  const load = (): Promise<DerivedLibrary> => {
    if (data && derived && !unreadable) return Promise.resolve(derived);
    loading ??= readLibrary().finally(() => (loading = null));
    return loading;
  };
  const readLibrary = async (): Promise<DerivedLibrary> => {
    try {
      const read = canonical(await store.read());
      const cached = (await store.readAnalyses?.()) ?? [];
      try {
        derived = derive(read, new Map(cached.map((analysis) => [analysis.id, analysis])));
      } catch {
        // A cached analysis that does not verify (a bug, a disk error) costs a full reading, never the library.
        derived = derive(read);
      }
      const kept = new Set(read.sources.map((source) => source.id));
      void store.cacheAnalyses?.(
        derived.fresh,
        cached.filter((analysis) => !kept.has(analysis.id)).map((analysis) => analysis.id),
      );
      data = read;
      unreadable = null;
    } catch (error) {
      unreadable = error;
      data = { sources: [], entities: [], aliases: [] };
      derived = derive(data);
    }
    return derived!;
  };
  /** The library for a change: the error that kept it from being read, if any, is the change's error. */
  const loadForChange = async (): Promise<DerivedLibrary> => {
    const current = await load();
    if (unreadable) throw unreadable;
    return current;
  };

  /** Derives (and so verifies) `next`, writes the change, then makes it current and tells the tabs. */
  const commit = async (changed: LibraryData, change: LibraryChange | 'replace'): Promise<DerivedLibrary> => {
    const next = canonical(changed);
    const nextDerived = derive(next);
    if (change === 'replace') await store.replace(next);
    else await store.write(change);
    const kept = new Set(next.sources.map((source) => source.id));
    void store.cacheAnalyses?.(
      nextDerived.fresh,
      data ? data.sources.filter((source) => !kept.has(source.id)).map((source) => source.id) : [],
    );
    data = next;
    derived = nextDerived;
    // The change is saved: tabs that miss the news (storage.local full) still get it on their next start.
    await options.publish(nextDerived.userMatcherData.aliases.length ? nextDerived.userMatcherData : null).catch(() => undefined);
    return nextDerived;
  };

  const candidatesOf = (source: IndexSource, current: DerivedLibrary): NameCandidate[] => {
    const covered = current.userMentions.filter((m) => m.locator.source === source.id).map((m) => m.locator);
    return proposeNames({
      text: source.text,
      paragraphs: source.paragraphs,
      covered,
      known: knownNames(current.matcherData),
      lang: source.lang,
    });
  };

  const summaryOf = (source: LibrarySource, name: string, sentence?: [number, number]): TextQuote => {
    // The proposal's sentence may write the name otherwise ("NASA" for "Nasa"): the summary must show it as accepted.
    let [start, end] = sentence && source.text.slice(sentence[0], sentence[1]).includes(name) ? sentence : [-1, -1];
    if (start < 0) {
      const at = wholeNameAt(source.text, name);
      if (at < 0) throw new GlossInputError(`"${name}" is not in this source`, source.file);
      const paragraph = source.paragraphs.find(([s, e]) => at >= s && at < e) ?? [0, source.text.length];
      [start, end] = splitSentences(source.text, paragraph).find(([s, e]) => at >= s && at < e) ?? paragraph;
    }
    return { source: source.id, start, end, text: source.text.slice(start, end), ...textQuoteSelector(source.text, start, end) };
  };

  const listing = (current: DerivedLibrary): LibraryListing => {
    const userIds = new Set(data!.entities.map((entity) => entity.id));
    return {
      sources: current.index.sources.map((source) => ({
        id: source.id,
        title: source.title,
        file: source.file,
        ...(source.url ? { url: source.url } : {}),
        ...(source.date ? { date: source.date } : {}),
        lang: source.lang,
        bundled: source.addedAt === undefined,
        ...(source.addedAt ? { addedAt: source.addedAt } : {}),
      })),
      entities: current.index.entities.map((entity) => ({
        id: entity.id,
        name: entity.name,
        type: entity.type,
        sources: [...new Set([...(entity.summary ? [entity.summary.source] : []), ...entity.mentions.map((m) => m.source)])],
        user: userIds.has(entity.id),
      })),
    };
  };

  return {
    /** The combined index (the bundled one until the library is read). */
    async index(): Promise<GlossIndex> {
      return (await load()).index;
    },

    /** Whether the user has added anything (read from the store on first call). */
    async hasLibrary(): Promise<boolean> {
      await load();
      return data!.sources.length > 0 || data!.aliases.length > 0;
    },

    async library(): Promise<LibraryListing> {
      return listing(await load());
    },

    /** Adds a parsed document (a page's article or a file); the same text twice is one source. */
    addDocument(document: { parsed: ParsedSeed; file: string; origin: LibrarySource['origin']; url?: string }): Promise<AddedSource> {
      return serial(async () => {
        const current = await loadForChange();
        const seed = assembleSeed(document.parsed, 'new', document.file);
        if (seed.text.length > MAX_SOURCE_LENGTH) {
          throw new GlossInputError(
            `is too big: ${seed.text.length.toLocaleString('en')} characters of text (at most ${MAX_SOURCE_LENGTH.toLocaleString('en')})`,
            document.file,
          );
        }
        const hash = await sourceHash(seed.text);
        const id = sourceIdOf(hash);
        const known = data!.sources.find((source) => source.hash === hash);
        let result = current;
        let source = known;
        if (!source) {
          source = {
            id,
            file: document.file,
            origin: document.origin,
            title: seed.title,
            ...(seed.publisher ? { publisher: seed.publisher } : {}),
            ...(seed.date ? { date: seed.date } : {}),
            lang: seed.lang,
            ...((seed.url ?? document.url) ? { url: seed.url ?? document.url } : {}),
            ...(seed.author ? { author: seed.author } : {}),
            text: seed.text,
            paragraphs: seed.paragraphs,
            hash,
            addedAt: options.now(),
          };
          result = await commit({ ...data!, sources: [...data!.sources, source] }, { putSources: [source] });
        }
        const indexed = result.index.sources.find((s) => s.id === source.id)!;
        const found = [...new Set(result.userMentions.filter((m) => m.locator.source === source.id).map((m) => m.entity))];
        return {
          source: {
            id: source.id,
            title: source.title,
            ...(source.url ? { url: source.url } : {}),
            ...(source.date ? { date: source.date } : {}),
            lang: source.lang,
          },
          found,
          candidates: candidatesOf(indexed, result),
          existing: !!known,
        };
      });
    },

    /** The names a source of the library proposes now (what was accepted since is no longer proposed). */
    async candidates(sourceId: string): Promise<NameCandidate[]> {
      const current = await load();
      const source = current.index.sources.find((s) => s.id === sourceId && s.addedAt !== undefined);
      return source ? candidatesOf(source, current) : [];
    },

    /** Accepts names of a source: each becomes an entity of the user's, or one more name of an existing entity. */
    accept(sourceId: string, choices: NameChoice[]): Promise<{ id: string; name: string }[]> {
      return serial(async () => {
        const current = await loadForChange();
        const source = data!.sources.find((s) => s.id === sourceId);
        if (!source) throw new Error(`no source "${sourceId}" in the library`);
        const proposals = new Map(
          candidatesOf(
            current.index.sources.find((s) => s.id === sourceId)!,
            current,
          ).map((c) => [c.name, c]),
        );
        const known = knownNames(current.matcherData);
        const entityIds = new Set(current.index.entities.map((entity) => entity.id));
        const entities = [...data!.entities];
        const aliases = [...data!.aliases];
        const change: LibraryChange = { putEntities: [], putAliases: [] };
        const accepted: { id: string; name: string }[] = [];
        const now = options.now();
        for (const choice of choices) {
          const name = choice.name.trim();
          if (!name || !source.text.includes(name)) throw new Error(`"${name}" is not written in "${source.title}"`);
          const alias = { text: name, case: 'exact' as const };
          if (choice.mergeInto) {
            if (!entityIds.has(choice.mergeInto)) throw new Error(`no entity "${choice.mergeInto}" to add "${name}" to`);
            const aliasId = `${choice.mergeInto}|${name}`;
            const existing = aliases.find((a) => a.id === aliasId);
            const record: LibraryAlias = existing
              ? { ...existing, acceptedFrom: [...new Set([...existing.acceptedFrom, sourceId])] }
              : { id: aliasId, entity: choice.mergeInto, alias, acceptedFrom: [sourceId], addedAt: now };
            if (!existing && known.has(foldText(name))) throw new Error(`"${name}" is already a name of an entity`);
            aliases.splice(existing ? aliases.indexOf(existing) : aliases.length, existing ? 1 : 0, record);
            change.putAliases!.push(record);
            known.add(foldText(name));
            accepted.push({ id: choice.mergeInto, name: current.index.entities.find((e) => e.id === choice.mergeInto)!.name });
            continue;
          }
          const same = entities.find((entity) => entity.aliases.some((a) => foldText(a.text) === foldText(name)));
          if (same) {
            // The same name written otherwise ("Nasa" for "NASA") becomes one more spelling, so this source matches too.
            const spelled = same.aliases.some((a) => a.text === name) ? same.aliases : [...same.aliases, alias];
            const record = { ...same, aliases: spelled, acceptedFrom: [...new Set([...same.acceptedFrom, sourceId])] };
            entities.splice(entities.indexOf(same), 1, record);
            change.putEntities!.push(record);
            accepted.push({ id: record.id, name: record.names.en });
            continue;
          }
          if (known.has(foldText(name))) throw new Error(`"${name}" is already a name of an entity: add it to that entity instead`);
          const displayName = choice.displayName?.trim() || name;
          const proposal = proposals.get(name);
          const entity: LibraryEntity = {
            id: uniqueId(displayName, entityIds),
            type: choice.type ?? proposal?.type ?? DEFAULT_TYPE,
            names: /\p{Script=Han}/u.test(displayName) ? { en: displayName, zh: displayName } : { en: displayName },
            aliases: displayName === name ? [alias] : [alias, { text: displayName, case: 'exact' }],
            summary: summaryOf(source, name, proposal?.sentence),
            acceptedFrom: [sourceId],
            addedAt: now,
          };
          entityIds.add(entity.id);
          known.add(foldText(name));
          entities.push(entity);
          change.putEntities!.push(entity);
          accepted.push({ id: entity.id, name: displayName });
        }
        await commit({ ...data!, entities, aliases }, change);
        return accepted;
      });
    },

    /** Removes a source and what came only from it: names accepted from it alone, and everything derived. */
    removeSource(sourceId: string): Promise<void> {
      return serial(async () => {
        await loadForChange();
        if (!data!.sources.some((s) => s.id === sourceId)) throw new Error(`no source "${sourceId}" in the library`);
        const sources = data!.sources.filter((s) => s.id !== sourceId);
        const change: LibraryChange = { deleteSources: [sourceId], putEntities: [], deleteEntities: [], putAliases: [], deleteAliases: [] };
        const entities: LibraryEntity[] = [];
        for (const entity of data!.entities) {
          if (!entity.acceptedFrom.includes(sourceId)) {
            entities.push(entity);
            continue;
          }
          const acceptedFrom = entity.acceptedFrom.filter((id) => id !== sourceId);
          const home = acceptedFrom
            .map((id) => sources.find((s) => s.id === id))
            .find((s): s is LibrarySource => !!s && entity.aliases.some((a) => s.text.includes(a.text)));
          if (!home) {
            change.deleteEntities!.push(entity.id);
            continue;
          }
          const name = entity.aliases.find((a) => home.text.includes(a.text))!.text;
          const record = { ...entity, acceptedFrom, summary: entity.summary.source === sourceId ? summaryOf(home, name) : entity.summary };
          entities.push(record);
          change.putEntities!.push(record);
        }
        const gone = new Set(change.deleteEntities);
        const aliases: LibraryAlias[] = [];
        for (const alias of data!.aliases) {
          const acceptedFrom = alias.acceptedFrom.filter((id) => id !== sourceId);
          if (gone.has(alias.entity) || acceptedFrom.length === 0) change.deleteAliases!.push(alias.id);
          else if (acceptedFrom.length !== alias.acceptedFrom.length) {
            aliases.push({ ...alias, acceptedFrom });
            change.putAliases!.push({ ...alias, acceptedFrom });
          } else aliases.push(alias);
        }
        await commit({ sources, entities, aliases }, change);
      });
    },

    async exportLibrary(): Promise<LibraryFile> {
      const current = await loadForChange();
      return exportLibrary(data!, { quotes: current.userQuotes, mentions: current.userMentions }, options.now());
    },

    /** Reads an exported library and merges it in; a bad file is refused whole, with what is wrong and where. */
    importLibrary(raw: string, file: string): Promise<{ added: number; merged: number }> {
      return serial(async () => {
        await loadForChange();
        const incoming = await readLibraryFile(raw, file);
        const { next, added, merged } = mergeLibrary(data!, incoming);
        await commit(next, 'replace');
        return { added, merged };
      });
    },

    /** A source of the combined index (the source view shows the user's like the seeds). */
    async source(sourceId: string): Promise<IndexSource | undefined> {
      return (await load()).index.sources.find((s) => s.id === sourceId);
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;

/** The first place `name` stands as a name, not inside a longer word ("Ada" in "Canada"); -1 if none. */
function wholeNameAt(text: string, name: string): number {
  const edgeIsWord = (i: number) => i >= 0 && i < text.length && isWordChar(text[i]);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const latinStart = isWordChar(name[0]);
    const latinEnd = isWordChar(name[name.length - 1]);
    if (!(latinStart && edgeIsWord(at - 1)) && !(latinEnd && edgeIsWord(at + name.length))) return at;
  }
  return -1;
}

const byAdded = <T extends { addedAt: string; id: string }>(a: T, b: T) =>
  a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** One order for the library, whatever wrote it (a change, an import, the database's key order after a restart). */
function canonical(data: LibraryData): LibraryData {
  return { sources: [...data.sources].sort(byAdded), entities: [...data.entities].sort(byAdded), aliases: [...data.aliases].sort(byAdded) };
}

/** "u-" and a readable slug of the name, unique among `taken`. */
function uniqueId(name: string, taken: ReadonlySet<string>): string {
  const slug =
    foldText(name)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'entity';
  let id = `u-${slug}`;
  for (let n = 2; taken.has(id); n++) id = `u-${slug}-${n}`;
  return id;
}
