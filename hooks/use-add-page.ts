// "Add this page" from the popup: the background reads the tab's article and adds it to the library.
import { useState } from 'preact/hooks';
import { askLibrary } from './use-library';

export type AddPageState =
  | { status: 'idle' | 'adding' }
  | { status: 'added'; sourceId: string; title: string; found: number; candidates: number; existing: boolean }
  | { status: 'failed'; error: string };

interface AddPageAnswer {
  source: { id: string; title: string };
  found: string[];
  candidates: unknown[];
  existing: boolean;
}

export function useAddPage(tabId: number | undefined) {
  const [state, setState] = useState<AddPageState>({ status: 'idle' });
  const add = async () => {
    if (tabId === undefined) return;
    setState({ status: 'adding' });
    try {
      const answer = await askLibrary<AddPageAnswer>({ type: 'gloss:add-page', tabId });
      setState({
        status: 'added',
        sourceId: answer.source.id,
        title: answer.source.title,
        found: answer.found.length,
        candidates: answer.candidates.length,
        existing: !!answer.existing,
      });
    } catch (error) {
      setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, add };
}
