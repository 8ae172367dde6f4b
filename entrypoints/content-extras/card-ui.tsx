// The card's home on the page: one <gloss-root> element with a closed shadow root, mounted the first time a
// card opens. Page CSS cannot reach inside; our CSS cannot leak out.
import { render, type ComponentChild } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Card, CARD_CSS } from '@/components/Card';
import { QUOTE_CARD_CSS, QuoteCard } from '@/components/QuoteCard';
import { placeCard } from '@/utils/view/place-card';
import type { CardPort } from '@/utils/page/session';

const HOST_NAME = 'gloss-root';
const HOST_CSS = `
:host { position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important;
  overflow: visible !important; z-index: 2147483647 !important; display: block !important; visibility: visible !important; }
.gloss-card-frame { position: fixed; width: 360px; max-width: calc(100vw - 16px); }
`;

/** The card in a closed shadow root, as the page session drives it. */
export function createCardUi(ctx: ContentScriptContext, onClose: () => void): CardPort {
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let mounting: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;
  let frame: HTMLElement | null = null;
  let open = false;

  const create = (name: string) =>
    createShadowRootUi(ctx, {
      name,
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      mode: 'closed',
      isolateEvents: true,
      css: HOST_CSS + CARD_CSS + QUOTE_CARD_CSS,
      onMount(container) {
        frame = document.createElement('div');
        frame.className = 'gloss-card-frame';
        frame.hidden = true;
        container.append(frame);
        return frame;
      },
      onRemove() {
        if (frame) render(null, frame);
      },
    });
  const ensureMounted = () => {
    mounting ??= create(HOST_NAME)
      // A page may define a custom element of our name whose constructor takes the shadow root first (then
      // ours cannot be attached): a name the page cannot have guessed instead.
      .catch(() => create(`${HOST_NAME}-${Math.random().toString(36).slice(2, 10)}`))
      .then((created) => {
        created.mount();
        ui = created;
        return created;
      });
    return mounting;
  };

  const place = (anchor: DOMRect) => {
    if (!frame) return;
    const { width, height } = frame.getBoundingClientRect();
    const placement = placeCard(
      anchor,
      { width: width || 360, height: height || 240 },
      { width: window.innerWidth, height: window.innerHeight },
    );
    frame.style.left = `${placement.left}px`;
    frame.style.top = `${placement.top}px`;
    frame.style.setProperty('--gloss-card-max-height', `${placement.maxHeight}px`);
  };

  const openSource = (url: string) => {
    void browser.runtime.sendMessage({ type: 'gloss:open', url });
  };

  const display = (content: ComponentChild, anchor: DOMRect, focus: boolean) => {
    ensureMounted().then(
      () => {
        if (!frame || !ctx.isValid) return;
        render(content, frame);
        frame.hidden = false;
        open = true;
        place(anchor);
        if (focus) frame.querySelector<HTMLElement>('[role="dialog"]')?.focus();
      },
      () => undefined,
    ); // no card on this page, and nothing thrown at it
  };

  return {
    show(view, anchor, { focus }) {
      display(<Card view={view} onClose={onClose} onOpenSource={openSource} />, anchor, focus);
    },
    showQuote(view, anchor, { focus }) {
      display(<QuoteCard view={view} onClose={onClose} onOpenSource={openSource} />, anchor, focus);
    },
    reposition(anchor) {
      if (open) place(anchor);
    },
    hide() {
      open = false;
      if (frame) {
        frame.hidden = true;
        render(null, frame);
      }
    },
    owns(target) {
      return !!ui && target === ui.shadowHost;
    },
    get host() {
      return ui?.shadowHost ?? null;
    },
    get open() {
      return open;
    },
  };
}
