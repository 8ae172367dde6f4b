// Chromium's page script (entrypoints/content/index.ts says why it is a script of its own): leaves the page's
// wiring on the content script's isolated-world global, for the content script to run.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PAGE_SCRIPT_GLOBAL } from '@/utils/page/extras';
import { startPage } from '../content/start-page';

export default defineUnlistedScript({
  exclude: ['firefox'],
  main() {
    (globalThis as Record<string, unknown>)[PAGE_SCRIPT_GLOBAL] = startPage;
  },
});
