// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { pageMatcher } from '../testing/page-matcher';
import { createAnnotator, type PageMention } from './annotator';
import { rangeText } from './static-ranges';

const matcher = pageMatcher();

function setup(html: string) {
  document.body.innerHTML = html;
  const painted = new Set<PageMention>();
  const annotator = createAnnotator({
    root: document,
    matcher,
    painter: { add: (m) => painted.add(m), remove: (m) => painted.delete(m) },
    yieldToPage: () => Promise.resolve(),
    sliceMs: 0,
  });
  const read = () => annotator.mentions().map((m) => [m.entityId, rangeText(m.range)]);
  return { annotator, painted, read };
}

describe('createAnnotator', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('finds mentions across inline elements, in document order, and paints each', async () => {
    const { annotator, painted, read } = setup('<p>Deep<b>Seek</b>-R1 by <a>Kai-Fu</a> Lee.</p><p>Lee and IBM</p>');
    await annotator.scanAll();
    expect(read()).toEqual([
      ['deepseek-r1', 'DeepSeek-R1'],
      ['kai-fu-lee', 'Kai-Fu Lee'],
      ['kai-fu-lee', 'Lee'],
      ['ibm', 'IBM'],
    ]);
    expect(painted.size).toBe(4);
    expect(annotator.complete).toBe(true);
  });

  it('leaves the page DOM as it was', async () => {
    const html = '<p>Deep<b>Seek</b>-R1 by <a>Kai-Fu</a> Lee.</p>';
    const { annotator } = setup(html);
    await annotator.scanAll();
    expect(document.body.innerHTML).toBe(html);
  });

  it('finds the mention under a caret position, in every node it spans', async () => {
    const { annotator } = setup('<p>Deep<b>Seek</b>-R1</p>');
    await annotator.scanAll();
    const bold = document.querySelector('b')!.firstChild!;
    expect(annotator.mentionAt(bold, 2)?.entityId).toBe('deepseek-r1');
    expect(annotator.mentionAt(document.querySelector('p')!.firstChild!, 0)?.entityId).toBe('deepseek-r1');
  });

  it('re-reads a changed block and drops mentions of removed text', async () => {
    const { annotator, painted, read } = setup('<p id="a">IBM</p><p id="b">DeepSeek-R1</p>');
    await annotator.scanAll();
    const a = document.getElementById('a')!;
    a.textContent = 'nothing here';
    document.getElementById('b')!.remove();
    const added = document.createElement('p');
    added.textContent = 'Kai-Fu Lee';
    document.body.append(added);
    await annotator.rescan([a, document.body]);
    expect(read()).toEqual([['kai-fu-lee', 'Kai-Fu Lee']]);
    expect(painted.size).toBe(1);
  });

  it('scans a very long text in windows without losing or doubling mentions at the seams', async () => {
    const filler = 'word '.repeat(7000);
    const { annotator, read } = setup(`<p>${`${filler}IBM `.repeat(10)}</p>`);
    await annotator.scanAll();
    expect(read()).toHaveLength(10);
  });

  it('stops: clears what it painted', async () => {
    const { annotator, painted } = setup('<p>IBM</p>');
    await annotator.scanAll();
    annotator.stop();
    expect(painted.size).toBe(0);
  });
});

describe('createAnnotator stop and restart', () => {
  it('reads again after a stop', async () => {
    const { annotator, painted, read } = setup('<p>IBM</p>');
    await annotator.scanAll();
    annotator.stop();
    expect(read()).toEqual([]);
    await annotator.scanAll();
    expect(read()).toEqual([['ibm', 'IBM']]);
    expect(painted.size).toBe(1);
  });

  it('drops the work of a scan that was stopped half way', async () => {
    const { annotator, read } = setup('<p>IBM</p><p>DeepSeek-R1</p>');
    const scanning = annotator.scanAll();
    annotator.stop();
    await scanning;
    expect(read()).toEqual([]);
  });

  it('keeps document order when an earlier block is read again after later ones', async () => {
    const { annotator, read } = setup('<p id="a">IBM</p><p id="b">DeepSeek-R1</p><p id="c">Kai-Fu Lee</p>');
    await annotator.scanAll();
    expect(read().map(([id]) => id)).toEqual(['ibm', 'deepseek-r1', 'kai-fu-lee']);
    const a = document.getElementById('a')!;
    a.textContent = 'Kai-Fu Lee and IBM';
    await annotator.rescan([a.firstChild!]);
    expect(read()).toEqual([
      ['kai-fu-lee', 'Kai-Fu Lee'],
      ['ibm', 'IBM'],
      ['deepseek-r1', 'DeepSeek-R1'],
      ['kai-fu-lee', 'Kai-Fu Lee'],
    ]);
    // A block appended at the end follows the rest.
    document.body.insertAdjacentHTML('beforeend', '<p id="d">IBM</p>');
    await annotator.rescan([document.getElementById('d')!]);
    expect(read().map(([id]) => id)).toEqual(['kai-fu-lee', 'ibm', 'deepseek-r1', 'kai-fu-lee', 'ibm']);
    // And one inserted before them all comes first.
    document.body.insertAdjacentHTML('afterbegin', '<p id="z">DeepSeek-R1</p>');
    await annotator.rescan([document.getElementById('z')!]);
    expect(read().map(([id]) => id)).toEqual(['deepseek-r1', 'kai-fu-lee', 'ibm', 'deepseek-r1', 'kai-fu-lee', 'ibm']);
  });

  it('forgets at once the mentions in a changed text, but those that end within what it kept from its start', async () => {
    const { annotator, painted, read } = setup('<p>IBM and Kai-Fu Lee</p><p>Deep<b>Seek</b>-R1</p>');
    await annotator.scanAll();
    const first = document.querySelector('p')!.firstChild as Text;
    const bold = document.querySelector('b')!.firstChild as Text;
    // "IBM" ends within what the text kept ("IBM and Kai-Fu L"); "Kai-Fu Lee" does not.
    const old = first.data;
    first.data = 'IBM and Kai-Fu Li';
    expect(annotator.forgetChangedText(first, old).map((m) => m.entityId)).toEqual(['kai-fu-lee']);
    expect(read()).toEqual([
      ['ibm', 'IBM'],
      ['deepseek-r1', 'DeepSeek-R1'],
    ]);
    // A mention across inline elements goes when a text in its middle changes.
    const oldBold = bold.data;
    bold.data = 'Seak';
    expect(annotator.forgetChangedText(bold, oldBold).map((m) => m.entityId)).toEqual(['deepseek-r1']);
    expect(read()).toEqual([['ibm', 'IBM']]);
    expect([...painted].map((m) => m.entityId)).toEqual(['ibm']);
    const ibm = [...painted][0];
    expect(annotator.holds(ibm)).toBe(true);
    // Without the old text, everything in the node goes.
    expect(annotator.forgetChangedText(first).map((m) => m.entityId)).toEqual(['ibm']);
    expect(annotator.holds(ibm)).toBe(false);
    expect(read()).toEqual([]);
  });

  it('reads only the runs a filter accepts', async () => {
    document.body.innerHTML = '<nav>IBM menu</nav><article><p>DeepSeek-R1 in the article</p></article>';
    const annotator = createAnnotator({
      root: document,
      matcher,
      painter: { add() {}, remove() {} },
      yieldToPage: () => Promise.resolve(),
      acceptRun: (run) => run.text.includes('article'),
    });
    await annotator.scanAll();
    expect(annotator.mentions().map((m) => m.entityId)).toEqual(['deepseek-r1']);
  });
});

describe('createAnnotator with shadow roots', () => {
  it('orders mentions of the light tree and open shadow trees by document position', async () => {
    document.body.innerHTML = '<p>IBM</p><div id="host"></div><p>Kai-Fu Lee</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>DeepSeek-R1</p>';
    const annotator = createAnnotator({
      root: document,
      matcher,
      painter: { add() {}, remove() {} },
      yieldToPage: () => Promise.resolve(),
    });
    await annotator.scanAll();
    expect(annotator.mentions().map((m) => m.entityId)).toEqual(['ibm', 'deepseek-r1', 'kai-fu-lee']);
  });
});
