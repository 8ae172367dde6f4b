import { render } from 'preact';
import index from '@/data/index.json';
import { Options } from '@/components/Options';
import { browser } from 'wxt/browser';
import type { GlossIndex } from '@/utils/types';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('options_title') || 'Gloss';
render(<Options index={index as unknown as GlossIndex} />, document.getElementById('app')!);
