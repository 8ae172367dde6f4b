// Everything Gloss knows about one entity, as the hover card (compact), the popup and the source view's side
// panel show it. Quotes come right after the facts: they are what a reader hovering a name came for. Index text is rendered only as Preact text nodes, and always inside <q> or <blockquote>
// carrying its source's language, so it reads as the verbatim quotation it is.
import entityCss from './EntityDetails.css?inline';
import { themeCss } from './theme';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../utils/i18n';
import { SourceLink } from './SourceLink';
import { shortSourceLabel, viewPassages } from '../utils/view/entity-view';
import type { CardLimits, EntityView, Passage } from '../utils/view/entity-view';
import { typeColorRules } from '../utils/type-colors';

export interface EntityDetailsProps {
  view: EntityView;
  /** Opens a source view URL (extension-relative, from `sourceLink`); the caller decides where. */
  onOpenSource(url: string): void;
  /** Shows another entity; without it related entities are plain text. */
  onEntity?(id: string): void;
  /** Id of the name heading, for a surrounding dialog's aria-labelledby; unique by default. */
  nameId?: string;
  /** Fewer details: relation evidence as a link only. */
  compact?: boolean;
  /** How many items of each list were left out (see cardSummary), announced after the list. */
  more?: Partial<CardLimits>;
  /**
   * The href of a source link. Defaults to the extension-relative URL, right in extension pages; a content
   * script passes browser.runtime.getURL so the link target is never resolved against the web page.
   */
  hrefFor?(url: string): string;
}

/** Language tags of the names: the English name, and the Chinese one (Simplified in all our seeds). */
const EN = 'en';
const ZH = 'zh-CN';

export function EntityDetails({ view, onOpenSource, onEntity, nameId, compact, more = {}, hrefFor }: EntityDetailsProps) {
  const autoId = useId();
  const headingId = nameId ?? `gloss-entity-${autoId}`;
  const sectionId = (name: string) => `${headingId}-${name}`;
  const sourceAnchor = (passage: Passage, children: ComponentChildren) => (
    <SourceLink passage={passage} onOpenSource={onOpenSource} hrefFor={hrefFor}>
      {children}
    </SourceLink>
  );
  // The short "source" link after a fact, context or relation; its accessible name names the source. When the
  // passages come from several sources (the user's library), the link itself says which one and its date.
  const severalSources = new Set(viewPassages(view).map((passage) => passage.source.id)).size > 1;
  const sourceRef = (passage: Passage) => sourceAnchor(passage, severalSources ? shortSourceLabel(passage.source) : t('entity_source'));
  const entityName = (entity: { id: string; name: string }) =>
    onEntity && entity.id !== view.id ? (
      <button type="button" class="gloss-entity-link" onClick={() => onEntity(entity.id)}>
        {entity.name}
      </button>
    ) : (
      <span class="gloss-entity-ref">{entity.name}</span>
    );
  const moreNote = (count?: number) => (count ? <p class="gloss-more">{t('entity_more', String(count))}</p> : null);
  const passageKey = (passage: Passage) => `${passage.locator.source}:${passage.locator.start}:${passage.locator.end}`;

  const nameLang = view.name === view.names.en ? EN : view.name === view.names.zh ? ZH : undefined;
  const altName = view.names.zh && view.names.zh !== view.name ? view.names.zh : undefined;

  return (
    <article class={`gloss-entity gloss-type-${view.type}${compact ? ' gloss-compact' : ''}`}>
      <header class="gloss-entity-head">
        <h2 id={headingId} class="gloss-entity-name">
          <span lang={nameLang}>{view.name}</span>
          {altName && (
            <span class="gloss-entity-alt" lang={ZH}>
              {altName}
            </span>
          )}
        </h2>
        <span class="gloss-badge">{t(`entity_type_${view.type}`)}</span>
      </header>

      {view.summary && (
        <div class="gloss-summary">
          <blockquote lang={view.summary.source.lang}>{view.summary.text}</blockquote> {sourceRef(view.summary)}
        </div>
      )}

      {view.facts.length > 0 && (
        <section class="gloss-section" aria-labelledby={sectionId('facts')}>
          <h3 id={sectionId('facts')}>{t('entity_facts')}</h3>
          <ul>
            {view.facts.map((fact) => (
              <li key={passageKey(fact)}>
                <q lang={fact.source.lang}>{fact.text}</q> {sourceRef(fact)}
              </li>
            ))}
          </ul>
          {moreNote(more.facts)}
        </section>
      )}

      {view.quotes.length > 0 && (
        <section class="gloss-section" aria-labelledby={sectionId('quotes')}>
          <h3 id={sectionId('quotes')}>{t('entity_quotes')}</h3>
          {view.quotes.map((quote) => (
            <figure key={quote.id} class="gloss-quote">
              <blockquote lang={quote.source.lang}>{quote.text}</blockquote>
              <figcaption>
                <span aria-hidden="true">— </span>
                {entityName(quote.speaker)}
                {', '}
                {sourceAnchor(quote, <cite lang={quote.source.lang}>{quote.source.title}</cite>)}
                {quote.source.date && (
                  <>
                    {', '}
                    <time dateTime={quote.source.date}>{quote.source.date}</time>
                  </>
                )}
              </figcaption>
            </figure>
          ))}
          {moreNote(more.quotes)}
        </section>
      )}

      {view.related.length > 0 && (
        <section class="gloss-section" aria-labelledby={sectionId('related')}>
          <h3 id={sectionId('related')}>{t('entity_related')}</h3>
          <ul>
            {view.related.map((related) => (
              <li key={`${related.label}:${related.entity.id}`} class={`gloss-relation gloss-rel-${related.direction}`}>
                <span class="gloss-rel-label">{t(related.labelKey)}</span> {entityName(related.entity)}{' '}
                {compact ? (
                  sourceRef(related.evidence)
                ) : (
                  <span class="gloss-evidence">
                    <q lang={related.evidence.source.lang}>{related.evidence.text}</q> {sourceRef(related.evidence)}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {moreNote(more.related)}
        </section>
      )}

      {view.contexts.length > 0 && (
        <section class="gloss-section" aria-labelledby={sectionId('contexts')}>
          <h3 id={sectionId('contexts')}>{t('entity_contexts')}</h3>
          <ul>
            {view.contexts.map((context) => (
              <li key={passageKey(context)}>
                <q lang={context.source.lang}>{context.text}</q> {sourceRef(context)}
              </li>
            ))}
          </ul>
          {moreNote(more.contexts)}
        </section>
      )}
    </article>
  );
}

/**
 * The component's styles. They rely on the theme's custom properties (see themeCss) being declared on the
 * component or an ancestor, and set no font size of their own beyond relative ones.
 */
export const ENTITY_CSS = [themeCss('.gloss-entity'), typeColorRules((type) => `.gloss-entity.gloss-type-${type}`, 0.16), entityCss].join(
  '\n',
);
