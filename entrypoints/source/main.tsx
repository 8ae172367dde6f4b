// source.html: shows a seed document at a passage (?source=&start=&end=, with exact/prefix/suffix as a
// fallback and entity= to open an entity's details). Navigation between passages stays on this page and in
// its history, so Back returns to the previous passage.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import rawIndex from '../../data/index.json';
import { SOURCE_CSS, SourceView } from '../../components/SourceView';
import { SOURCE_PAGE, parseSourceParams } from '../../utils/view/entity-view';
import { t } from '../../utils/i18n';
import { useGlossIndex } from '../../hooks/use-gloss-index';
import type { GlossIndex } from '../../utils/types';

// The JSON's inferred type is structural and wide (strings, not unions); the build validated it as an index.
const bundled = rawIndex as unknown as GlossIndex;

function App() {
  // The user's own sources are shown like the seeds: the background's combined index has them.
  const index = useGlossIndex(bundled);
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPop = () => setSearch(location.search);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const params = parseSourceParams(search);
  const source = index.sources.find((s) => s.id === params.source);
  useEffect(() => {
    document.title = source ? `${source.title} – ${t('extName')}` : t('extName');
  }, [source]);

  const navigate = (url: string) => {
    // Only our own page: a URL from the index or a link is never followed elsewhere from here.
    const target = new URL(url, location.href);
    if (target.origin !== location.origin || target.pathname !== SOURCE_PAGE) return;
    history.pushState(null, '', target.pathname + target.search);
    setSearch(target.search);
  };

  return <SourceView index={index} params={params} onNavigate={navigate} />;
}

document.documentElement.lang = browser.i18n.getUILanguage();
const style = document.createElement('style');
style.textContent = SOURCE_CSS;
document.head.append(style);
render(<App />, document.getElementById('app')!);
