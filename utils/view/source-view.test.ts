import { describe, expect, it } from 'vitest';
import { EN_ID, EN_TEXT, KAOUTAR_QUOTE, ZH_ID, ZH_TEXT, quoteAt, viewFixtureIndex } from './entity-view.fixture';
import { mentionSpans, paragraphPieces, paragraphsOf, resolvePassage } from './source-view';

describe('resolvePassage', () => {
  it('takes fitting offsets, re-anchors drifted ones by the exact text, and reports nothing found', () => {
    const q = quoteAt(ZH_ID, KAOUTAR_QUOTE);
    expect(resolvePassage(ZH_TEXT, { start: q.start, end: q.end })).toEqual({ start: q.start, end: q.end });
    expect(resolvePassage(ZH_TEXT, { start: q.start + 2, end: q.end + 2, exact: KAOUTAR_QUOTE })).toEqual({
      start: q.start,
      end: q.end,
    });
    expect(resolvePassage(ZH_TEXT, { start: 0, end: ZH_TEXT.length + 1 })).toBeUndefined();
    expect(resolvePassage(ZH_TEXT, { exact: '不在这里' })).toBeUndefined();
    expect(resolvePassage(ZH_TEXT, {})).toBeUndefined();
  });
});

describe('mentionSpans / paragraphPieces', () => {
  it('orders mentions and drops overlaps, keeping the longer', () => {
    const index = viewFixtureIndex();
    const deepseek = index.entities.find((e) => e.id === 'deepseek')!;
    const r1 = EN_TEXT.indexOf('DeepSeek-R1');
    // An overlapping shorter mention of DeepSeek inside DeepSeek-R1 loses to the longer one.
    deepseek.mentions.push({ source: EN_ID, start: r1, end: r1 + 8 });
    const spans = mentionSpans(index, index.sources[1]);
    expect(spans.map((s) => [EN_TEXT.slice(s.start, s.end), s.entity])).toEqual([
      ['DeepSeek', 'deepseek'],
      ['DeepSeek-R1', 'deepseek-r1'],
      ['DeepSeek', 'deepseek'],
      ['Kaoutar El Maghraoui', 'kaoutar-el-maghraoui'],
      ['Anthony Annunziata', 'anthony-annunziata'],
    ]);
  });

  it('cuts a paragraph at mentions and at the passage bounds, covering it exactly', () => {
    const mentions = [
      { start: 2, end: 6, entity: 'a', type: 'person' as const },
      { start: 10, end: 12, entity: 'b', type: 'place' as const },
    ];
    const pieces = paragraphPieces(0, 15, mentions, { start: 4, end: 11 });
    expect(pieces.map((p) => [p.start, p.end, p.mention?.entity, p.runs.map((r) => [r.start, r.end, r.passage])])).toEqual([
      [0, 2, undefined, [[0, 2, false]]],
      [
        2,
        6,
        'a',
        [
          [2, 4, false],
          [4, 6, true],
        ],
      ],
      [6, 10, undefined, [[6, 10, true]]],
      [
        10,
        12,
        'b',
        [
          [10, 11, true],
          [11, 12, false],
        ],
      ],
      [12, 15, undefined, [[12, 15, false]]],
    ]);
    expect(paragraphPieces(5, 5, mentions)).toEqual([]);
  });

  it('falls back to lines when a source has no paragraphs', () => {
    const source = { ...viewFixtureIndex().sources[1], paragraphs: [] };
    expect(paragraphsOf(source).map(([s, e]) => EN_TEXT.slice(s, e))).toEqual(EN_TEXT.split('\n\n'));
  });
});
