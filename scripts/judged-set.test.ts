import { describe, expect, it } from 'vitest';
import { locate, readRuns, score, type Judgment, type Span } from './judged-set';

const judgment = (exact: string, prefix: string, suffix: string, extra: Partial<Judgment> = {}): Judgment => ({
  entity: 'qwen',
  exact,
  prefix,
  suffix,
  mention: true,
  ...extra,
});

describe('judged set', () => {
  it('reads a document as the content script does: blocks split, code skipped', () => {
    expect(readRuns('<body><h1>Qwen <b>2</b></h1><p>See <code>Qwen</code> and Qwen.</p></body>')).toEqual(['Qwen 2', 'See  and Qwen.']);
  });

  it('locates a judgment by its quote, or by occurrence when runs repeat', () => {
    const runs = ['Qwen and Qwen', 'cell Qwen', 'cell Qwen'];
    expect(locate(runs, judgment('Qwen', 'and ', ''))).toEqual({ run: 0, start: 9, end: 13, entity: 'qwen' });
    expect(locate(runs, judgment('Qwen', 'cell ', '', { occurrence: 2 }))).toMatchObject({ run: 2, start: 5 });
    expect(() => locate(runs, judgment('Qwen', 'cell ', ''))).toThrow(/matches 2 times/);
    expect(() => locate(runs, judgment('Qwen', 'nowhere ', ''))).toThrow(/matches 0 times/);
  });

  it('counts a find right only with the judged entity and span', () => {
    const at = (start: number, end: number, entity = 'qwen'): Span => ({ run: 0, start, end, entity });
    const judged = [
      { span: at(0, 4), mention: true },
      { span: at(10, 14), mention: true },
      { span: at(20, 24, 'meta'), mention: false },
    ];
    const result = score([at(0, 4), at(10, 12), at(20, 24, 'meta'), at(30, 34)], judged);
    expect(result.truePositives).toEqual([at(0, 4)]);
    expect(result.traps).toEqual([at(20, 24, 'meta')]);
    expect(result.unjudged).toEqual([at(10, 12), at(30, 34)]);
    expect(result.missed).toEqual([at(10, 14)]);
  });
});
