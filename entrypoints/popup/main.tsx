import { render } from 'preact';
import index from '@/data/index.json';
import { Popup } from '@/components/Popup';
import { useGlossIndex } from '@/hooks/use-gloss-index';
import { browser } from 'wxt/browser';
import type { GlossIndex } from '@/utils/types';

// The page's language follows the UI strings', for screen readers and CJK font choice.
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('popup_title') || 'Gloss';
const query = new URLSearchParams(location.search).get('q')?.slice(0, 200) ?? '';
const bundled = index as unknown as GlossIndex;

function App() {
  return <Popup index={useGlossIndex(bundled)} initialQuery={query} />;
}

render(<App />, document.getElementById('app')!);
