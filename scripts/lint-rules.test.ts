// The lint rules that keep SECURITY.md's promises and the folders' floors (eslint.config.js), checked
// against code that must fail and code that must pass: a rule that silently stops firing fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The rule ids ESLint reports for `code` as if it were the file `filePath` (relative to the project). */
async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const SECURITY_RULES = /^(no-unsanitized\/|no-restricted-|no-eval$|no-implied-eval$|no-new-func$|no-script-url$)/;

describe('extension code: no HTML parsing, no code from text, no network, no Node', () => {
  const bad = [
    'el.innerHTML = text;',
    "el.innerHTML = '';",
    'el.outerHTML = x;',
    "el.insertAdjacentHTML('beforeend', html);",
    'document.write(x);',
    'document.writeln(x);',
    'const e = <div dangerouslySetInnerHTML={{ __html: x }} />;',
    'new DOMParser().parseFromString(x, "text/html");',
    'range.createContextualFragment(x);',
    'el.setHTMLUnsafe(x);',
    'Document.parseHTMLUnsafe(x);',
    'frame.srcdoc = x;',
    'eval(code);',
    'globalThis.eval(code);',
    'window.eval(code);',
    'new Function("return 1");',
    'const f = Function(code);',
    'document . writeln(x);',
    "setTimeout('alert(1)', 0);",
    'await import(url);',
    'await import(browser.runtime.getURL(url) + x);',
    'await import(browser.runtime.getURL(url));',
    "a.href = 'javascript:void 0';",
    'await fetch(url);',
    'new XMLHttpRequest();',
    'new WebSocket(u);',
    'new EventSource(u);',
    'navigator.sendBeacon(u, d);',
    "import { readFileSync } from 'node:fs';",
    'const v = process.env.X;',
  ];
  it.each(bad)('refuses %s', async (code) => {
    const hits = (
      await rulesHit(
        `declare const el: any, x: any, text: any, html: any, range: any, code: any, url: any, u: any, d: any, frame: any, a: any, browser: any;\n${code}\nexport {};`,
        'utils/example.tsx',
      )
    ).filter((id) => SECURITY_RULES.test(id));
    expect(hits.length, code).toBeGreaterThan(0);
  });

  const fine = [
    'node.textContent = text;',
    "const m = await import('./module');",
    "await import(browser.runtime.getURL('/content-extras.js'));",
    'el.dataset.html = x;',
    'window.setTimeout(() => x, 0);',
    'CSS.highlights.set(name, new Highlight());',
    'page.evaluate(() => 1);',
    'const evaluated = evaluate(x);',
    'type Fn = Function;',
    'ctx.setTimeout(() => x, 0);',
    'prefetchHints();',
  ];
  it.each(fine)('allows %s', async (code) => {
    const hits = (
      await rulesHit(
        `declare const node: any, el: any, x: any, text: any, name: any, page: any, evaluate: any, ctx: any, prefetchHints: any, browser: any;\n${code}\nexport {};`,
        'utils/example.ts',
      )
    ).filter((id) => SECURITY_RULES.test(id));
    expect(hits, code).toEqual([]);
  });

  it('applies to every extension source (entry points, components, hooks, utils) and to no test', async () => {
    const covered = async (file: string) => 'no-unsanitized/property' in (await eslint.calculateConfigForFile(file)).rules;
    for (const file of [
      'entrypoints/content/index.ts',
      'entrypoints/content-extras/card-ui.tsx',
      'entrypoints/background.ts',
      'components/Card.tsx',
      'hooks/use-settings.ts',
      'utils/page/annotator.ts',
    ]) {
      expect(await covered(file), file).toBe(true);
    }
    for (const file of ['utils/page/annotator.test.ts', 'components/Card.test.tsx', 'utils/testing/fixture-index.ts'])
      expect(await covered(file), file).toBe(false);
  });

  it('finds none of the forbidden patterns in the extension sources (each hit named file:line)', async () => {
    const results = await eslint.lintFiles(['entrypoints', 'components', 'hooks', 'utils']);
    const hits = results.flatMap((result) =>
      result.messages
        .filter((m) => SECURITY_RULES.test(m.ruleId ?? ''))
        .map((m) => `${result.filePath}:${m.line}: ${m.ruleId}: ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  });

  it('lets tests and Node scripts use Node and test strings', async () => {
    expect(
      await rulesHit(
        "import { readFileSync } from 'node:fs';\nexport const s = readFileSync('x', 'utf8') + 'javascript:';\n",
        'utils/example.test.ts',
      ),
    ).toEqual([]);
    expect(
      await rulesHit("import { readFileSync } from 'node:fs';\nexport const s = readFileSync('x', 'utf8');\n", 'scripts/example.ts'),
    ).toEqual([]);
  });
});

describe('folders: the core imports no UI, components reach no browser API, hooks feed components', () => {
  const cases: [string, string, boolean][] = [
    ["import { h } from 'preact';", 'utils/example.ts', false],
    ["import { Card } from '../components/Card';", 'utils/example.ts', false],
    ["import { Card } from '@/components/Card';", 'utils/page/example.ts', false],
    ["import { useSettings } from '../hooks/use-settings';", 'utils/example.ts', false],
    ["import main from '../entrypoints/background';", 'utils/example.ts', false],
    ["import { browser } from 'wxt/browser';", 'utils/example.ts', true],
    ["import { browser } from 'wxt/browser';", 'components/Example.tsx', false],
    ["import { storage } from '@wxt-dev/storage';", 'components/Example.tsx', false],
    ["import { getSettings } from '../utils/settings';", 'components/Example.tsx', false],
    ["import { isSiteEnabled } from '../utils/settings';", 'components/Example.tsx', true],
    ["import { useSettings } from '../hooks/use-settings';", 'components/Example.tsx', true],
    ["import { Card } from '../components/Card';", 'hooks/use-example.ts', false],
    ["import { browser } from 'wxt/browser';", 'hooks/use-example.ts', true],
  ];
  it.each(cases)('%s in %s: allowed = %s', async (code, filePath, allowed) => {
    const hits = (await rulesHit(`${code}\nexport const used = [${code.match(/import (?:\{ )?(\w+)/)![1]}];\n`, filePath)).filter(
      (id) => id === 'no-restricted-imports',
    );
    expect(hits.length === 0, `${code} in ${filePath}`).toBe(allowed);
  });

  it('a component may not call the browser API through the global either', async () => {
    expect(await rulesHit('export const open = () => browser.runtime.openOptionsPage();\n', 'components/Example.tsx')).toContain(
      'no-restricted-globals',
    );
  });
});
