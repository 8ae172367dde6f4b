import { describe, expect, it } from 'vitest';
import {
  RELATION_LABELS,
  REVERSE_LABELS,
  cardSummary,
  entityLink,
  entityView,
  parseSourceParams,
  relationLabelKey,
  shortSourceLabel,
  sourceLink,
} from './entity-view';
import type { EntityView, Passage } from './entity-view';
import { ANNUNZIATA_QUOTE, EN_ID, KAOUTAR_QUOTE, XSS_QUOTE, ZH_ID, ZH_TEXT, EN_TEXT, viewFixtureIndex } from './entity-view.fixture';
import { RELATION_TYPES } from '../types';

const TEXTS: Record<string, string> = { [ZH_ID]: ZH_TEXT, [EN_ID]: EN_TEXT };

function view(id: string): EntityView {
  const found = entityView(viewFixtureIndex(), id);
  if (!found) throw new Error(`no view for ${id}`);
  return found;
}

function allPassages(v: EntityView): Passage[] {
  return [...(v.summary ? [v.summary] : []), ...v.facts, ...v.quotes, ...v.contexts, ...v.related.map((r) => r.evidence)];
}

describe('entityView', () => {
  it('is undefined for an unknown entity', () => {
    expect(entityView(viewFixtureIndex(), 'nobody')).toBeUndefined();
  });

  it('gives names, type and a summary passage with its source', () => {
    const r1 = view('deepseek-r1');
    expect(r1).toMatchObject({ id: 'deepseek-r1', type: 'model', name: 'DeepSeek-R1', names: { en: 'DeepSeek-R1' } });
    expect(r1.names).not.toHaveProperty('zh');
    expect(r1.summary?.text).toBe('这款强大而高性价比的 AI 推理模型');
    expect(r1.summary?.source).toEqual({
      id: ZH_ID,
      title: 'DeepSeek 发布六个月后',
      publisher: 'IBM Think',
      date: '2025-07-18',
      lang: 'zh',
    });
    expect(view('deepseek').names).toEqual({ en: 'DeepSeek', zh: '深度求索' });
  });

  it('shows only verbatim passages: offsets re-anchored when they drifted, unfound text dropped', () => {
    const deepseek = view('deepseek');
    expect(deepseek.facts.map((f) => f.text)).toEqual(['DeepSeek released DeepSeek-R1 in January.', '在提升技术可及性方面发挥了重要作用']);
    const drifted = deepseek.facts[1].locator;
    expect(drifted.start).toBe(ZH_TEXT.indexOf('在提升技术可及性方面发挥了重要作用'));
    for (const id of ['deepseek', 'deepseek-r1', 'ibm', 'meta', 'ai-alliance', 'kaoutar-el-maghraoui', 'anthony-annunziata']) {
      for (const passage of allPassages(view(id))) {
        expect(TEXTS[passage.locator.source].slice(passage.locator.start, passage.locator.end)).toBe(passage.text);
      }
    }
  });

  it('gives a person the quotes they said, in document order, each once', () => {
    const kaoutar = view('kaoutar-el-maghraoui');
    expect(kaoutar.quotes.map((q) => q.text)).toEqual([KAOUTAR_QUOTE, XSS_QUOTE]);
    expect(kaoutar.quotes.map((q) => q.id)).toEqual(['q-kaoutar', 'q-xss']);
    expect(kaoutar.quotes[0].speaker).toEqual({ id: 'kaoutar-el-maghraoui', name: 'Kaoutar El Maghraoui' });
    expect(kaoutar.quotes[1].source.id).toBe(EN_ID);
    // A quote about a person is not one of theirs.
    expect(view('anthony-annunziata').quotes.map((q) => q.id)).toEqual(['q-annunziata']);
  });

  it('gives any other entity the quotes that mention it, with their speakers', () => {
    const alliance = view('ai-alliance');
    expect(alliance.quotes).toHaveLength(1);
    expect(alliance.quotes[0]).toMatchObject({
      id: 'q-annunziata',
      text: ANNUNZIATA_QUOTE,
      speaker: { id: 'anthony-annunziata', name: 'Anthony Annunziata' },
      about: ['deepseek', 'ai-alliance'],
    });
    expect(view('deepseek').quotes.map((q) => q.id)).toEqual(['q-annunziata']);
    expect(view('meta').quotes).toEqual([]);
  });

  it('dedupes contexts, keeps document order, and leaves out sentences shown as quotes or facts', () => {
    const deepseek = view('deepseek');
    const first = ZH_TEXT.indexOf('DeepSeek 开源其模型的事实');
    expect(deepseek.contexts.map((c) => [c.locator.source, c.locator.start, c.text])).toEqual([
      [ZH_ID, first, 'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。'],
      [EN_ID, EN_TEXT.indexOf('DeepSeek is based'), 'DeepSeek is based in Hangzhou.'],
    ]);
    // The sentence holding Kaoutar's quote goes; the one that only holds her summary phrase stays.
    expect(view('kaoutar-el-maghraoui').contexts.map((c) => c.text)).toEqual([
      'IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为，真正的创新或许在于她所称的“架构效率”。',
    ]);
    // A context equal to the summary is not repeated; one overlapping a quote about it neither.
    expect(view('ai-alliance').contexts).toEqual([]);
  });

  it('lists relations in both directions with readable labels', () => {
    const ibm = view('ibm');
    expect(ibm.related.map((r) => [r.label, r.direction, r.entity.id])).toEqual([
      ['affiliate', 'in', 'kaoutar-el-maghraoui'],
      ['affiliate', 'in', 'anthony-annunziata'],
      ['founded', 'out', 'ai-alliance'],
    ]);
    expect(ibm.related[1]).toMatchObject({
      type: 'affiliated-with',
      labelKey: 'entity_rel_affiliate',
      entity: { id: 'anthony-annunziata', name: 'Anthony Annunziata', type: 'person' },
      evidence: { text: 'IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata' },
    });

    const alliance = view('ai-alliance');
    expect(alliance.related.map((r) => [r.labelKey, r.entity.name])).toEqual([
      ['entity_rel_affiliate', 'Anthony Annunziata'],
      ['entity_rel_founded_by', 'IBM'],
      ['entity_rel_founded_by', 'Meta'],
      ['entity_rel_member', 'DeepSeek'],
    ]);

    const r1 = view('deepseek-r1');
    expect(r1.related.map((r) => [r.label, r.entity.id, r.evidence.source.id])).toEqual([['released-by', 'deepseek', EN_ID]]);
  });

  it('shows a relation stated twice once, and drops relations to unknown entities', () => {
    const kaoutar = view('kaoutar-el-maghraoui');
    expect(kaoutar.related.map((r) => [r.label, r.entity.id, r.evidence.text])).toEqual([
      ['affiliated-with', 'ibm', 'IBM 首席研究科学家 Kaoutar El Maghraoui'],
    ]);
    expect(view('deepseek').related.map((r) => r.entity.id)).toEqual(['deepseek-r1', 'ai-alliance']);
  });

  it('is deterministic and does not share arrays with the index', () => {
    const index = viewFixtureIndex();
    const a = entityView(index, 'ai-alliance')!;
    expect(entityView(index, 'ai-alliance')).toEqual(a);
    expect(entityView(viewFixtureIndex(), 'ai-alliance')).toEqual(a);
    a.quotes[0].about.push('x');
    expect(index.quotes.find((q) => q.id === 'q-annunziata')!.about).toEqual(['deepseek', 'ai-alliance']);
  });
});

describe('relation labels', () => {
  it('has a distinct reverse label for every relation type and valid message keys', () => {
    expect(Object.keys(REVERSE_LABELS).sort()).toEqual([...RELATION_TYPES].sort());
    expect(new Set(RELATION_LABELS).size).toBe(RELATION_TYPES.length * 2);
    for (const label of RELATION_LABELS) expect(relationLabelKey(label)).toMatch(/^entity_rel_[a-z_]+$/);
    expect(relationLabelKey('co-founded-by')).toBe('entity_rel_co_founded_by');
  });
});

describe('sourceLink / parseSourceParams', () => {
  it('builds the source view URL of a passage', () => {
    expect(sourceLink({ source: '000_bbac0297650de592', start: 12, end: 40 })).toBe(
      '/source.html?source=000_bbac0297650de592&start=12&end=40',
    );
  });

  it('URL-encodes every value and round-trips', () => {
    const link = sourceLink(
      { source: 'a b&c=d', start: 0, end: 5 },
      { exact: '架构 效率&?', prefix: '“', suffix: '+', entity: 'ai-alliance' },
    );
    expect(link).toBe(
      '/source.html?source=a%20b%26c%3Dd&start=0&end=5&exact=%E6%9E%B6%E6%9E%84%20%E6%95%88%E7%8E%87%26%3F&prefix=%E2%80%9C&suffix=%2B&entity=ai-alliance',
    );
    expect(parseSourceParams(link.slice(link.indexOf('?')))).toEqual({
      source: 'a b&c=d',
      start: 0,
      end: 5,
      exact: '架构 效率&?',
      prefix: '“',
      suffix: '+',
      entity: 'ai-alliance',
    });
  });

  it('leaves out malformed offsets and empty or oversized values', () => {
    expect(parseSourceParams('?source=s&start=-1&end=5')).toEqual({ source: 's' });
    expect(parseSourceParams('?source=s&start=9&end=5')).toEqual({ source: 's' });
    expect(parseSourceParams('?source=s&start=1e3&end=5000')).toEqual({ source: 's' });
    expect(parseSourceParams('?source=&exact=' + 'x'.repeat(5000))).toEqual({});
    expect(parseSourceParams('')).toEqual({});
  });

  it('links an entity to its first passage with its details open', () => {
    const r1 = view('deepseek-r1');
    expect(entityLink(r1)).toBe(sourceLink(r1.summary!.locator, { entity: 'deepseek-r1' }));
    expect(entityLink({ ...r1, summary: undefined, facts: [], quotes: [], contexts: [], related: [] })).toBeUndefined();
  });
});

describe('cardSummary', () => {
  it('caps lists and counts what was left out', () => {
    const deepseek = view('deepseek');
    const { view: capped, more } = cardSummary(deepseek, { facts: 1, contexts: 1, related: 5 });
    expect(capped.facts).toEqual(deepseek.facts.slice(0, 1));
    expect(capped.contexts).toHaveLength(1);
    expect(capped.quotes).toEqual(deepseek.quotes);
    expect(more).toEqual({ facts: 1, quotes: 0, contexts: 1, related: 0 });
    expect(deepseek.facts).toHaveLength(2);
  });

  it('uses the default limits', () => {
    const { more } = cardSummary(view('ibm'));
    expect(more).toEqual({ facts: 0, quotes: 0, contexts: 0, related: 0 });
    expect(cardSummary(view('ibm'), { related: 0 }).more.related).toBe(3);
  });
});

describe('shortSourceLabel', () => {
  const ref = { id: 'u-1', title: 'United States to Lift Sudan Sanctions', lang: 'en' };
  it('names the publisher, else the site, else the title, with the date when there is one', () => {
    expect(shortSourceLabel({ ...ref, publisher: 'IBM Think', date: '2025-07-18' })).toBe('IBM Think · 2025-07-18');
    expect(shortSourceLabel({ ...ref, url: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html' })).toBe('nytimes.com');
    expect(shortSourceLabel({ ...ref, date: '2017-01-13' })).toBe('United States to Lift Sudan… · 2017-01-13');
  });
});
