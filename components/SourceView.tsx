// The source view (source.html): one seed document as a readable page, with the index's entity mentions
// highlighted, the passage a link pointed at marked and scrolled to, and a side panel with the details of
// whichever entity the reader picks. The document is built from slices of the source text as Preact text
// nodes: nothing from the index is ever parsed as markup.
import sourceCss from './SourceView.css?inline';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SOURCE_PAGE, entityView } from '../utils/view/entity-view';
import type { SourceParams } from '../utils/view/entity-view';
import { t } from '../utils/i18n';
import { webUrl } from '../utils/web-url';
import { typeColorRules } from '../utils/type-colors';
import { asksForPassage, mentionSpans, paragraphPieces, paragraphsOf, resolvePassage, type Piece } from '../utils/view/source-view';
import type { GlossIndex, IndexSource } from '../utils/types';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { themeCss } from './theme';

export interface SourceViewProps {
  index: GlossIndex;
  params: SourceParams;
  /** Goes to another extension-relative source view URL (a passage, another source). */
  onNavigate(url: string): void;
}

/** A source view URL that also keeps an entity's panel open. */
function withEntity(url: string, entity: string): string {
  return /[?&]entity=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}entity=${encodeURIComponent(entity)}`;
}

/** A language's name in the UI's language (the page's lang, which source.html sets to it). */
function languageName(lang: string): string {
  try {
    return new Intl.DisplayNames(document.documentElement.lang || undefined, { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

export function SourceView({ index, params, onNavigate }: SourceViewProps) {
  const source = params.source ? index.sources.find((s) => s.id === params.source) : undefined;
  const [selected, setSelected] = useState<string | undefined>(params.entity);
  // A link naming an entity opens it; one that does not leaves the panel as the reader left it.
  useEffect(() => {
    if (params.entity) setSelected(params.entity);
  }, [params.entity]);

  if (!source) {
    return <SourceList index={index} unknown={params.source} onNavigate={onNavigate} />;
  }
  return (
    <SourceDocument
      key={source.id}
      index={index}
      source={source}
      params={params}
      selected={selected}
      onSelect={setSelected}
      onNavigate={onNavigate}
    />
  );
}

function SourceList({ index, unknown, onNavigate }: { index: GlossIndex; unknown?: string; onNavigate(url: string): void }) {
  return (
    <main class="source-page source-list">
      <h1>{t('source_list_title')}</h1>
      {unknown !== undefined && (
        <p class="source-notice" role="status">
          {t('source_not_found')}
        </p>
      )}
      <ul>
        {index.sources.map((source) => {
          const url = `${SOURCE_PAGE}?source=${encodeURIComponent(source.id)}`;
          return (
            <li key={source.id}>
              <a
                href={url}
                lang={source.lang}
                onClick={(event) => {
                  event.preventDefault();
                  onNavigate(url);
                }}
              >
                {source.title}
              </a>
              {source.date && (
                <>
                  {' '}
                  <time dateTime={source.date}>{source.date}</time>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}

interface SourceDocumentProps {
  index: GlossIndex;
  source: IndexSource;
  params: SourceParams;
  selected?: string;
  onSelect(id: string | undefined): void;
  onNavigate(url: string): void;
}

function SourceDocument({ index, source, params, selected, onSelect, onNavigate }: SourceDocumentProps) {
  const mentions = useMemo(() => mentionSpans(index, source), [index, source]);
  const paragraphs = useMemo(() => paragraphsOf(source), [source]);
  const passage = useMemo(
    () => resolvePassage(source.text, params),
    [source, params.start, params.end, params.exact, params.prefix, params.suffix],
  );
  const view = useMemo(() => (selected ? entityView(index, selected) : undefined), [index, selected]);
  const documentRef = useRef<HTMLElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const focusPanel = useRef(false);

  useLayoutEffect(() => {
    const first = documentRef.current?.querySelector<HTMLElement>('.source-passage');
    if (!first) return;
    first.scrollIntoView?.({ block: 'center' });
    first.focus?.({ preventScroll: true });
  }, [passage?.start, passage?.end]);

  // Keyboard and screen reader users land on what they asked for, once the panel shows it.
  useLayoutEffect(() => {
    if (!focusPanel.current || !panelRef.current) return;
    focusPanel.current = false;
    panelRef.current.focus();
  }, [selected]);

  const choose = (id: string, from?: HTMLElement) => {
    if (from) returnFocus.current = from;
    focusPanel.current = true;
    onSelect(id);
  };
  const closePanel = () => {
    onSelect(undefined);
    returnFocus.current?.focus();
  };
  const onMentionKey = (id: string) => (event: TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    choose(id, event.currentTarget);
  };

  let passageMarked = false;
  const renderRuns = (runs: Piece['runs']) =>
    runs.map((run) => {
      const text = source.text.slice(run.start, run.end);
      if (!run.passage) return text;
      const first = !passageMarked;
      passageMarked = true;
      return (
        <mark key={run.start} class="source-passage" tabIndex={first ? -1 : undefined} data-first={first ? '' : undefined}>
          {text}
        </mark>
      );
    });

  const website = webUrl(source.url)?.href;
  return (
    <div class={`source-page source-layout${view ? ' source-with-panel' : ''}`}>
      <main class="source-main">
        <header class="source-head">
          <p class="source-kicker">{t('source_kicker')}</p>
          <h1 lang={source.lang}>{source.title}</h1>
          <dl class="source-meta">
            {source.publisher && (
              <div>
                <dt>{t('source_publisher')}</dt>
                <dd lang={source.lang}>{source.publisher}</dd>
              </div>
            )}
            {source.date && (
              <div>
                <dt>{t('source_date')}</dt>
                <dd>
                  <time dateTime={source.date}>{source.date}</time>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('source_language')}</dt>
              <dd>{languageName(source.lang)}</dd>
            </div>
            {website && (
              <div>
                <dt>{t('source_original')}</dt>
                <dd>
                  <a href={website} target="_blank" rel="noopener noreferrer">
                    {new URL(website).host}
                  </a>
                </dd>
              </div>
            )}
          </dl>
          {asksForPassage(params) && !passage && (
            <p class="source-notice" role="status">
              {t('source_passage_missing')}
            </p>
          )}
          {mentions.length > 0 && <p class="source-hint">{t('source_hint')}</p>}
        </header>
        <article class="source-doc" lang={source.lang} ref={documentRef}>
          {paragraphs.map(([start, end]) => (
            <p key={start}>
              {paragraphPieces(start, end, mentions, passage).map((piece) => {
                if (!piece.mention) return renderRuns(piece.runs);
                const { entity, type } = piece.mention;
                return (
                  <span
                    key={piece.start}
                    class={`source-mention gloss-type-${type}${entity === selected ? ' source-mention-active' : ''}`}
                    role="button"
                    tabIndex={0}
                    aria-pressed={entity === selected}
                    data-entity={entity}
                    onClick={(event) => choose(entity, event.currentTarget)}
                    onKeyDown={onMentionKey(entity)}
                  >
                    {renderRuns(piece.runs)}
                  </span>
                );
              })}
            </p>
          ))}
        </article>
      </main>
      {view && (
        <aside class="source-panel" aria-label={t('source_panel')} tabIndex={-1} ref={panelRef}>
          <button
            type="button"
            class="source-panel-close"
            aria-label={t('source_panel_close')}
            title={t('source_panel_close')}
            onClick={closePanel}
          >
            <span aria-hidden="true">×</span>
          </button>
          <EntityDetails view={view} onOpenSource={(url) => onNavigate(withEntity(url, view.id))} onEntity={(id) => choose(id)} />
        </aside>
      )}
    </div>
  );
}

const PASSAGE = { light: { bg: '#ffe58a', edge: '#b88a00' }, dark: { bg: '#5a4700', edge: '#e0b400' } };

/** The page's styles, the entity panel's included. */
/** The passage mark's colours in both schemes, as custom properties the stylesheet reads. */
const passageCss = (['light', 'dark'] as const)
  .map((scheme) => `:root{--gloss-passage-bg:${PASSAGE[scheme].bg};--gloss-passage-edge:${PASSAGE[scheme].edge};}`)
  .map((rule, i) => (i === 0 ? rule : `@media (prefers-color-scheme: dark){${rule}}`))
  .join('\n');

export const SOURCE_CSS = [
  themeCss(':root'),
  typeColorRules((type) => `.source-mention.gloss-type-${type}`, 0.2),
  passageCss,
  sourceCss,
  ENTITY_CSS,
].join('\n');

/** Exposed for the contrast test. */
export const PASSAGE_COLORS = PASSAGE;
