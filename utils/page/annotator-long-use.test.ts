// @vitest-environment jsdom
// Regression test: a block re-read again and again (a page re-rendering it) must not leave forgotten mentions
// indexed under the text nodes a mention spans; hit-testing must find the current one.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../matcher';
import type { MatcherData } from '../types';
import { createAnnotator } from './annotator';

const data: MatcherData = {
  entities: [{ id: 'deepseek-r1', type: 'model' }],
  aliases: [{ text: 'DeepSeek-R1', entity: 0, case: 'exact' }],
};

describe('re-reading the same nodes', () => {
  it('keeps one mention per name, and the pointer finds the current one in every node it spans', async () => {
    document.body.innerHTML = '<p id="p">Deep<b>Seek</b>-R1 again</p>';
    const painted = new Set<unknown>();
    const annotator = createAnnotator({
      root: document,
      matcher: createMatcher(data),
      painter: { add: (m) => painted.add(m), remove: (m) => painted.delete(m) },
      yieldToPage: () => Promise.resolve(),
      sliceMs: 0,
    });
    await annotator.scanAll();
    const p = document.getElementById('p')!;
    for (let i = 0; i < 50; i++) await annotator.rescan([p]);
    const [current] = annotator.mentions();
    expect(annotator.mentions()).toHaveLength(1);
    expect(painted.size).toBe(1);
    for (const node of [p.firstChild!, p.querySelector('b')!.firstChild!, p.lastChild!]) {
      expect(annotator.mentionAt(node, 1)).toBe(current);
    }
  });
});
