// "On this page": the entities the active tab's content script found, by first appearance, with counts.
// A name scrolls the page to its next mention; the ⓘ button opens its details in the popup.
import { t } from '../utils/i18n';
import type { PageState } from '../utils/view/on-this-page';

export interface OnThisPageProps {
  state: PageState;
  /** Why the page shows nothing even though Gloss could read it. */
  off?: 'global' | 'site';
  onReveal(entityId: string): void;
  onDetails(entityId: string): void;
  /** DOM id for an entity's details button, so focus can return to it. */
  detailsId?(entityId: string): string;
}

export function OnThisPage({ state, off, onReveal, onDetails, detailsId }: OnThisPageProps) {
  let body;
  if (state.status === 'loading') {
    body = <p class="gloss-note">{t('popup_page_loading')}</p>;
  } else if (state.status === 'unavailable') {
    body = (
      <div class="gloss-unavailable">
        <p class="gloss-note-strong">{t('popup_page_unavailable')}</p>
        <p class="gloss-note">{t('popup_page_unavailable_hint')}</p>
      </div>
    );
  } else if (off) {
    body = <p class="gloss-note">{t(off === 'global' ? 'popup_page_off_global' : 'popup_page_off_site')}</p>;
  } else if (!state.entities.length) {
    body = <p class="gloss-note">{t(state.complete ? 'popup_page_empty' : 'popup_page_scanning')}</p>;
  } else {
    body = (
      <>
        <ul class="gloss-page-list">
          {state.entities.map((entity) => (
            <li key={entity.entityId} class={`gloss-page-item gloss-type-${entity.type}`}>
              <button type="button" class="gloss-page-reveal" title={t('popup_reveal_title')} onClick={() => onReveal(entity.entityId)}>
                <span class="gloss-dot" aria-hidden="true" />
                <span class="gloss-page-name">{entity.name}</span>
                <span class="gloss-count">
                  <span aria-hidden="true">{entity.count}</span>
                  <span class="gloss-sr">{t('popup_mentions', String(entity.count))}</span>
                </span>
              </button>
              <button
                type="button"
                id={detailsId?.(entity.entityId)}
                class="gloss-page-details"
                aria-label={t('popup_details_for', entity.name)}
                title={t('popup_details_for', entity.name)}
                onClick={() => onDetails(entity.entityId)}
              >
                <span aria-hidden="true">ⓘ</span>
              </button>
            </li>
          ))}
        </ul>
        {!state.complete && <p class="gloss-note">{t('popup_page_scanning')}</p>}
      </>
    );
  }
  return (
    <section class="gloss-page" aria-labelledby="gloss-page-heading" aria-busy={state.status === 'loading'}>
      <h2 id="gloss-page-heading" class="gloss-section-head">
        {t('popup_on_this_page')}
      </h2>
      {body}
    </section>
  );
}
