// The content script. In Firefox it runs the page's wiring (start-page.ts) itself. In Chromium it only imports
// that wiring as a script of its own (entrypoints/content-page/): Chromium compiles an injected content script
// on the page's main thread at every load — half of what Gloss cost a small page — while an imported script
// is compiled as it streams in, off that thread, and V8 may cache its code (BENCHMARKS.md; SECURITY.md says
// how the script is served). Firefox already compiles a content script once per process.
import './highlights.css';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PAGE_SCRIPT_GLOBAL, registeredScript } from '@/utils/page/extras';

type StartPage = (ctx: ContentScriptContext) => Promise<void>;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  // Older copies of this script are told to stop by a DOM event; WXT's extra postMessage reaches the page's listeners.
  noScriptStartedPostMessage: true,

  async main(ctx) {
    if (import.meta.env.FIREFOX) return (await import('./start-page')).startPage(ctx);
    const pageScript = registeredScript<StartPage>(
      PAGE_SCRIPT_GLOBAL,
      () => import(/* @vite-ignore */ browser.runtime.getURL('/content-page.js')),
    );
    return (await pageScript())(ctx);
  },
});
