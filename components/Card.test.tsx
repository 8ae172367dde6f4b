// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityLink, entityView } from '../utils/view/entity-view';
import type { EntityView } from '../utils/view/entity-view';
import { XSS_QUOTE, viewFixtureIndex } from '../utils/view/entity-view.fixture';
import { TYPE_COLORS } from '../utils/type-colors';
import { CARD_CSS, CARD_NAME_ID, Card } from './Card';

vi.mock('../utils/i18n', () => ({
  t: (key: string, substitutions?: string | string[]) =>
    substitutions === undefined ? key : `${key}[${([] as string[]).concat(substitutions).join('|')}]`,
}));

function view(id: string): EntityView {
  return entityView(viewFixtureIndex(), id)!;
}

let root: HTMLElement;
function mount(node: preact.VNode): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('Card', () => {
  it('is a dialog labelled by the entity name', () => {
    const el = mount(<Card view={view('ai-alliance')} onClose={() => {}} onOpenSource={() => {}} />);
    const dialog = el.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe(CARD_NAME_ID);
    expect(el.querySelector(`#${CARD_NAME_ID}`)!.textContent).toBe('AI AllianceAI 联盟');
  });

  it('renders quotes as text: markup in a quote creates no element', () => {
    const kaoutar = view('kaoutar-el-maghraoui');
    const el = mount(<Card view={kaoutar} onClose={() => {}} onOpenSource={() => {}} />);
    const quotes = [...el.querySelectorAll('blockquote')].map((q) => q.textContent);
    expect(quotes).toContain(XSS_QUOTE);
    expect(el.querySelector('img')).toBeNull();
    expect(el.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders a source title containing markup as text', () => {
    const el = mount(<Card view={view('deepseek-r1')} onClose={() => {}} onOpenSource={() => {}} />);
    // deepseek-r1's relation evidence comes from the English note titled 'A note on <b>DeepSeek</b>'.
    expect(el.querySelector('b')).toBeNull();
    expect([...el.querySelectorAll('a')].some((a) => a.getAttribute('title')?.includes('<b>DeepSeek</b>'))).toBe(true);
  });

  it('closes from its focusable close button and on Escape', () => {
    const onClose = vi.fn();
    const el = mount(<Card view={view('ibm')} onClose={onClose} onOpenSource={() => {}} />);
    const close = el.querySelector<HTMLButtonElement>('button.gloss-close')!;
    expect(close.getAttribute('aria-label')).toBe('entity_close');
    close.focus();
    expect(document.activeElement).toBe(close);
    close.click();
    expect(onClose).toHaveBeenCalledTimes(1);

    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    document.removeEventListener('keydown', outside);
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(outside).not.toHaveBeenCalled();
  });

  it('caps the lists, says how many more, and links to the full details', () => {
    const opened: string[] = [];
    const deepseek = view('deepseek');
    const el = mount(
      <Card
        view={{ ...deepseek, facts: [...deepseek.facts, ...deepseek.contexts] }}
        onClose={() => {}}
        onOpenSource={(url) => opened.push(url)}
      />,
    );
    expect(el.querySelectorAll('.gloss-section:first-of-type li').length).toBe(2);
    expect(el.querySelector('.gloss-more')!.textContent).toBe('entity_more[2]');
    const open = el.querySelector<HTMLAnchorElement>('a.gloss-open')!;
    open.click();
    expect(opened).toEqual([entityLink(deepseek)]);
    expect(opened[0]).toContain('entity=deepseek');
  });

  it('passes entity clicks through', () => {
    const entities: string[] = [];
    const el = mount(<Card view={view('ibm')} onClose={() => {}} onOpenSource={() => {}} onEntity={(id) => entities.push(id)} />);
    el.querySelector<HTMLButtonElement>('.gloss-relation button')!.click();
    expect(entities).toEqual(['kaoutar-el-maghraoui']);
  });
});

describe('CARD_CSS', () => {
  it('is self-contained: explicit font, size, colours, box-sizing, both schemes, focus outlines, type colours', () => {
    // White space folded, so the rules read the same however the stylesheet is formatted.
    const css = CARD_CSS.replace(/\s+/g, ' ').replace(/\s*([{};:,])\s*/g, '$1');
    expect(css).not.toContain(':host');
    // The font is the theme's, declared on the card itself: Chinese fallbacks included.
    expect(css).toMatch(/\.gloss-card\{[^}]*--gloss-font:[^;]*"PingFang SC"/);
    expect(css).toMatch(/\.gloss-card\{[^}]*font-family:var\(--gloss-font\)/);
    expect(css).toMatch(/\.gloss-card\{[^}]*font-size:14px/);
    expect(css).toMatch(/\.gloss-card\{[^}]*background:var\(--gloss-bg\)/);
    expect(css).toContain('.gloss-card *,.gloss-card *::before,.gloss-card *::after{box-sizing:border-box;}');
    expect(css).toContain('@media (prefers-color-scheme:dark)');
    expect(css).toContain(':focus-visible{outline:2px solid');
    for (const color of Object.values(TYPE_COLORS)) {
      expect(CARD_CSS).toContain(color.light);
      expect(CARD_CSS).toContain(color.dark);
    }
    expect(CARD_CSS).not.toMatch(/undefined|\[object/);
  });
});
