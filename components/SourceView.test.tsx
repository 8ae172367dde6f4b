// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSourceParams, sourceLink } from '../utils/view/entity-view';
import { EN_ID, KAOUTAR_QUOTE, ZH_ID, ZH_TEXT, quoteAt, viewFixtureIndex } from '../utils/view/entity-view.fixture';
import { contrastRatio } from '../utils/type-colors';
import { PASSAGE_COLORS, SOURCE_CSS, SourceView } from './SourceView';
import { THEME } from './theme';
import type { SourceParams } from '../utils/view/entity-view';

vi.mock('../utils/i18n', () => ({
  t: (key: string, substitutions?: string | string[]) =>
    substitutions === undefined ? key : `${key}[${([] as string[]).concat(substitutions).join('|')}]`,
}));

let root: HTMLElement | undefined;
function mount(params: SourceParams, onNavigate: (url: string) => void = () => {}) {
  root = document.createElement('div');
  document.body.append(root);
  const index = viewFixtureIndex();
  render(<SourceView index={index} params={params} onNavigate={onNavigate} />, root);
  return root;
}
function unmount() {
  if (!root) return;
  render(null, root);
  root.remove();
  root = undefined;
}
afterEach(unmount);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SourceView', () => {
  it('shows the source as a document with its title, date, publisher and language', () => {
    const el = mount({ source: ZH_ID });
    expect(el.querySelector('h1')!.textContent).toBe('DeepSeek 发布六个月后');
    expect(el.querySelector('h1')!.getAttribute('lang')).toBe('zh');
    expect(el.querySelector('time')!.getAttribute('datetime')).toBe('2025-07-18');
    expect(el.querySelector('.source-meta')!.textContent).toContain('IBM Think');
    const paragraphs = [...el.querySelectorAll('.source-doc p')].map((p) => p.textContent);
    expect(paragraphs.join('\n')).toBe(ZH_TEXT);
    expect(el.querySelector('.source-notice')).toBeNull();
  });

  it('highlights mentions as elements built from text, and renders markup in the index as text', () => {
    const el = mount({ source: EN_ID });
    const mentions = [...el.querySelectorAll('.source-mention')];
    expect(mentions.map((m) => [m.textContent, m.getAttribute('data-entity')])).toEqual([
      ['DeepSeek', 'deepseek'],
      ['DeepSeek-R1', 'deepseek-r1'],
      ['DeepSeek', 'deepseek'],
      ['Kaoutar El Maghraoui', 'kaoutar-el-maghraoui'],
      ['Anthony Annunziata', 'anthony-annunziata'],
    ]);
    expect(mentions[1].className).toContain('gloss-type-model');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('h1')!.textContent).toBe('A note on <b>DeepSeek</b>');
    // Only web addresses become links.
    expect(el.querySelector<HTMLAnchorElement>('.source-meta a')!.getAttribute('href')).toBe('https://example.org/note');
  });

  it('marks the passage of the link and moves focus to it', () => {
    const q = quoteAt(ZH_ID, KAOUTAR_QUOTE);
    const el = mount(parseSourceParams(sourceLink(q).split('?')[1]));
    const marks = [...el.querySelectorAll('mark.source-passage')];
    expect(marks.map((m) => m.textContent).join('')).toBe(KAOUTAR_QUOTE);
    expect(document.activeElement).toBe(marks[0]);
  });

  it('marks a passage spanning mentions in pieces that add up to it', () => {
    const sentence = 'IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为';
    const q = quoteAt(ZH_ID, sentence);
    const el = mount({ source: ZH_ID, start: q.start, end: q.end });
    expect([...el.querySelectorAll('mark.source-passage')].map((m) => m.textContent).join('')).toBe(sentence);
    expect(el.querySelector('.source-mention mark.source-passage')).not.toBeNull();
  });

  it('falls back to the text quote when the offsets do not fit, and says when nothing fits', () => {
    const q = quoteAt(ZH_ID, KAOUTAR_QUOTE);
    let el = mount({ source: ZH_ID, start: q.start + 5, end: q.end + 5, exact: q.text, prefix: q.prefix, suffix: q.suffix });
    expect([...el.querySelectorAll('mark.source-passage')].map((m) => m.textContent).join('')).toBe(KAOUTAR_QUOTE);
    unmount();
    el = mount({ source: ZH_ID, start: 3, end: 9, exact: '没有这句话' });
    expect(el.querySelector('mark.source-passage')).toBeNull();
    expect(el.querySelector('.source-notice')!.textContent).toBe('source_passage_missing');
  });

  it('shows an entity in the side panel on clicking or pressing Enter on a mention', async () => {
    const el = mount({ source: ZH_ID });
    expect(el.querySelector('.source-panel')).toBeNull();
    const mention = el.querySelector<HTMLElement>('.source-mention[data-entity="ai-alliance"]')!;
    mention.click();
    await settle();
    const panel = el.querySelector<HTMLElement>('.source-panel')!;
    expect(panel.querySelector('h2')!.textContent).toBe('AI AllianceAI 联盟');
    expect(document.activeElement).toBe(panel);
    expect(el.querySelector('.source-mention[data-entity="ai-alliance"]')!.getAttribute('aria-pressed')).toBe('true');

    el.querySelector<HTMLElement>('.source-mention[data-entity="meta"]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
    );
    await settle();
    expect(el.querySelector('.source-panel h2')!.textContent).toBe('Meta');

    // Related entities open in the same panel; closing it returns focus to the mention.
    el.querySelector<HTMLButtonElement>('.source-panel .gloss-relation button')!.click();
    await settle();
    expect(el.querySelector('.source-panel h2')!.textContent).toBe('AI AllianceAI 联盟');
    el.querySelector<HTMLButtonElement>('.source-panel-close')!.click();
    await settle();
    expect(el.querySelector('.source-panel')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('.source-mention[data-entity="meta"]'));
  });

  it('opens the entity named in the link, and navigates to passages from the panel keeping it open', async () => {
    const urls: string[] = [];
    const el = mount({ source: ZH_ID, entity: 'kaoutar-el-maghraoui' }, (url) => urls.push(url));
    await settle();
    const link = el.querySelector<HTMLAnchorElement>('.source-panel figcaption a')!;
    link.click();
    expect(urls).toHaveLength(1);
    expect(parseSourceParams(urls[0].split('?')[1])).toMatchObject({ source: ZH_ID, entity: 'kaoutar-el-maghraoui' });
  });

  it('lists the sources when none or an unknown one is asked for', () => {
    const urls: string[] = [];
    const el = mount({ source: 'nope' }, (url) => urls.push(url));
    expect(el.querySelector('.source-notice')!.textContent).toBe('source_not_found');
    const links = [...el.querySelectorAll<HTMLAnchorElement>('.source-list a')];
    expect(links.map((a) => a.textContent)).toEqual(['DeepSeek 发布六个月后', 'A note on <b>DeepSeek</b>']);
    links[1].click();
    expect(urls).toEqual([`/source.html?source=${EN_ID}`]);
  });
});

describe('SOURCE_CSS', () => {
  it('marks the passage readably in both schemes and falls back to CJK fonts', () => {
    expect(contrastRatio(THEME.light.fg, PASSAGE_COLORS.light.bg)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(THEME.dark.fg, PASSAGE_COLORS.dark.bg)).toBeGreaterThanOrEqual(7);
    expect(SOURCE_CSS).toContain('"Noto Sans CJK SC"');
    expect(SOURCE_CSS).toContain('@media (prefers-color-scheme: dark)');
  });
});
