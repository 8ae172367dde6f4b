// The library's part of the message contract (utils/messages.ts), answered for the background: each message
// one call of the library service, every failure an `{ ok: false, error }` the user can read. The browser
// side (reading a tab's article, asking for persistent storage) comes in as arguments.
import * as v from 'valibot';
import { GlossInputError } from '../indexer/errors';
import { webUrl } from '../web-url';
import type { LibraryMessage } from '../messages';
import type { PageArticle } from './page-article';
import type { LibraryService } from './service';
import { LibraryStorageError, type LibraryStore } from './store';

export interface LibraryAnswerOptions {
  library: LibraryService;
  /** The article of the page in this tab (from Gloss's content script there). */
  readTabArticle(tabId: number): Promise<unknown>;
  /** Called after a source was added: asks once that the browser keep the library under storage pressure. */
  persist(): void;
}

const PageArticleSchema = v.object({
  location: v.pipe(v.string(), v.url()),
  paragraphs: v.array(v.string()),
  metadata: v.record(v.string(), v.string()),
  warnings: v.array(v.string()),
});

/** What went wrong, in words for the user: an input error names its file (and line), a storage error says what to do. */
export function libraryErrorMessage(error: unknown): string {
  if (error instanceof GlossInputError || error instanceof LibraryStorageError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** A store opened on first use: a background that is never asked about the library never opens it. */
export function lazyStore(open: () => Promise<LibraryStore>): Omit<LibraryStore, 'close'> {
  let opened: Promise<LibraryStore> | null = null;
  const ready = () =>
    (opened ??= open().catch((error: unknown) => {
      opened = null;
      throw error;
    }));
  return {
    read: () => ready().then((store) => store.read()),
    write: (change) => ready().then((store) => store.write(change)),
    replace: (data) => ready().then((store) => store.replace(data)),
    readAnalyses: () => ready().then((store) => store.readAnalyses()),
    cacheAnalyses: (put, remove) => ready().then((store) => store.cacheAnalyses(put, remove)),
  };
}

export function createLibraryAnswers({ library, readTabArticle, persist }: LibraryAnswerOptions) {
  const brief = ({ source, found, candidates, existing }: Awaited<ReturnType<LibraryService['addDocument']>>) => ({
    ok: true as const,
    source,
    found,
    candidates: candidates.map(({ name, count, type }) => ({ name, count, ...(type ? { type } : {}) })),
    existing,
  });

  const addPage = async (tabId: number) => {
    const answer = await readTabArticle(tabId).catch(() => undefined);
    const parsed = v.safeParse(PageArticleSchema, answer);
    if (!parsed.success) throw new Error('Gloss cannot read this page (it may be a browser page, or still loading)');
    const article = parsed.output as PageArticle;
    // A page Gloss cannot link back to (file:, a browser page) is kept without an address.
    const url = webUrl(article.location)?.href;
    const added = await library.addDocument({ parsed: article, file: article.location, origin: 'page', ...(url ? { url } : {}) });
    if (!added.existing) persist();
    return added;
  };

  const answer = async (message: LibraryMessage): Promise<unknown> => {
    switch (message.type) {
      case 'gloss:add-page':
        return brief(await addPage(message.tabId));
      case 'gloss:add-document':
        return brief(await library.addDocument({ parsed: message.parsed, file: message.file, origin: 'file' }));
      case 'gloss:candidates': {
        const source = await library.source(message.sourceId);
        const candidates = await library.candidates(message.sourceId);
        return { ok: true, candidates: candidates.map((c) => ({ ...c, sentenceText: source!.text.slice(c.sentence[0], c.sentence[1]) })) };
      }
      case 'gloss:accept': {
        const choices = [...(message.names ?? []).map((name) => ({ name })), ...(message.choices ?? [])];
        return { ok: true, entities: await library.accept(message.sourceId, choices) };
      }
      case 'gloss:library':
        return library.library();
      case 'gloss:remove-source':
        await library.removeSource(message.sourceId);
        return { ok: true };
      case 'gloss:export-library':
        return { ok: true, data: await library.exportLibrary() };
      case 'gloss:import-library': {
        const raw = typeof message.data === 'string' ? message.data : JSON.stringify(message.data, null, 2);
        return { ok: true, ...(await library.importLibrary(raw, 'library file')) };
      }
      case 'gloss:source':
        return (await library.source(message.sourceId)) ?? null;
      case 'gloss:index':
        return (await library.hasLibrary()) ? library.index() : null;
    }
  };

  return {
    addPage,
    /** The answer to a library message; never rejects. */
    answer: (message: LibraryMessage): Promise<unknown> =>
      answer(message).catch((error: unknown) => ({ ok: false, error: libraryErrorMessage(error) })),
  };
}
