// Search hits as one listbox in two groups (entities, quotes). Options are not focusable: focus stays in the
// search field (see SearchBox) and the active option is only marked, and scrolled into view.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { Hit, SearchHits } from '../utils/search';
import { Marked } from './Marked';

export interface SearchResultsProps {
  id: string;
  results: SearchHits;
  /** Index into [...entities, ...quotes]; -1 for none. */
  activeIndex: number;
  onChoose(hit: Hit): void;
  onActivate(index: number): void;
}

/** The DOM id of the option at `index` of the listbox `listboxId`. */
export function optionId(listboxId: string, index: number): string {
  return `${listboxId}-option-${index}`;
}

export function SearchResults({ id, results, activeIndex, onChoose, onActivate }: SearchResultsProps) {
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (activeIndex < 0) return;
    const option = listRef.current?.querySelector(`#${CSS.escape(optionId(id, activeIndex))}`);
    // happy-dom and old engines may lack it; it's only comfort.
    (option as HTMLElement | null)?.scrollIntoView?.({ block: 'nearest' });
  }, [id, activeIndex]);

  const group = (key: 'entities' | 'quotes', hits: Hit[], offset: number) => {
    if (!hits.length) return null;
    const headingId = `${id}-${key}`;
    return (
      <div role="group" aria-labelledby={headingId} class="gloss-group">
        <div role="presentation" id={headingId} class="gloss-group-head">
          {t(key === 'entities' ? 'popup_group_entities' : 'popup_group_quotes')}
        </div>
        {hits.map((hit, i) => {
          const index = offset + i;
          return (
            <div
              key={`${hit.kind}:${hit.id}`}
              id={optionId(id, index)}
              role="option"
              aria-selected={index === activeIndex}
              class={`gloss-option gloss-option-${hit.kind} gloss-type-${hit.type}`}
              // Keep focus (and the caret) in the search field.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== activeIndex && onActivate(index)}
              onClick={() => onChoose(hit)}
            >
              {hit.kind === 'entity' ? <EntityOption hit={hit} /> : <QuoteOption hit={hit} />}
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <div ref={listRef} id={id} role="listbox" aria-label={t('popup_results_label')} class="gloss-results">
      {group('entities', results.entities, 0)}
      {group('quotes', results.quotes, results.entities.length)}
    </div>
  );
}

function EntityOption({ hit }: { hit: Hit }) {
  return (
    <>
      <span class="gloss-dot" aria-hidden="true" />
      <span class="gloss-option-text">
        <span class="gloss-option-label" lang={hit.label.lang}>
          <Marked {...hit.label} />
        </span>
        {hit.detail && (
          <span class="gloss-option-detail" lang={hit.detail.lang}>
            <Marked {...hit.detail} />
          </span>
        )}
      </span>
      <span class="gloss-option-type">{t(`entity_type_${hit.type}`)}</span>
    </>
  );
}

function QuoteOption({ hit }: { hit: Hit }) {
  return (
    <span class="gloss-option-text">
      <q class="gloss-option-quote" lang={hit.label.lang}>
        <Marked {...hit.label} />
      </q>
      {hit.detail && (
        <span class="gloss-option-detail">
          <span aria-hidden="true">— </span>
          {hit.detail.text}
        </span>
      )}
    </span>
  );
}
