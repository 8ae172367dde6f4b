// The word segmenter is made once per process, on the first Chinese candidate that needs it; this file runs in
// its own worker, so it sees that moment.
import { describe, expect, it } from 'vitest';
import type { MatcherData } from '../types';
import { createMatcher, createScanState, findMentions, wouldPrepareSegmenter } from './matcher';

const data: MatcherData = {
  entities: [
    { id: 'panasonic', type: 'organization' },
    { id: 'ibm', type: 'organization' },
  ],
  aliases: [
    { text: '松下', entity: 0, case: 'exact' },
    { text: 'IBM', entity: 1, case: 'exact' },
  ],
};

describe('wouldPrepareSegmenter', () => {
  const matcher = createMatcher(data);

  it('says so only for a candidate with CJK on both sides of an edge, until the segmenter exists', () => {
    expect(wouldPrepareSegmenter(matcher, 'IBM and nothing Chinese')).toBe(false);
    expect(wouldPrepareSegmenter(matcher, '没有候选的中文句子。')).toBe(false);
    // Candidate at the edges of the text or beside punctuation: no segmentation needed.
    expect(wouldPrepareSegmenter(matcher, '松下')).toBe(false);
    expect(wouldPrepareSegmenter(matcher, '“松下”和 IBM')).toBe(false);
    // A candidate inside Chinese text does.
    expect(wouldPrepareSegmenter(matcher, '他放松下来了')).toBe(true);
    expect(wouldPrepareSegmenter(matcher, '这家公司叫松下电器')).toBe(true);
    // Matching makes the segmenter; from then on nothing is left to prepare.
    expect(findMentions(matcher, '他放松下来了', createScanState())).toEqual([]);
    expect(wouldPrepareSegmenter(matcher, '他放松下来了')).toBe(false);
  });
});
