// The card of a quotation on the page: the quote check's verdict, the source's quote verbatim (the matched
// part marked), who said it and where, and for an altered quotation the words that differ, page against
// source. It renders a QuoteVerdictView only; the content script mounts it in the card's shadow root.
import quoteCardCss from './QuoteCard.css?inline';
import type { TargetedKeyboardEvent } from 'preact';
import type { QuoteVerdictView } from '../utils/messages';
import { t } from '../utils/i18n';
import { SourceLink } from './SourceLink';

export interface QuoteCardProps {
  view: QuoteVerdictView;
  onClose(): void;
  /** Opens an extension-relative source view URL (from `sourceLink`). */
  onOpenSource(url: string): void;
  hrefFor?(url: string): string;
}

export const QUOTE_CARD_TITLE_ID = 'gloss-quote-verdict';

const VERDICT_KEYS = {
  verbatim: 'quote_verdict_verbatim',
  shortened: 'quote_verdict_shortened',
  altered: 'quote_verdict_altered',
  'other-speaker': 'quote_verdict_other_speaker',
} as const;

export function QuoteCard({ view, onClose, onOpenSource, hrefFor }: QuoteCardProps) {
  const { known } = view;
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };

  return (
    <div
      class={`gloss-card gloss-quote-card gloss-verdict-${view.verdict}`}
      role="dialog"
      aria-labelledby={QUOTE_CARD_TITLE_ID}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <button type="button" class="gloss-close" aria-label={t('entity_close')} title={t('entity_close')} onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
      <h2 id={QUOTE_CARD_TITLE_ID} class="gloss-verdict">
        <span class="gloss-verdict-dot" aria-hidden="true" />
        {t(VERDICT_KEYS[view.verdict])}
      </h2>
      {view.verdict === 'other-speaker' && view.pageSpeaker && (
        <p class="gloss-verdict-note">{t('quote_page_gives_it_to', [view.pageSpeaker.name, known.speaker.name])}</p>
      )}
      {view.diff && view.verdict === 'altered' && (
        <section class="gloss-diff-section" aria-label={t('quote_differences')}>
          <h3>{t('quote_differences')}</h3>
          <p class="gloss-diff" lang={known.source.lang}>
            {view.diff.map((piece, i) =>
              piece.kind === 'same' ? (
                <span key={i}>{piece.text}</span>
              ) : piece.kind === 'page' ? (
                <ins key={i} title={t('quote_page_only')}>
                  {piece.text}
                </ins>
              ) : (
                <del key={i} title={t('quote_source_only')}>
                  {piece.text}
                </del>
              ),
            )}
          </p>
        </section>
      )}
      <figure class="gloss-quote gloss-known-quote">
        <h3>{t('quote_in_the_source')}</h3>
        <blockquote lang={known.source.lang}>
          {known.text.slice(0, view.knownStart)}
          <mark>{known.text.slice(view.knownStart, view.knownEnd)}</mark>
          {known.text.slice(view.knownEnd)}
        </blockquote>
        <figcaption>
          <span aria-hidden="true">— </span>
          <span class="gloss-entity-ref">{known.speaker.name}</span>
          {', '}
          <SourceLink passage={known} onOpenSource={onOpenSource} hrefFor={hrefFor}>
            <cite lang={known.source.lang}>{known.source.title}</cite>
          </SourceLink>
          {known.source.date && (
            <>
              {', '}
              <time dateTime={known.source.date}>{known.source.date}</time>
            </>
          )}
        </figcaption>
      </figure>
    </div>
  );
}

export const QUOTE_CARD_CSS = quoteCardCss;
