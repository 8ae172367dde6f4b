// The user's library for Gloss's pages: what it holds, and the changes a page asks of the background (which
// owns the library). Files are read here, where there is a DOM for HTML, and sent parsed.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LibraryMessage } from '../utils/messages';
import type { LibraryListing, NameChoice } from '../utils/library/service';
import type { NameCandidate } from '../utils/indexer/discover';
import { parseInertHtml } from '../utils/library/inert-html';
import { readUserFile } from '../utils/library/read-file';

export type Candidate = NameCandidate & { sentenceText: string };
type Answer<T> = ({ ok: true } & T) | { ok: false; error: string };

export interface FileOutcome {
  file: string;
  /** The source it became (or already was), or what was wrong with it. */
  sourceId?: string;
  existing?: boolean;
  error?: string;
}

/** A library message to the background: its answer, or its `{ ok: false, error }` as an Error. */
export async function askLibrary<T extends object>(message: LibraryMessage): Promise<{ ok: true } & T> {
  const answer = (await browser.runtime.sendMessage(message)) as Answer<T> | undefined;
  if (!answer) throw new Error('Gloss did not answer');
  if (!answer.ok) throw new Error(answer.error);
  return answer;
}

export function useLibrary() {
  const [listing, setListing] = useState<LibraryListing | undefined>();
  const refresh = useCallback(async () => {
    setListing((await browser.runtime.sendMessage({ type: 'gloss:library' } satisfies LibraryMessage)) as LibraryListing);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  return {
    listing,
    refresh,
    /** Reads and adds files one by one (one bad file stops none of the others), telling progress after each. */
    async importFiles(files: File[], progress: (done: number) => void): Promise<FileOutcome[]> {
      const outcomes: FileOutcome[] = [];
      for (const file of files) {
        try {
          const parsed = readUserFile(file.name, new Uint8Array(await file.arrayBuffer()), parseInertHtml);
          const added = await askLibrary<{ source: { id: string }; existing: boolean }>({
            type: 'gloss:add-document',
            file: file.name,
            parsed: { ...parsed, metadata: { ...parsed.metadata } },
          });
          outcomes.push({ file: file.name, sourceId: added.source.id, existing: added.existing });
        } catch (error) {
          outcomes.push({ file: file.name, error: error instanceof Error ? error.message : String(error) });
        }
        progress(outcomes.length);
      }
      await refresh();
      return outcomes;
    },
    async candidates(sourceId: string): Promise<Candidate[]> {
      return (await askLibrary<{ candidates: Candidate[] }>({ type: 'gloss:candidates', sourceId })).candidates;
    },
    async accept(sourceId: string, choices: NameChoice[]) {
      const { entities } = await askLibrary<{ entities: { id: string; name: string }[] }>({ type: 'gloss:accept', sourceId, choices });
      await refresh();
      return entities;
    },
    async remove(sourceId: string) {
      await askLibrary({ type: 'gloss:remove-source', sourceId });
      await refresh();
    },
    /** The library as one file, downloaded. */
    async exportLibrary(fileName: string) {
      const { data } = await askLibrary<{ data: unknown }>({ type: 'gloss:export-library' });
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      // Firefox starts a download only from a link in the document.
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    async importLibrary(file: File) {
      const result = await askLibrary<{ added: number; merged: number }>({ type: 'gloss:import-library', data: await file.text() });
      await refresh();
      return result;
    },
  };
}

export type LibraryApi = ReturnType<typeof useLibrary>;
