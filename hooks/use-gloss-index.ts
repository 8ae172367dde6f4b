// The index a Gloss page searches and shows: the bundled one at once, then the background's combined index
// (bundled and the user's library) once it answers — null from it means the library is empty.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LibraryMessage } from '../utils/messages';
import type { GlossIndex } from '../utils/types';

export function useGlossIndex(bundled: GlossIndex): GlossIndex {
  const [index, setIndex] = useState(bundled);
  useEffect(() => {
    let live = true;
    browser.runtime
      .sendMessage({ type: 'gloss:index' } satisfies LibraryMessage)
      .then((combined) => {
        if (live && combined && typeof combined === 'object') setIndex(combined as GlossIndex);
      })
      .catch(() => undefined); // no background answer: the bundled index is still right
    return () => {
      live = false;
    };
  }, [bundled]);
  return index;
}
