// Lint rules, run by `npm test` (the lint stage) and `npm run lint`. Formatting is Prettier's
// (.prettierrc.json), checked in the same stage. ESLint rather than Biome: the rules Gloss leans on exist
// here as maintained rules (Mozilla's no-unsanitized, per-folder no-restricted-imports), not as custom scripts.
import js from '@eslint/js';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The extension's own code: what ships and runs in a browser (tests and their helpers excepted). */
const EXTENSION = ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'hooks/**/*.{ts,tsx}', 'utils/**/*.{ts,tsx}'];
const TESTS = ['**/*.test.{ts,tsx}', '**/*.fixture.ts', 'utils/testing/**'];
/** Node-only parts of utils/: the seed reader reads files, and HTML seeds are parsed with jsdom, for `npm run index`. */
const NODE_ONLY_UTILS = ['utils/indexer/seed-reader.ts', 'utils/indexer/seed-html.ts'];

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'url',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'util',
  'jsdom',
];
const NO_NETWORK_OR_CODE_FROM_TEXT = [
  // Gloss ships its index and asks no server for anything (SECURITY.md).
  { name: 'fetch', message: 'Gloss makes no network request.' },
  { name: 'XMLHttpRequest', message: 'Gloss makes no network request.' },
  { name: 'WebSocket', message: 'Gloss makes no network request.' },
  { name: 'EventSource', message: 'Gloss makes no network request.' },
  { name: 'importScripts', message: 'No remote or dynamic code.' },
  // Text reaches the DOM as text only.
  { name: 'DOMParser', message: 'Page and index text are never parsed as HTML.' },
];
const EXTENSION_GLOBALS = [
  ...NO_NETWORK_OR_CODE_FROM_TEXT,
  ...['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'module'].map((name) => ({
    name,
    message: 'Node globals do not exist in the extension.',
  })),
];
const NO_NODE = { group: NODE_BUILTINS, message: 'Node modules do not exist in the extension (Node-only utils: NODE_ONLY_UTILS).' };
const CORE = [
  { group: ['preact', 'preact/*', '**/components/**', '@/components/**'], message: 'utils/ is the core: it imports no UI.' },
  { group: ['**/hooks/**', '@/hooks/**'], message: 'utils/ is the core: it imports no UI hook.' },
  { group: ['**/entrypoints/**', '@/entrypoints/**'], message: 'utils/ imports no entrypoint.' },
];
const HTML_SINKS = [
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'createContextualFragment',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
  'srcdoc',
].map((property) => ({ property, message: 'Text reaches the DOM as text nodes only (SECURITY.md).' }));

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.output-profile/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'scratch/**',
      'bench/tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Page-world probes and extension APIs need casts through unknown; `any` is still refused.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Playwright reads a fixture's first parameter as a destructuring pattern: `{}` is how one says "none".
  { files: ['e2e/support/fixtures.ts'], rules: { 'no-empty-pattern': 'off' } },
  // --- The extension's code: browser only, no HTML parsing, no network, no code from text ----------------
  {
    files: EXTENSION,
    ignores: [...TESTS, ...NODE_ONLY_UTILS],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      // import() only of Gloss's own packaged files, at the address the browser gives them (the page extras).
      'no-unsanitized/method': [
        'error',
        {
          escape: {
            methods: ['browser.runtime.getURL', 'Sanitizer.unwrapSafeHTML', 'unwrapSafeHTML'],
            taggedTemplates: ['Sanitizer.escapeHTML', 'escapeHTML'],
          },
        },
      ],
      'no-unsanitized/property': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-globals': ['error', ...EXTENSION_GLOBALS],
      'no-restricted-properties': [
        'error',
        ...HTML_SINKS,
        { object: 'document', property: 'write', message: 'Text reaches the DOM as text nodes only.' },
        { object: 'document', property: 'writeln', message: 'Text reaches the DOM as text nodes only.' },
        { object: 'navigator', property: 'sendBeacon', message: 'Gloss makes no network request.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Text reaches the DOM as text nodes only.' },
        {
          // With no-unsanitized's getURL escape: import() only of a packaged file named in the code.
          selector: "ImportExpression > CallExpression.source[arguments.0.type!='Literal']",
          message: "import() only of a file of the package, named by a literal: browser.runtime.getURL('/file.js').",
        },
      ],
      'no-restricted-imports': ['error', { patterns: [NO_NODE] }],
    },
  },
  // --- Floors: the core imports no UI; components reach no browser API; hooks feed components -----------
  {
    files: ['utils/**/*.{ts,tsx}'],
    ignores: [...TESTS, ...NODE_ONLY_UTILS],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE, NO_NODE] }] },
  },
  { files: NODE_ONLY_UTILS, rules: { 'no-restricted-imports': ['error', { patterns: CORE }] } },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt/browser', 'webextension-polyfill', '@wxt-dev/storage', 'wxt/utils/storage'],
              message: 'Components only render: the browser and storage side lives in hooks/ and utils/.',
            },
            {
              group: ['**/utils/settings', '@/utils/settings'],
              importNames: ['getSettings', 'saveSettings', 'updateSettings', 'watchSettings'],
              message: 'Components read and write settings through hooks/use-settings.',
            },
            { group: ['**/entrypoints/**', '@/entrypoints/**'], message: 'Components import no entrypoint.' },
            NO_NODE,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...EXTENSION_GLOBALS,
        { name: 'browser', message: 'Components only render: the browser side lives in hooks/ and utils/.' },
        { name: 'chrome', message: 'Components only render: the browser side lives in hooks/ and utils/.' },
      ],
    },
  },
  {
    files: ['hooks/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**', '@/components/**'], message: 'Hooks feed components; they import none.' },
            { group: ['**/entrypoints/**', '@/entrypoints/**'], message: 'Hooks import no entrypoint.' },
            NO_NODE,
          ],
        },
      ],
    },
  },
);
