// The source view (source.html): one seed document as a readable page, with the index's entity mentions
// highlighted, the passage a link pointed at marked and scrolled to, and a side panel with the details of
// whichever entity the reader picks. The document is built from slices of the source text as Preact text
// nodes: nothing from the index is ever parsed as markup.
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
import { themeCss, UI_FONTS } from './theme';

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
export const SOURCE_CSS = `
${themeCss(':root')}
${typeColorRules((type) => `.source-mention.gloss-type-${type}`, 0.2)}
*,*::before,*::after{box-sizing:border-box;}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;}
body{margin:0;background:var(--gloss-bg);color:var(--gloss-fg);font-family:${UI_FONTS};font-size:17px;line-height:1.6;}
a{color:var(--gloss-link);}
:focus-visible{outline:2px solid var(--gloss-focus);outline-offset:2px;}
.source-page{max-width:46rem;margin:0 auto;padding:2.5rem 1.25rem 4rem;}
.source-layout.source-with-panel{max-width:78rem;display:grid;grid-template-columns:minmax(0,46rem) minmax(18rem,24rem);gap:2.5rem;justify-content:center;}
.source-kicker{margin:0 0 .4rem;font-size:.8rem;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--gloss-muted);}
.source-head h1{margin:0 0 .8rem;font-size:1.9rem;line-height:1.3;font-weight:700;text-wrap:balance;}
.source-meta{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;margin:0 0 1rem;font-size:.88rem;color:var(--gloss-muted);}
.source-meta div{display:flex;gap:.4em;}
.source-meta dt{font-weight:600;}
.source-meta dt::after{content:":";}
.source-meta dd{margin:0;}
.source-notice{padding:.6rem .8rem;border:1px solid var(--gloss-border);border-inline-start:4px solid ${PASSAGE.light.edge};background:var(--gloss-surface);border-radius:6px;font-size:.92rem;}
.source-hint{margin:0 0 1.5rem;font-size:.88rem;color:var(--gloss-muted);}
.source-doc{border-top:1px solid var(--gloss-border);padding-top:1.5rem;}
.source-doc p{margin:0 0 1.1em;}
.source-doc:lang(zh),.source-doc :lang(zh){line-height:1.9;text-align:justify;text-justify:inter-character;}
.source-doc:lang(zh) p{text-indent:2em;}
.source-mention{background:var(--gloss-type-tint);border-bottom:2px solid var(--gloss-type);border-radius:2px;cursor:pointer;
  -webkit-box-decoration-break:clone;box-decoration-break:clone;}
.source-mention:hover,.source-mention-active{outline:2px solid var(--gloss-type);outline-offset:0;}
.source-passage{background:${PASSAGE.light.bg};color:inherit;box-shadow:0 0 0 2px ${PASSAGE.light.bg};border-bottom:2px solid ${PASSAGE.light.edge};
  -webkit-box-decoration-break:clone;box-decoration-break:clone;scroll-margin:30vh;}
/* Focused only so that screen readers start there; the mark itself already shows where. */
.source-passage:focus,.source-passage:focus-visible{outline:none;}
.source-panel{position:sticky;top:1.5rem;align-self:start;max-height:calc(100vh - 3rem);overflow:auto;padding:1rem 1.1rem;
  border:1px solid var(--gloss-border);border-radius:10px;background:var(--gloss-bg);font-size:15px;}
.source-panel:focus{outline:none;}
.source-panel:focus-visible{outline:2px solid var(--gloss-focus);}
.source-panel .gloss-entity-head{padding-inline-end:2rem;}
.source-panel-close{float:right;width:2rem;height:2rem;margin:-.4rem -.5rem 0 0;border:0;border-radius:6px;background:transparent;
  color:var(--gloss-muted);font:inherit;font-size:1.4rem;line-height:1;cursor:pointer;}
.source-panel-close:hover{background:var(--gloss-surface);color:var(--gloss-fg);}
.source-list ul{padding-inline-start:1.2em;}
.source-list li{margin-bottom:.5em;}
.source-list time{color:var(--gloss-muted);font-size:.9em;}
@media (max-width: 60rem){
  .source-layout.source-with-panel{display:block;max-width:46rem;}
  .source-panel{position:fixed;left:0;right:0;bottom:0;top:auto;max-height:55vh;border-radius:12px 12px 0 0;
    box-shadow:0 -6px 24px rgba(0,0,0,.2);z-index:1;}
  .source-page.source-with-panel{padding-bottom:58vh;}
}
@media (prefers-color-scheme: dark){
  .source-passage{background:${PASSAGE.dark.bg};box-shadow:0 0 0 2px ${PASSAGE.dark.bg};border-bottom-color:${PASSAGE.dark.edge};}
  .source-notice{border-inline-start-color:${PASSAGE.dark.edge};}
}
${ENTITY_CSS}
`;

/** Exposed for the contrast test. */
export const PASSAGE_COLORS = PASSAGE;
