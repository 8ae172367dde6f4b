// @vitest-environment jsdom
// Regression tests: changes inside open shadow roots (a web component rendering or re-rendering) are
// re-read, and re-reading a block that holds a shadow host does not count that host's mentions twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMatcher } from '../matcher';
import type { MatcherData } from '../types';
import { createAnnotator } from './annotator';
import { rangeText } from './static-ranges';

const data: MatcherData = {
  entities: [
    { id: 'deepseek-r1', type: 'model' },
    { id: 'ibm', type: 'organization' },
  ],
  aliases: [
    { text: 'DeepSeek-R1', entity: 0, case: 'exact' },
    { text: 'IBM', entity: 1, case: 'exact' },
  ],
};
const matcher = createMatcher(data);

function setup() {
  const roots: ShadowRoot[] = [];
  const painted = new Set<unknown>();
  const annotator = createAnnotator({
    root: document,
    matcher,
    painter: { add: (m) => painted.add(m), remove: (m) => painted.delete(m) },
    yieldToPage: () => Promise.resolve(),
    sliceMs: 0,
    onShadowRoot: (root) => roots.push(root),
  });
  const read = () => annotator.mentions().map((m) => [m.entityId, rangeText(m.range)]);
  return { annotator, painted, roots, read };
}

describe('shadow roots', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reports every open shadow root a read enters, nested ones too', async () => {
    document.body.innerHTML = '<p>IBM</p><div id="outer"></div>';
    const outer = document.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<div id="inner"></div>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>DeepSeek-R1</p>';
    const { annotator, roots, read } = setup();
    await annotator.scanAll();
    expect(roots).toEqual([outer, inner]);
    expect(read()).toEqual([
      ['ibm', 'IBM'],
      ['deepseek-r1', 'DeepSeek-R1'],
    ]);
  });

  it('re-reads a shadow root whose top level changed (a component rendering into it)', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    const { annotator, read } = setup();
    await annotator.scanAll();
    expect(read()).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'DeepSeek-R1 arrived late.';
    shadow.append(p);
    await annotator.rescan([shadow]); // the mutation record's target
    expect(read()).toEqual([['deepseek-r1', 'DeepSeek-R1']]);
  });

  it('re-reads inline text at the top of a shadow root', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>nobody</span>';
    const { annotator, read } = setup();
    await annotator.scanAll();
    const text = shadow.querySelector('span')!.firstChild as Text;
    text.data = 'IBM';
    await annotator.rescan([text]);
    expect(read()).toEqual([['ibm', 'IBM']]);
  });

  it('re-reading a block around a shadow host keeps one mention per name, and forgets replaced shadow text', async () => {
    document.body.innerHTML = '<div id="block"><div id="host"></div><p>IBM</p></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>DeepSeek-R1</p>';
    const { annotator, painted, read } = setup();
    await annotator.scanAll();
    await annotator.rescan([document.getElementById('block')!]);
    expect(read()).toEqual([
      ['deepseek-r1', 'DeepSeek-R1'],
      ['ibm', 'IBM'],
    ]);
    expect(painted.size).toBe(2);
    shadow.innerHTML = '<p>nobody</p>';
    await annotator.rescan([shadow]);
    expect(read()).toEqual([['ibm', 'IBM']]);
    expect(painted.size).toBe(1);
  });

  it('inline text at the top of a shadow root: not doubled when rewritten, forgotten when its host leaves', async () => {
    document.body.innerHTML = '<ol><li id="item"><x-item id="host"></x-item></li></ol>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>IBM</span>';
    const { annotator, painted, read } = setup();
    await annotator.scanAll();
    expect(read()).toEqual([['ibm', 'IBM']]);
    const text = shadow.querySelector('span')!.firstChild as Text;
    for (const next of ['DeepSeek-R1', 'IBM', 'DeepSeek-R1']) {
      text.data = next;
      await annotator.rescan([text]);
    }
    expect(read()).toEqual([['deepseek-r1', 'DeepSeek-R1']]);
    expect(painted.size).toBe(1);
    const list = document.querySelector('ol')!;
    list.removeChild(document.getElementById('item')!);
    await annotator.rescan([list]);
    expect(read()).toEqual([]);
    expect(painted.size).toBe(0);
  });
});
