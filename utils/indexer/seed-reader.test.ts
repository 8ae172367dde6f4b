import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GlossInputError } from './errors';
import { readSeedDirectory, readSeedFile, type ReadSeed } from './seed-reader';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const SEED_ID = '000_bbac0297650de592';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh folder under the system temp folder holding the given files. */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-seeds-'));
  roots.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Reads one seed file written to a temp folder, named "seeds/<name>" in messages. */
function read(name: string, content: string | Uint8Array, extra: Record<string, string | Uint8Array> = {}): ReadSeed {
  const dir = folder({ [name]: content, ...extra });
  return readSeedFile(join(dir, name), `seeds/${name}`);
}

function inputError(run: () => unknown): GlossInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GlossInputError);
    return error as GlossInputError;
  }
  throw new Error('expected a GlossInputError');
}

function paragraphTexts(seed: ReadSeed): string[] {
  return seed.paragraphs.map(([start, end]) => seed.text.slice(start, end));
}

describe('the seed', () => {
  const seed = readSeedFile(join(SEEDS, `${SEED_ID}.txt`), `seeds/${SEED_ID}.txt`);
  const lines = readFileSync(join(SEEDS, `${SEED_ID}.txt`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  it('takes the date from the first line and the rest of that line as text', () => {
    expect(seed.date).toBe('2025-07-18');
    expect(seed.text.startsWith('当 DeepSeek-R1 于 1 月 20 日发布时')).toBe(true);
    expect(seed.text).not.toContain('date 2025');
  });

  it('takes title, publisher and language from the meta.json beside it and invents no url', () => {
    expect(seed).toMatchObject({
      id: SEED_ID,
      file: `seeds/${SEED_ID}.txt`,
      title: 'DeepSeek-R1 发布六个月后',
      publisher: 'IBM Think',
      lang: 'zh',
    });
    expect(seed.url).toBeUndefined();
    expect(seed.warnings).toEqual([]);
  });

  it('keeps every paragraph verbatim, one per line', () => {
    expect(paragraphTexts(seed)).toEqual([lines[0].replace(/^date 2025-07-18\s*/, ''), ...lines.slice(1)]);
    expect(seed.text).toBe(paragraphTexts(seed).join('\n'));
    expect(seed.paragraphs).toHaveLength(30);
  });

  it('is what readSeedDirectory gives for the seeds folder', () => {
    const seeds = readSeedDirectory(SEEDS);
    expect(seeds.map((s) => s.id)).toContain(SEED_ID);
    expect(seeds.find((s) => s.id === SEED_ID)).toEqual(seed);
  });
});

describe('readSeedFile: bytes', () => {
  it('rejects an empty or blank file', () => {
    expect(inputError(() => read('x.txt', '')).message).toBe('seeds/x.txt: is empty');
    expect(inputError(() => read('x.txt', ' \n\t\r\n  ')).message).toBe('seeds/x.txt: is empty');
  });

  it('rejects binary content', () => {
    expect(inputError(() => read('x.txt', new Uint8Array([0x68, 0x69, 0x00, 0x21]))).message).toBe(
      'seeds/x.txt: looks binary, not like text',
    );
    const controls = new Uint8Array(100).map((_, i) => (i % 3 === 0 ? 0x01 : 0x61));
    expect(inputError(() => read('x.txt', controls)).reason).toBe('looks binary, not like text');
  });

  it('rejects UTF-16 with a helpful message', () => {
    expect(inputError(() => read('x.txt', new Uint8Array([0xff, 0xfe, 0x68, 0x00]))).reason).toBe('is UTF-16 text; save it as UTF-8');
  });

  it('rejects invalid UTF-8, naming the line of the first bad byte', () => {
    const bytes = new Uint8Array([...Buffer.from('line one\nline two\r\nbad: '), 0xc3, 0x28, ...Buffer.from('\nfine')]);
    const error = inputError(() => read('x.txt', bytes));
    expect(error.message).toBe('seeds/x.txt:3: is not valid UTF-8');
    expect(error.line).toBe(3);
  });

  it('rejects overlong forms, surrogates and truncated sequences', () => {
    expect(inputError(() => read('x.txt', new Uint8Array([0x61, 0xc0, 0xaf]))).line).toBe(1); // overlong "/"
    expect(inputError(() => read('x.txt', new Uint8Array([0x0a, 0xed, 0xa0, 0x80]))).line).toBe(2); // surrogate
    expect(inputError(() => read('x.txt', new Uint8Array([0x0a, 0x0a, 0x61, 0xe4, 0xb8]))).line).toBe(3); // truncated 中
  });

  it('strips a BOM and normalises CRLF and CR line breaks', () => {
    const seed = read('x.txt', '\ufeffFirst line.\r\nSecond line.\rThird line.\n');
    expect(seed.text).toBe('First line.\nSecond line.\nThird line.');
    expect(seed.paragraphs).toEqual([
      [0, 11],
      [12, 24],
      [25, 36],
    ]);
  });

  it('rejects unknown file types', () => {
    const dir = folder({ 'x.pdf': 'text' });
    expect(inputError(() => readSeedFile(join(dir, 'x.pdf'), 'seeds/x.pdf')).message).toMatch(
      /^seeds\/x\.pdf: unsupported seed type "\.pdf"/,
    );
  });
});

describe('readSeedFile: plain text', () => {
  it('trims paragraphs and drops blank lines', () => {
    const seed = read('x.txt', '  First paragraph.  \n\n\n\u3000Second paragraph.\t\n');
    expect(paragraphTexts(seed)).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('reads the date prefix with leading whitespace', () => {
    const seed = read('x.txt', '   date 2024-02-29   Leap day text.\nMore.');
    expect(seed.date).toBe('2024-02-29');
    expect(paragraphTexts(seed)).toEqual(['Leap day text.', 'More.']);
  });

  it('takes a date line with nothing else on it as metadata only', () => {
    const seed = read('x.txt', 'date 2025-07-18\nThe article.');
    expect(seed.date).toBe('2025-07-18');
    expect(seed.text).toBe('The article.');
  });

  it('rejects an invalid date on line 1', () => {
    expect(inputError(() => read('x.txt', 'date 2025-13-45 Text.')).message).toBe(
      'seeds/x.txt:1: "date 2025-13-45" is not a valid date (expected YYYY-MM-DD)',
    );
    expect(inputError(() => read('x.txt', 'date 2025-02-29 Text.')).line).toBe(1);
    expect(inputError(() => read('x.txt', 'date 2025/07/18 Text.')).line).toBe(1);
  });

  it('leaves a first line that merely starts with the word "date" alone', () => {
    const seed = read('x.txt', 'date night is popular.');
    expect(seed.text).toBe('date night is popular.');
    expect(seed.date).toBeUndefined();
  });

  it('warns when there is no date, but reads the seed', () => {
    expect(read('x.txt', 'Some text.').warnings).toEqual(['seeds/x.txt: no date']);
  });

  it('rejects a file with a date and no text', () => {
    expect(inputError(() => read('x.txt', 'date 2025-07-18\n\n')).message).toBe('seeds/x.txt: has no article text');
  });
});

describe('readSeedFile: defaults', () => {
  it('detects Chinese by the share of Han characters, English otherwise', () => {
    expect(read('x.txt', '这是一篇关于 DeepSeek 和 OpenAI 的中文文章。').lang).toBe('zh');
    expect(read('x.txt', 'An English article that mentions 北京 once.').lang).toBe('en');
  });

  it('takes the first 60 characters of the first paragraph as title', () => {
    const first = 'A'.repeat(50) + '文'.repeat(20);
    expect(read('x.txt', `${first}\nSecond.`).title).toBe('A'.repeat(50) + '文'.repeat(10));
    expect(read('x.txt', 'Short first.\nSecond.').title).toBe('Short first.');
  });

  it('never invents a url', () => {
    expect(read('x.txt', 'Text.').url).toBeUndefined();
    expect(read('x.md', '---\ntitle: T\n---\nText.').url).toBeUndefined();
  });
});

describe('readSeedFile: meta.json', () => {
  it('overrides what the file says', () => {
    const meta = JSON.stringify({ title: 'T', publisher: 'P', date: '2024-01-02', lang: 'en-GB', url: 'https://example.com/a' });
    const seed = read('x.txt', 'date 2025-07-18 Text.', { 'x.meta.json': meta });
    expect(seed).toMatchObject({ title: 'T', publisher: 'P', date: '2024-01-02', lang: 'en-GB', url: 'https://example.com/a' });
    expect(seed.warnings).toEqual([]);
  });

  it('reports bad JSON with the meta file and line', () => {
    const error = inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{\n  "title": "T",\n  "lang": zh\n}' }));
    expect(error.file).toBe('seeds/x.meta.json');
    expect(error.line).toBe(3);
    expect(error.message).toBe('seeds/x.meta.json:3: is not valid JSON (unexpected "z")');
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{\n"title": "T",\n}' })).line).toBe(3);
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{"title": "T"' })).reason).toBe('is not valid JSON (unexpected end)');
  });

  it('rejects unknown keys, non-strings and bad values, naming their line', () => {
    const unknown = inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{\n "title": "T",\n "titel": "T"\n}' }));
    expect(unknown.message).toMatch(/^seeds\/x\.meta\.json:3: unknown key "titel"/);
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{"title": 3}' })).reason).toBe('"title" must be a string');
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{\n"date": "2025-13-45"}' })).message).toBe(
      'seeds/x.meta.json:2: "2025-13-45" is not a valid date (expected YYYY-MM-DD)',
    );
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{"url": "example.com"}' })).reason).toMatch(
      /not an absolute http\(s\) url/,
    );
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '{"lang": "Chinese"}' })).reason).toMatch(/not a language tag/);
    expect(inputError(() => read('x.txt', 'Text.', { 'x.meta.json': '[]' })).message).toMatch(
      /^seeds\/x\.meta\.json:1: must hold a JSON object/,
    );
  });
});

describe('readSeedFile: Markdown', () => {
  it('reads front matter, headings, lists and inline markup', () => {
    const markdown = [
      '---',
      'title: "A Markdown seed"',
      'date: 2025-07-18',
      'publisher: Example',
      'author: Jane Roe',
      'tags:',
      '  - ai',
      '---',
      '# The *big* heading #',
      '',
      'A **bold** claim with a [link](https://example.com/x) and an ![image](a.png),',
      'continued on a second line with `code` and snake_case_name.',
      '',
      '- first item',
      '- second _item_',
      '',
      '> A quoted line.',
      '',
      '```',
      'const dropped = "code";',
      '```',
      '',
      '***',
      '',
      '中文第一行',
      '接着第二行，escaped \\*star\\*.',
    ].join('\n');
    const seed = read('x.md', markdown);
    expect(seed).toMatchObject({ title: 'A Markdown seed', date: '2025-07-18', publisher: 'Example', author: 'Jane Roe', lang: 'en' });
    expect(paragraphTexts(seed)).toEqual([
      'The big heading',
      'A bold claim with a link and an image, continued on a second line with code and snake_case_name.',
      'first item',
      'second item',
      'A quoted line.',
      '中文第一行接着第二行，escaped *star*.',
    ]);
  });

  it('treats a setext underline as the end of a heading', () => {
    expect(paragraphTexts(read('x.md', 'Heading\n=======\nBody text.'))).toEqual(['Heading', 'Body text.']);
  });

  it('rejects unclosed front matter and bad front matter values with their line', () => {
    expect(inputError(() => read('x.md', '---\ntitle: T\nText.')).message).toMatch(/^seeds\/x\.md:1: front matter/);
    expect(inputError(() => read('x.md', '---\ntitle: T\ndate: 2025-13-45\n---\nText.')).message).toBe(
      'seeds/x.md:3: "2025-13-45" is not a valid date (expected YYYY-MM-DD)',
    );
  });
});

describe('readSeedFile: HTML', () => {
  const article = `<!doctype html>
<html lang="en-GB"><head><title>Gloss test article</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-07-18T09:00:00Z">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://news.example.com/gloss">
<script>var hidden = "script text";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article>
<p>“It works,” Li said.   The   model
ran fast.</p>
<p>Second paragraph with <em>emphasis</em> and a <a href="/x">link</a>.</p>
<ul><li>First item</li><li>Second <b>item</b></li></ul>
<blockquote><p>A quoted block.</p></blockquote>
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
</article>
</body></html>`;

  it('extracts the article’s blocks and its metadata with Readability', () => {
    const seed = read('x.html', article);
    expect(seed).toMatchObject({
      title: 'Gloss test article',
      publisher: 'Example News',
      author: 'Jane Roe',
      date: '2025-07-18',
      lang: 'en-GB',
      url: 'https://news.example.com/gloss',
      warnings: [],
    });
    expect(paragraphTexts(seed)).toEqual([
      '“It works,” Li said. The model ran fast.',
      'Second paragraph with emphasis and a link.',
      'First item',
      'Second item',
      'A quoted block.',
      'Cell one',
      'Cell two',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
    ]);
    expect(seed.text).not.toContain('script text');
  });

  it('never takes the DOM’s placeholder address for the url', () => {
    const seed = read('x.html', '<html><head><link rel="canonical" href="/relative"></head><body><p>Text of the page.</p></body></html>');
    expect(seed.url).toBeUndefined();
  });

  it('falls back to the body text, with a warning, when Readability finds no article', () => {
    const seed = read('x.html', '<html><body><aside><p>Only aside text here.</p></aside></body></html>');
    expect(seed.text).toBe('Only aside text here.');
    expect(seed.warnings).toEqual(['seeds/x.html: Readability found no article; the whole page text is used', 'seeds/x.html: no date']);
  });

  it('rejects a page without text', () => {
    expect(inputError(() => read('x.html', '<html><body></body></html>')).reason).toBe('has no article text');
  });
});

describe('readSeedDirectory', () => {
  it('reads seeds in file-name order, skipping dotfiles and folders, with their meta.json', () => {
    const dir = folder({
      'b.md': 'Second seed.',
      'a.txt': 'date 2025-01-01 First seed.',
      'a.meta.json': '{"title": "First"}',
      '.hidden.txt': 'ignored',
    });
    mkdirSync(join(dir, 'sub'));
    const seeds = readSeedDirectory(dir, 'seeds');
    expect(seeds.map((s) => [s.id, s.file, s.title])).toEqual([
      ['a', 'seeds/a.txt', 'First'],
      ['b', 'seeds/b.md', 'Second seed.'],
    ]);
  });

  it('names files after the folder by default', () => {
    const dir = folder({ 'a.txt': 'Text.' });
    const folderName = dir.split(/[\\/]/).at(-1);
    expect(readSeedDirectory(dir)[0].file).toBe(`${folderName}/a.txt`);
  });

  it('rejects a missing folder', () => {
    expect(inputError(() => readSeedDirectory(join(tmpdir(), 'gloss-no-such-folder'), 'seeds')).message).toBe(
      'seeds: seed folder cannot be read (ENOENT)',
    );
  });

  it('rejects unknown extensions, duplicate ids and meta.json files without a seed', () => {
    expect(inputError(() => readSeedDirectory(folder({ 'a.txt': 'Text.', 'b.docx': 'x' }), 'seeds')).message).toMatch(
      /^seeds\/b\.docx: unsupported/,
    );
    expect(inputError(() => readSeedDirectory(folder({ 'a.txt': 'Text.', 'a.md': 'Text.' }), 'seeds')).message).toBe(
      'seeds/a.txt: has the same id "a" as seeds/a.md',
    );
    expect(inputError(() => readSeedDirectory(folder({ 'a.txt': 'Text.', 'ab.meta.json': '{}' }), 'seeds')).message).toMatch(
      /^seeds\/ab\.meta\.json: has no seed beside it/,
    );
  });
});
