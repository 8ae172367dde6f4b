// @vitest-environment happy-dom
// "Add this page" keeps the page's canonical address only when it is on the site the page was read on.
import { describe, expect, it } from 'vitest';
import { parseInertHtml } from './inert-html';
import { readPageArticle } from './page-article';

const page = (canonical: string) =>
  parseInertHtml(
    `<html lang="en"><head><title>Lab news</title><link rel="canonical" href="${canonical}"></head><body><article>` +
      '<p>Mistral Forge opened a lab in Lyon on Tuesday, with forty researchers from across Europe.</p>'.repeat(4) +
      '</article></body></html>',
  );

describe('readPageArticle', () => {
  it('keeps a canonical address on the same site (www., m., amp. variants)', () => {
    const article = readPageArticle(page('https://www.news.example/2026/lab'), 'https://m.news.example/2026/lab?utm=x');
    expect(article.metadata.url).toBe('https://www.news.example/2026/lab');
    expect(article.location).toBe('https://m.news.example/2026/lab?utm=x');
    expect(article.paragraphs[0]).toContain('Mistral Forge');
  });

  it('drops a canonical address on another site: a page cannot file itself under another site’s name', () => {
    expect(readPageArticle(page('https://www.trusted-paper.example/story'), 'https://attacker.example/story').metadata.url).toBeUndefined();
    expect(readPageArticle(page('https://www.trusted-paper.example/story'), 'file:///home/me/story.html').metadata.url).toBeUndefined();
  });
});
