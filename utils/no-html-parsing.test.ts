// The "lint rule" of SECURITY.md: no source file of the extension (entrypoints/, components/, utils/; tests and
// test helpers excepted) parses text as HTML, runs text as code, or asks the network for anything. Page text
// and index text only ever reach the DOM as text nodes (Preact children, textContent, CSS.highlights ranges).
// A hit fails with file:line and the rule. If a new feature truly needs one of these, change the rule here
// with the reason, and SECURITY.md with it — do not work around the pattern.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const SCANNED = ['entrypoints', 'components', 'utils'];
const SOURCE = /\.(?:ts|tsx|js|jsx|mjs|cjs|html)$/;
/** Tests and what only tests use. */
const EXEMPT = /(?:\.test\.[jt]sx?$|\.fixture\.[jt]sx?$|(?:^|\/)testing\/|(?:^|\/)node_modules\/)/;

const RULES: { name: string; pattern: RegExp }[] = [
  // Text parsed as HTML.
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(?:ln)?\b/ },
  { name: 'dangerouslySetInnerHTML', pattern: /\bdangerouslySetInnerHTML\b/ },
  { name: 'DOMParser', pattern: /\bDOMParser\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'setHTMLUnsafe / parseHTMLUnsafe', pattern: /\b(?:setHTMLUnsafe|parseHTMLUnsafe)\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
  // Text run as code.
  { name: 'eval', pattern: /\beval\s*\(|\bwindow\s*\.\s*eval\b|\bglobalThis\s*\.\s*eval\b/ },
  { name: 'new Function', pattern: /\bnew\s+Function\b|(?<![\w.$])Function\s*\(/ },
  { name: 'string timer', pattern: /\bset(?:Timeout|Interval)\s*\(\s*['"`]/ },
  { name: 'computed import()', pattern: /(?<![\w.$])import\s*\(\s*(?!['"`])/ },
  { name: 'javascript: URL', pattern: /['"`]\s*javascript:/i },
  // Requests: Gloss ships its index and asks no server for anything.
  { name: 'network request', pattern: /\b(?:fetch|importScripts)\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b|\bsendBeacon\b/ },
  // Remote code in an extension page.
  { name: 'remote script', pattern: /<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i },
];

/** Inline script and inline event handlers in extension pages: the extension CSP refuses them anyway. */
const HTML_RULES: { name: string; pattern: RegExp }[] = [
  { name: 'inline script', pattern: /<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/i },
  { name: 'inline event handler', pattern: /<[a-z][^>]*\son[a-z]+\s*=/i },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(ROOT, path).split('\\').join('/');
    if (name === 'node_modules' || EXEMPT.test(rel)) continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Every hit of the rules in `text`, as "file:line: rule: the line". */
function findViolations(file: string, text: string): string[] {
  const rules = file.endsWith('.html') ? [...RULES, ...HTML_RULES] : RULES;
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const rule of rules) if (rule.pattern.test(line)) hits.push(`${file}:${i + 1}: ${rule.name}: ${line.trim().slice(0, 120)}`);
  });
  return hits;
}

describe('no HTML parsing, no code from text, no requests in the extension sources', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));

  it('scans the extension sources (entry points, components, utils)', () => {
    const names = files.map((f) => relative(ROOT, f).split('\\').join('/'));
    expect(names).toEqual(expect.arrayContaining(['entrypoints/content/index.ts', 'entrypoints/content/card-ui.tsx', 'entrypoints/background.ts', 'components/Card.tsx', 'utils/page/annotator.ts', 'entrypoints/popup/index.html']));
    expect(names.some((n) => /\.test\./.test(n))).toBe(false);
  });

  it('finds none of the forbidden patterns (each hit is named file:line)', () => {
    const hits = files.flatMap((file) => findViolations(relative(ROOT, file).split('\\').join('/'), readFileSync(file, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('the rules catch what they are meant to', () => {
    const bad = [
      'el.innerHTML = text;',
      'el.outerHTML = x',
      "el.insertAdjacentHTML('beforeend', html)",
      'document.write(x)',
      'document . writeln(x)',
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      'new DOMParser().parseFromString(x, "text/html")',
      'range.createContextualFragment(x)',
      'el.setHTMLUnsafe(x)',
      'frame.srcdoc = x',
      'eval(code)',
      'globalThis.eval',
      'new Function("return 1")',
      'const f = Function(code)',
      "setTimeout('alert(1)', 0)",
      'await import(url)',
      "a.href = 'javascript:void 0'",
      'await fetch(url)',
      'new XMLHttpRequest()',
      'new WebSocket(u)',
      'navigator.sendBeacon(u, d)',
    ];
    for (const line of bad) expect(findViolations('x.ts', line), line).toHaveLength(1);
    expect(findViolations('x.html', '<script>alert(1)</script>')).toHaveLength(1);
    expect(findViolations('x.html', '<img src=x onerror="alert(1)">')).toHaveLength(1);
    expect(findViolations('x.html', '<script src="https://cdn.example/x.js"></script>')).toHaveLength(1);
    const fine = [
      'node.textContent = text;',
      'page.evaluate(() => 1)',
      'const evaluated = evaluate(x);',
      "await import('./module')",
      'el.dataset.html = x',
      'type Fn = Function;',
      'ctx.setTimeout(() => x, 0)',
      'prefetchHints()',
    ];
    for (const line of fine) expect(findViolations('x.ts', line), line).toEqual([]);
    expect(findViolations('x.html', '<script type="module" src="./main.tsx"></script>')).toEqual([]);
  });
});
