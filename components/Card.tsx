// The hover card: a compact EntityDetails in a small dialog. The content script positions it, mounts it in a
// closed shadow root with CARD_CSS, and moves focus; the card only renders and reports what the user asks.
import cardCss from './Card.css?inline';
import type { TargetedKeyboardEvent, TargetedMouseEvent } from 'preact';
import { t } from '../utils/i18n';
import { cardSummary, entityLink } from '../utils/view/entity-view';
import type { EntityView } from '../utils/view/entity-view';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { themeCss } from './theme';

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
export const CARD_CSS = [themeCss('.gloss-card'), cardCss, ENTITY_CSS].join('\n');
