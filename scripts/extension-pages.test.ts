// Gloss's own HTML pages run only their packaged module script: no inline script, no inline event handler,
// no remote script (the extension CSP refuses them anyway; this names the file and line before a browser
// does). The TypeScript side of the same rules is lint (eslint.config.js, tested in scripts/lint-rules.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'inline script', pattern: /<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/i },
  { name: 'inline event handler', pattern: /<[a-z][^>]*\son[a-z]+\s*=/i },
  { name: 'remote script', pattern: /<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i },
];

function violations(file: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) => RULES.filter((rule) => rule.pattern.test(line)).map((rule) => `${file}:${i + 1}: ${rule.name}`));
}

const ENTRYPOINTS = join(__dirname, '..', 'entrypoints');
const pages = readdirSync(ENTRYPOINTS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(entry.name, 'index.html'))
  .filter((file) => {
    try {
      readFileSync(join(ENTRYPOINTS, file));
      return true;
    } catch {
      return false;
    }
  });

describe("the extension's HTML pages", () => {
  it('are found (popup, options, source)', () => {
    expect(pages.sort()).toEqual(['options/index.html', 'popup/index.html', 'source/index.html']);
  });

  it.each(pages)('%s has no inline or remote script', (file) => {
    expect(violations(file, readFileSync(join(ENTRYPOINTS, file), 'utf8'))).toEqual([]);
  });

  it('the rules catch what they are meant to', () => {
    expect(violations('x.html', '<script>alert(1)</script>')).toEqual(['x.html:1: inline script']);
    expect(violations('x.html', '<img src=x onerror="alert(1)">')).toEqual(['x.html:1: inline event handler']);
    expect(violations('x.html', '<script src="https://cdn.example/x.js"></script>')).toEqual(['x.html:1: remote script']);
    expect(violations('x.html', '<script type="module" src="./main.tsx"></script>')).toEqual([]);
  });
});
