import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureIndex } from '../testing/fixture-index';
import type { GlossIndex } from '../types';
import { snippet, type Highlighted } from './highlight';
import { createSearch } from './index';
import { keyOf, normalizeKey, toTextRanges } from './keys';

const search = createSearch(fixtureIndex());
const marked = ({ text, ranges }: Highlighted) => ranges.map(([start, end]) => text.slice(start, end));

describe('normalizeKey', () => {
  it('folds case, width and separators', () => {
    expect(keyOf('Kai-Fu Lee')).toBe('kaifulee');
    expect(keyOf('kaifu lee')).toBe('kaifulee');
    expect(keyOf('０１.ＡＩ')).toBe('01ai');
    expect(keyOf('埃隆·马斯克')).toBe('埃隆马斯克');
  });

  it('reads Traditional Chinese as Simplified', () => {
    expect(keyOf('李開復')).toBe(keyOf('李开复'));
    expect(normalizeKey('三菱電機').key).toBe('三菱电机');
  });

  it('maps every key unit back to its source character', () => {
    const { key, starts, ends } = normalizeKey('A-😀b');
    expect(key).toBe('a😀b');
    expect(starts).toEqual([0, 2, 2, 4]);
    expect(ends).toEqual([1, 4, 4, 5]);
    expect(toTextRanges('Kai-Fu Lee', [[0, 7]])).toEqual([[0, 10]]);
  });
});

describe('createSearch ranking', () => {
  it('returns nothing for an empty or blank query', () => {
    expect(search('')).toEqual({ entities: [], quotes: [] });
    expect(search('  - . ')).toEqual({ entities: [], quotes: [] });
  });

  it('tolerates a typo: "deepsek" → DeepSeek first', () => {
    const { entities } = search('deepsek');
    expect(entities[0].id).toBe('deepseek');
    expect(entities.map((hit) => hit.id)).toContain('deepseek-r1');
  });

  it('finds a person by the romanised part of the name: "okanohara" → 冈原大辅', () => {
    const [first] = search('okanohara').entities;
    expect(first.id).toBe('daisuke-okanohara');
    expect(marked(first.label)).toEqual(['Okanohara']);
  });

  it('finds a Chinese name by its first characters: "冈原" → 冈原大辅, marked on the Chinese name', () => {
    const [first] = search('冈原').entities;
    expect(first.id).toBe('daisuke-okanohara');
    expect(first.label.text).toBe('Daisuke Okanohara');
    expect(first.detail).toEqual({ text: '冈原大辅', ranges: [[0, 2]], lang: 'zh-CN' });
  });

  it('finds a Chinese name typed in Traditional characters: "李開復" → Kai-Fu Lee', () => {
    const [first] = search('李開復').entities;
    expect(first.id).toBe('kai-fu-lee');
    expect(first.detail).toEqual({ text: '李开复', ranges: [[0, 3]], lang: 'zh-CN' });
  });

  it('tolerates a dropped letter in a two-word name: "mitsubshi" → Mitsubishi Electric', () => {
    expect(search('mitsubshi').entities[0].id).toBe('mitsubishi-electric');
  });

  it('ignores spaces and hyphens: "kaifu lee" → Kai-Fu Lee, the whole name marked', () => {
    const [first] = search('kaifu lee').entities;
    expect(first.id).toBe('kai-fu-lee');
    expect(first.label).toEqual({ text: 'Kai-Fu Lee', ranges: [[0, 10]] });
  });

  it('finds a short CJK word inside a long quote: "中间件" → Anita Huang\'s quote', () => {
    const { quotes } = search('中间件');
    expect(quotes.map((hit) => hit.id)).toEqual(['q-anita-1']);
    expect(quotes[0].entityId).toBe('anita-huang');
    expect(marked(quotes[0].label)).toEqual(['中间件']);
    expect(quotes[0].detail?.text).toBe('Anita Huang');
    expect(quotes[0].label.lang).toBe('zh');
  });

  it('ranks the entity named IBM above entities that merely mention IBM', () => {
    const ids = search('IBM').entities.map((hit) => hit.id);
    expect(ids[0]).toBe('ibm');
    expect(ids[1]).toBe('ibm-think'); // name starts with it
    expect(ids).toContain('kaoutar-el-maghraoui'); // summary mentions it
    expect(ids.indexOf('kaoutar-el-maghraoui')).toBeGreaterThan(1);
  });

  it('shows where a summary matched', () => {
    const hit = search('首席研究科学家').entities.find((entity) => entity.id === 'kaoutar-el-maghraoui');
    expect(hit && marked(hit.detail!)).toEqual(['首席研究科学家']);
  });

  it('matches full-width and mixed-case input', () => {
    expect(search('ＤＥＥＰＳＥＥＫ').entities[0].id).toBe('deepseek');
    expect(search('01ai').entities[0].id).toBe('01-ai');
  });

  it('respects the limit per group', () => {
    // "的" is in several summaries and quotes: without the limit each group is longer than one.
    const unlimited = search('的');
    expect(unlimited.entities.length).toBeGreaterThan(1);
    expect(unlimited.quotes.length).toBeGreaterThan(1);
    const results = search('的', 1);
    expect(results.entities).toEqual(unlimited.entities.slice(0, 1));
    expect(results.quotes).toEqual(unlimited.quotes.slice(0, 1));
  });

  it('finds nothing for a query unlike anything in the index', () => {
    expect(search('zzqxv')).toEqual({ entities: [], quotes: [] });
  });

  it('returns ranges that lie inside the displayed strings', () => {
    for (const query of ['deepsek', 'IBM', '模型', 'okanohara', 'mitsubshi', '中间件']) {
      const { entities, quotes } = search(query);
      const shown = [...entities, ...quotes].flatMap((hit) => [hit.label, hit.detail].filter((value): value is Highlighted => !!value));
      const ranges = shown.flatMap(({ text, ranges }) => ranges.map(([start, end]) => ({ start, end, length: text.length })));
      // Every query finds something marked, so the checks below always run.
      expect(ranges.length, `ranges for "${query}"`).toBeGreaterThan(0);
      for (const { start, end, length } of ranges) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(length);
        expect(start).toBeLessThan(end);
      }
    }
  });
});

describe('snippet', () => {
  it('keeps short text whole', () => {
    expect(snippet('abc', [[1, 2]])).toEqual({ text: 'abc', ranges: [[1, 2]] });
  });

  it('cuts long text around the first match and shifts the ranges', () => {
    const text = 'x'.repeat(200) + 'MATCH' + 'y'.repeat(200);
    const result = snippet(text, [[200, 205]], 60);
    expect(result.text.startsWith('…')).toBe(true);
    expect(result.text.endsWith('…')).toBe(true);
    const [[start, end]] = result.ranges;
    expect(result.text.slice(start, end)).toBe('MATCH');
  });
});

describe('typos in long text', () => {
  it('matches a misspelt word of a fact and marks the real word', () => {
    const index = fixtureIndex();
    const deepseek = index.entities.find((entity) => entity.id === 'deepseek')!;
    deepseek.facts.push({ ...deepseek.facts[0], text: 'Reasoning models are costly to run.' });
    const hit = createSearch(index)('reasonng').entities.find((entity) => entity.id === 'deepseek');
    expect(hit?.detail && marked(hit.detail)).toEqual(['Reasoning']);
  });

  it('needs every query word in the same passage', () => {
    const index = fixtureIndex();
    index.quotes[0] = { ...index.quotes[0], text: 'Open models lowered the barrier for small companies.' };
    const search = createSearch(index);
    expect(search('smal companes').quotes.map((hit) => hit.id)).toEqual(['q-kaoutar-1']);
    expect(search('smal giraffes').quotes).toEqual([]);
  });

  it('tolerates one wrong character in a long Chinese name', () => {
    expect(search('冈原大补').entities[0].id).toBe('daisuke-okanohara');
  });
});

// The same examples against the committed index (data/index.json; a test elsewhere keeps it in step with seeds/).
const INDEX_PATH = resolve(__dirname, '../../data/index.json');
describe('createSearch on data/index.json', () => {
  const real = createSearch(JSON.parse(readFileSync(INDEX_PATH, 'utf8')) as GlossIndex);
  const first = (query: string) => real(query).entities[0]?.id;

  it.each([
    ['deepsek', 'deepseek'],
    ['okanohara', 'daisuke-okanohara'],
    ['冈原', 'daisuke-okanohara'],
    ['mitsubshi', 'mitsubishi-electric'],
    ['kaifu lee', 'kai-fu-lee'],
    ['IBM', 'ibm'],
  ])('"%s" → %s first', (query, id) => {
    expect(first(query)).toBe(id);
  });

  it('"中间件" finds Anita Huang\'s quote', () => {
    expect(real('中间件').quotes.map((hit) => hit.entityId)).toContain('anita-huang');
  });

  it('returns nothing for an empty query', () => {
    expect(real('')).toEqual({ entities: [], quotes: [] });
  });
});

describe('display', () => {
  it('marks an alias inside the display name rather than repeating it', () => {
    const index = fixtureIndex();
    const anita = index.entities.find((entity) => entity.id === 'anita-huang')!;
    anita.aliases.push({ text: 'Huang', case: 'exact' });
    const [hit] = createSearch(index)('huang').entities;
    expect(hit.id).toBe('anita-huang');
    expect(hit.score).toBeLessThan(1); // the alias equals the query
    expect(marked(hit.label)).toEqual(['Huang']);
    expect(hit.detail).toBeUndefined();
  });

  it('shows an alias that is not part of the display name', () => {
    const index = fixtureIndex();
    index.entities.find((entity) => entity.id === 'preferred-networks')!.aliases.push({ text: 'PFN', case: 'exact' });
    const [hit] = createSearch(index)('pfn').entities;
    expect(hit.label).toEqual({ text: 'Preferred Networks', ranges: [] });
    expect(hit.detail).toEqual({ text: 'PFN', ranges: [[0, 3]] });
  });
});
