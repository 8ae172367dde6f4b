// The hover card: a compact EntityDetails in a small dialog. The content script positions it, mounts it in a
// closed shadow root with CARD_CSS, and moves focus; the card only renders and reports what the user asks.
import type { TargetedKeyboardEvent, TargetedMouseEvent } from 'preact';
import { t } from '../utils/i18n';
import { cardSummary, entityLink } from '../utils/view/entity-view';
import type { EntityView } from '../utils/view/entity-view';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { themeCss, UI_FONTS } from './theme';

export interface CardProps {
  view: EntityView;
  /** The close button, and Escape pressed inside the card. */
  onClose(): void;
  /** Opens an extension-relative source view URL (from `sourceLink`). */
  onOpenSource(url: string): void;
  /** Shows another entity, e.g. by replacing the card's view. */
  onEntity?(id: string): void;
  /** Turns an extension-relative URL into a link target; a content script passes browser.runtime.getURL. */
  hrefFor?(url: string): string;
}

/** The card's one id: it lives alone in its shadow root, so a fixed id cannot collide. */
export const CARD_NAME_ID = 'gloss-card-name';

export function Card({ view, onClose, onOpenSource, onEntity, hrefFor }: CardProps) {
  const { view: shown, more } = cardSummary(view);
  const fullUrl = entityLink(view);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    // The page must not also act on it (closing its own dialog, leaving full screen).
    event.stopPropagation();
    onClose();
  };
  const openFull = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (!fullUrl || event.button > 1) return;
    event.preventDefault();
    onOpenSource(fullUrl);
  };

  return (
    // Focusable itself, so the content script can move focus to the card without choosing a control in it.
    <div class="gloss-card" role="dialog" aria-labelledby={CARD_NAME_ID} tabIndex={-1} onKeyDown={onKeyDown}>
      <button type="button" class="gloss-close" aria-label={t('entity_close')} title={t('entity_close')} onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
      <EntityDetails
        view={shown}
        compact
        more={more}
        nameId={CARD_NAME_ID}
        onOpenSource={onOpenSource}
        onEntity={onEntity}
        hrefFor={hrefFor}
      />
      {fullUrl && (
        <footer class="gloss-card-foot">
          <a class="gloss-open" href={hrefFor ? hrefFor(fullUrl) : fullUrl} onClick={openFull} onAuxClick={openFull}>
            {t('entity_open_in_gloss')}
          </a>
        </footer>
      )}
    </div>
  );
}

/**
 * All the card's styles, for the shadow root. The content script may cap the height to the room it found by
 * setting --gloss-card-max-height on an ancestor. Nothing of the page reaches in except inherited properties,
 * which the host's `all: initial` resets (WXT's shadow root UI adds it, and the host's own rules belong to the
 * content script, so none are here); the root then sets every inherited property the card relies on.
 */
export const CARD_CSS = `
${themeCss('.gloss-card')}
.gloss-card{
  /* The padding and border are inside the 360px and inside the height the content script leaves room for. */
  box-sizing:border-box;position:relative;display:block;width:360px;max-width:calc(100vw - 16px);max-height:var(--gloss-card-max-height, min(480px, calc(100vh - 16px)));
  overflow:auto;overscroll-behavior:contain;padding:14px 16px 12px;
  font-family:${UI_FONTS};font-size:14px;font-weight:400;font-style:normal;line-height:1.5;
  letter-spacing:normal;word-spacing:normal;text-align:start;text-transform:none;text-indent:0;white-space:normal;
  direction:ltr;color:var(--gloss-fg);background:var(--gloss-bg);
  border:1px solid var(--gloss-border);border-radius:10px;
  box-shadow:0 8px 28px rgba(0,0,0,.18),0 1px 3px rgba(0,0,0,.12);
}
.gloss-card *,.gloss-card *::before,.gloss-card *::after{box-sizing:border-box;}
.gloss-card .gloss-entity-head{padding-inline-end:28px;}
.gloss-close{
  position:absolute;top:8px;right:8px;width:28px;height:28px;display:flex;align-items:center;justify-content:center;
  padding:0;margin:0;border:0;border-radius:6px;background:transparent;color:var(--gloss-muted);
  font:inherit;font-size:20px;line-height:1;cursor:pointer;
}
.gloss-close:hover{background:var(--gloss-surface);color:var(--gloss-fg);}
.gloss-card :focus-visible{outline:2px solid var(--gloss-focus);outline-offset:2px;}
.gloss-card-foot{
  display:flex;justify-content:flex-end;
  margin-top:.8em;padding-top:.6em;border-top:1px solid var(--gloss-border);font-size:.9em;
}
.gloss-open{color:var(--gloss-link);font-weight:600;text-decoration:underline;text-underline-offset:.15em;}
@media (prefers-reduced-motion: no-preference){.gloss-close{transition:background-color .12s;}}
${ENTITY_CSS}
`;
