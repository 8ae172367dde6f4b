// "Add this page" from the popup: the background reads the tab's article and adds it to the library.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LibraryMessage } from '../utils/messages';

export type AddPageState =
  | { status: 'idle' | 'adding' }
  | { status: 'added'; sourceId: string; title: string; found: number; candidates: number; existing: boolean }
  | { status: 'failed'; error: string };

interface AddPageAnswer {
  ok: boolean;
  error?: string;
  source?: { id: string; title: string };
  found?: string[];
  candidates?: unknown[];
  existing?: boolean;
}

export function useAddPage(tabId: number | undefined) {
  const [state, setState] = useState<AddPageState>({ status: 'idle' });
  const add = async () => {
    if (tabId === undefined) return;
    setState({ status: 'adding' });
    try {
      const answer = (await browser.runtime.sendMessage({ type: 'gloss:add-page', tabId } satisfies LibraryMessage)) as AddPageAnswer;
      if (!answer?.ok || !answer.source) throw new Error(answer?.error ?? 'Gloss did not answer');
      setState({
        status: 'added',
        sourceId: answer.source.id,
        title: answer.source.title,
        found: answer.found?.length ?? 0,
        candidates: answer.candidates?.length ?? 0,
        existing: !!answer.existing,
      });
    } catch (error) {
      setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, add };
}
