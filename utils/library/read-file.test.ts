// @vitest-environment happy-dom
// A user's file is read by the seed rules of its format, and every bad file is refused by name (and line)
// before anything reaches the library.
import { describe, expect, it } from 'vitest';
import { GlossInputError } from '../indexer/errors';
import { parseInertHtml } from './inert-html';
import { MAX_FILE_BYTES, readUserFile } from './read-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (name: string, data: Uint8Array) => readUserFile(name, data, parseInertHtml);

describe('readUserFile', () => {
  it('reads text, Markdown and an HTML article by the seed rules', () => {
    expect(read('notes.txt', bytes('date 2025-03-01 First line.\n\nSecond line.')).paragraphs).toEqual(['First line.', 'Second line.']);
    const markdown = read('post.md', bytes('---\ntitle: A post\n---\n# Heading\n\nSome *emphasis* here.\n'));
    expect(markdown.metadata.title).toBe('A post');
    expect(markdown.paragraphs).toEqual(['Heading', 'Some emphasis here.']);
    const html = read(
      'page.html',
      bytes(
        '<html lang="en"><head><title>Lab news</title><script>window.ran = true</script></head><body><nav>Menu</nav><article><h1>Lab news</h1>' +
          '<p>Mistral Forge opened a lab in Lyon on Tuesday, with forty researchers from across Europe.</p>'.repeat(3) +
          '</article></body></html>',
      ),
    );
    expect(html.paragraphs).toContain('Mistral Forge opened a lab in Lyon on Tuesday, with forty researchers from across Europe.');
    expect(html.metadata.lang).toBe('en');
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined(); // the file's script never ran
  });

  it.each([
    ['empty.txt', new Uint8Array(0), /empty\.txt: is empty/],
    ['binary.md', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0]), /binary\.md: looks binary/],
    ['latin1.txt', new Uint8Array([...bytes('line one\ncaf'), 0xe9, ...bytes(' au lait\n')]), /latin1\.txt:2: is not valid UTF-8/],
    ['slides.pdf', bytes('%PDF-1.7'), /slides\.pdf: cannot be imported: ".pdf"/],
    ['huge.txt', new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), /huge\.txt: is too big/],
  ])('refuses %s with its name', (name, data, message) => {
    expect(() => read(name, data)).toThrow(GlossInputError);
    expect(() => read(name, data)).toThrow(message);
  });
});
