import { render } from 'preact';
import index from '@/data/index.json';
import { Options } from '@/components/Options';
import { Sources } from '@/components/Sources';
import { useLibrary } from '@/hooks/use-library';
import { browser } from 'wxt/browser';
import { sourceLink } from '@/utils/view/entity-view';
import type { GlossIndex } from '@/utils/types';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('options_title') || 'Gloss';
// options.html?source=<id>#sources reviews a page just added; ?error=… says why adding failed.
const params = new URLSearchParams(location.search);

function App() {
  const library = useLibrary();
  return (
    <Options
      index={index as unknown as GlossIndex}
      sources={(announce) => (
        <Sources
          library={library}
          reviewSourceId={params.get('source')?.slice(0, 200) || undefined}
          initialError={params.get('error')?.slice(0, 2000) || undefined}
          announce={announce}
          openSource={(id) =>
            void browser.tabs.create({ url: browser.runtime.getURL(sourceLink({ source: id, start: 0, end: 0 }) as '/source.html') })
          }
          confirm={(question) => window.confirm(question)}
        />
      )}
    />
  );
}

render(<App />, document.getElementById('app')!);
