import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

// Fixed so that Firefox keeps storage across reinstalls and the tests know the moz-extension origin.
export const GECKO_ID = 'gloss@gloss.example';

// V8's compile hint for a whole file: every function is compiled as the script streams in, off the page's main
// thread (and can be kept in V8's code cache), instead of being compiled on the main thread when first called.
// Chromium's page script runs nearly all of its functions at every start (BENCHMARKS.md).
const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const eagerlyCompiled: Plugin = {
  name: 'gloss-eager-compile',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.fileName === 'content-page.js') chunk.code = EAGER_COMPILE_HINT + chunk.code;
    }
  },
};

export default defineConfig({
  // Every import is written out: auto-imports made any export of utils/ or components/ (test fixtures
  // included) a global name in the extension.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // GLOSS_PROFILE_BUILD=1: readable function names in CPU profiles (bench, scratch profiling).
  vite: () => ({ plugins: [preact(), eagerlyCompiled], build: process.env.GLOSS_PROFILE_BUILD ? { minify: false } : {} }),
  outDir: process.env.GLOSS_PROFILE_BUILD ? '.output-profile' : undefined,
  // The sources package a Firefox reviewer rebuilds from: what git tracks, not local scratch or test output.
  zip: { excludeSources: ['scratch/**', 'test-results/**', 'playwright-report/**', 'bench/tmp/**', 'docs/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'activeTab'],
    // Extension pages run only their own packaged scripts: no inline or remote code, no eval or wasm, no
    // plugins, no <base> or form redirection, and no page may frame them (SECURITY.md).
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    // What the content script imports (utils/page/extras.ts): the page extras, on demand, and in Chromium the
    // page script at every start. Chromium serves them only at a per-session address (use_dynamic_url), so no
    // page can probe a fixed one to tell Gloss is installed; Firefox's extension address is already random per
    // installation (SECURITY.md).
    web_accessible_resources: [
      browser === 'firefox'
        ? { resources: ['content-extras.js'], matches: ['<all_urls>'] }
        : { resources: ['content-page.js', 'content-extras.js'], matches: ['<all_urls>'], use_dynamic_url: true },
    ],
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_command_next_mention__',
      },
      'add-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_command_add_page__',
      },
    },
    // Chromium: the version Gloss is tested on as its minimum (Debian bookworm's, README); Firefox: strict_min_version.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '150' }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
