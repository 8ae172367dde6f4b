import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMatcher, createScanState, findMentions } from '../utils/matcher';
import type { GlossIndex, MatcherData } from '../utils/types';
import { syntheticIndex, syntheticMatcherData, syntheticNames } from './catalog';
import { generatePage, generateProse, mulberry32, plantingsFromIndex } from './pages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = JSON.parse(readFileSync(path.join(root, 'data', 'index.json'), 'utf8')) as GlossIndex;
const matcherData = JSON.parse(readFileSync(path.join(root, 'data', 'matcher.json'), 'utf8')) as MatcherData;

/** The text of the generated HTML, paragraph by paragraph (what a page's runs roughly are). */
function paragraphs(html: string): string[] {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
    .filter((line) => line.trim());
}

describe('mulberry32', () => {
  it('is deterministic and spread over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});

describe('generatePage', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`gives the same bytes for the same seed, and other bytes for another (${lang})`, () => {
      const plantings = plantingsFromIndex(index, lang);
      const one = generatePage({ lang, bytes: 20_000, seed: 7 }, plantings);
      expect(generatePage({ lang, bytes: 20_000, seed: 7 }, plantings).html).toBe(one.html);
      expect(generatePage({ lang, bytes: 20_000, seed: 8 }, plantings).html).not.toBe(one.html);
    });

    it(`reaches the size asked for and plants names the matcher finds (${lang})`, () => {
      const page = generatePage({ lang, bytes: 50_000, seed: 3 }, plantingsFromIndex(index, lang));
      expect(page.bytes).toBeGreaterThanOrEqual(50_000);
      expect(page.bytes).toBeLessThan(55_000);
      expect(page.html.startsWith('<!doctype html>')).toBe(true);
      const matcher = createMatcher(matcherData);
      const state = createScanState();
      const found = paragraphs(page.html).reduce((n, text) => n + findMentions(matcher, text, state).length, 0);
      // Every planted mention is found (prose words may add a few more).
      expect(found).toBeGreaterThanOrEqual(page.planted * 0.98);
      expect(found).toBeLessThanOrEqual(page.planted * 1.1);
      // The density asked for: about 2.5 (en) or 6 (zh) per 1,000 characters.
      const density = (page.planted / page.textChars) * 1000;
      expect(density).toBeGreaterThan(lang === 'en' ? 2 : 5);
      expect(density).toBeLessThan(lang === 'en' ? 3 : 7);
    });
  }

  it('stops at a number of mentions when asked', () => {
    const page = generatePage({ lang: 'en', bytes: 0, seed: 1, mentions: 300 }, plantingsFromIndex(index, 'en'));
    expect(page.planted).toBe(300);
  });
});

describe('synthetic catalogs', () => {
  it('are deterministic, distinct and of the size asked for', () => {
    const names = syntheticNames(5_000);
    expect(new Set(names.map((n) => n.text)).size).toBe(5_000);
    expect(syntheticNames(5_000)).toEqual(names);
    expect(syntheticMatcherData(1_000).aliases).toHaveLength(1_000);
    expect(syntheticIndex(500).entities).toHaveLength(500);
  });

  it('plant names the matcher finds in generated prose', () => {
    const data = syntheticMatcherData(2_000);
    const latin = data.aliases.filter((a) => !/[\u4e00-\u9fff]/.test(a.text)).map((a) => a.text);
    const text = generateProse('en', 20_000, 5, latin);
    const found = findMentions(createMatcher(data), text);
    expect(found.length).toBeGreaterThan(40);
  });
});
