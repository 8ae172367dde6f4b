// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { compareRanges, containsPoint, isIntact, liveRange, rangeText, staticRange } from './static-ranges';

const text = (selector: string) => document.querySelector(selector)!.firstChild as Text;

describe('static ranges', () => {
  beforeEach(() => {
    document.body.innerHTML = '<p id="a">Kai-Fu Lee said</p><p id="b">Deep<b>Seek</b>-R1</p>';
  });

  it('read their text and geometry through a live range while intact', () => {
    const range = staticRange(text('#a'), 0, text('#a'), 10);
    expect(isIntact(range)).toBe(true);
    expect(rangeText(range)).toBe('Kai-Fu Lee');
    const across = staticRange(text('#b'), 0, document.querySelector('#b')!.lastChild!, 3);
    expect(rangeText(across)).toBe('DeepSeek-R1');
    expect(liveRange(across)?.toString()).toBe('DeepSeek-R1');
  });

  it('are no longer intact when their text shrank, left the document, or ends crossed', () => {
    const node = text('#a');
    const range = staticRange(node, 7, node, 10);
    node.data = 'Kai-Fu';
    expect(isIntact(range)).toBe(false);
    expect(rangeText(range)).toBe('');
    expect(liveRange(range)).toBeNull();
    expect(containsPoint(range, node, 5)).toBe(false);
    const other = text('#b');
    const gone = staticRange(other, 0, other, 4);
    document.querySelector('#b')!.remove();
    expect(isIntact(gone)).toBe(false);
    expect(isIntact(staticRange(text('#a'), 3, text('#a'), 3))).toBe(false);
  });

  it('contain the points between their ends, ends included', () => {
    const node = text('#a');
    const range = staticRange(node, 7, node, 10);
    expect([6, 7, 9, 10, 11].map((offset) => containsPoint(range, node, offset))).toEqual([false, true, true, true, false]);
    const bold = document.querySelector('b')!.firstChild!;
    const across = staticRange(text('#b'), 2, document.querySelector('#b')!.lastChild!, 3);
    expect(containsPoint(across, bold, 1)).toBe(true);
    expect(containsPoint(across, node, 1)).toBe(false);
  });

  it('order by their starts: in one node, across nodes, and across shadow trees', () => {
    const a = text('#a');
    const b = text('#b');
    const first = staticRange(a, 0, a, 3);
    const second = staticRange(a, 7, a, 10);
    const third = staticRange(b, 0, b, 4);
    expect([third, second, first].sort(compareRanges)).toEqual([first, second, third]);
    const host = document.createElement('div');
    document.querySelector('#a')!.after(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>IBM</p>';
    const inShadow = staticRange(shadow.firstChild!.firstChild!, 0, shadow.firstChild!.firstChild!, 3);
    expect([third, inShadow, first].sort(compareRanges)).toEqual([first, inShadow, third]);
  });
});
