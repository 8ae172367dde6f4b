// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QuoteVerdictView } from '../utils/messages';
import { entityView } from '../utils/view/entity-view';
import { KAOUTAR_QUOTE, viewFixtureIndex } from '../utils/view/entity-view.fixture';
import { QUOTE_CARD_TITLE_ID, QuoteCard } from './QuoteCard';

vi.mock('../utils/i18n', () => ({
  t: (key: string, substitutions?: string | string[]) =>
    substitutions === undefined ? key : `${key}[${([] as string[]).concat(substitutions).join('|')}]`,
}));

const known = entityView(viewFixtureIndex(), 'kaoutar-el-maghraoui')!.quotes.find((quote) => quote.text === KAOUTAR_QUOTE)!;

let root: HTMLElement;
function mount(view: QuoteVerdictView, onOpenSource = vi.fn(), onClose = vi.fn()) {
  root = document.createElement('div');
  document.body.append(root);
  render(<QuoteCard view={view} onClose={onClose} onOpenSource={onOpenSource} />, root);
  return { el: root, onOpenSource, onClose };
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('QuoteCard', () => {
  it('is a dialog labelled by its verdict, with the source’s quote verbatim and the matched part marked', () => {
    const { el } = mount({ verdict: 'verbatim', known, knownStart: 2, knownEnd: 6 });
    const dialog = el.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe(QUOTE_CARD_TITLE_ID);
    expect(el.querySelector(`#${QUOTE_CARD_TITLE_ID}`)!.textContent).toBe('quote_verdict_verbatim');
    expect(el.querySelector('blockquote')!.textContent).toBe(known.text);
    expect(el.querySelector('blockquote mark')!.textContent).toBe(known.text.slice(2, 6));
    expect(el.querySelector('figcaption')!.textContent).toContain('Kaoutar El Maghraoui');
  });

  it('shows an altered quotation word by word: the page’s words and the source’s', () => {
    const diff = [
      { kind: 'same', text: 'A ' },
      { kind: 'page', text: 'changed' },
      { kind: 'source', text: 'original' },
      { kind: 'same', text: ' word' },
    ] as const;
    const { el } = mount({ verdict: 'altered', known, knownStart: 0, knownEnd: known.text.length, diff: [...diff] });
    expect(el.querySelector('.gloss-diff ins')!.textContent).toBe('changed');
    expect(el.querySelector('.gloss-diff del')!.textContent).toBe('original');
    expect(el.querySelector('.gloss-diff')!.textContent).toBe('A changedoriginal word');
  });

  it('names both speakers for another speaker’s words', () => {
    const { el } = mount({
      verdict: 'other-speaker',
      known,
      knownStart: 0,
      knownEnd: 4,
      pageSpeaker: { id: 'larry-li', name: 'Larry Li' },
    });
    expect(el.querySelector('.gloss-verdict-note')!.textContent).toBe('quote_page_gives_it_to[Larry Li|Kaoutar El Maghraoui]');
  });

  it('opens the passage through the caller, and closes on Escape', () => {
    const { el, onOpenSource, onClose } = mount({ verdict: 'verbatim', known, knownStart: 0, knownEnd: 4 });
    el.querySelector<HTMLAnchorElement>('.gloss-src-link')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(onOpenSource).toHaveBeenCalledWith(expect.stringMatching(/^\/source\.html\?/));
    el.querySelector('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalled();
  });
});
