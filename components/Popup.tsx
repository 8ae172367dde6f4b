// The toolbar popup: search over the bundled index, the entities on the current page, and the on/off
// switches. The index comes in as a prop (the entrypoint imports it) so tests can pass a fixture.
import popupCss from './Popup.css?inline';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { entityView } from '../utils/view/entity-view';
import { t } from '../utils/i18n';
import { createSearch, type Hit } from '../utils/search';
import { isSiteEnabled, toggleSite } from '../utils/settings';
import type { GlossIndex } from '../utils/types';
import { typeColorRules } from '../utils/type-colors';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { themeCss } from './theme';
import { useActiveTab } from '../hooks/use-active-tab';
import { useAddPage } from '../hooks/use-add-page';
import { useSettings } from '../hooks/use-settings';
import { OnThisPage } from './OnThisPage';
import { SearchBox } from './SearchBox';
import { SearchResults, optionId } from './SearchResults';
import { Switch } from './Switch';

export interface PopupProps {
  index: GlossIndex;
  /** Prefilled search, e.g. from the context menu's "Look up" (popup.html?q=…). */
  initialQuery?: string;
}

const LISTBOX_ID = 'gloss-results';
const HINT_ID = 'gloss-search-hint';
export function Popup({ index, initialQuery = '' }: PopupProps) {
  const search = useMemo(() => createSearch(index), [index]);
  const [query, setQuery] = useState(initialQuery);
  const results = useMemo(() => search(query), [search, query]);
  const hits = useMemo(() => [...results.entities, ...results.quotes], [results]);
  // The active option belongs to the query it was chosen for; a new query makes the best hit active, so
  // Enter opens it.
  const [activeState, setActiveState] = useState({ query, index: 0 });
  const active = activeState.query === query ? Math.min(activeState.index, hits.length - 1) : hits.length ? 0 : -1;
  const setActive = (index: number) => setActiveState({ query, index });
  /** Entities opened, most recent last; empty shows the search. */
  const [stack, setStack] = useState<string[]>([]);
  const [settings, updateSettings] = useSettings();
  const { tab, page, reveal, openPage, openOptions } = useActiveTab(index);
  const { state: adding, add: addPage } = useAddPage(page.status === 'unavailable' ? undefined : tab?.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes back to when the details close: the search field, or an entity's ⓘ on the page list. */
  const returnTo = useRef<string | undefined>(undefined);

  const current = stack.length ? stack[stack.length - 1] : undefined;
  const view = useMemo(() => (current ? entityView(index, current) : undefined), [index, current]);

  // Focus: the search field on open and on return; the back button when details open.
  useEffect(() => {
    if (current) {
      backRef.current?.focus();
      return;
    }
    const target = returnTo.current ? document.getElementById(detailsButtonId(returnTo.current)) : null;
    (target ?? inputRef.current)?.focus();
  }, [current]);

  const open = (entityId: string, from: 'search' | 'page' | 'entity') => {
    if (from !== 'entity') returnTo.current = from === 'page' ? entityId : undefined;
    setStack((previous) => [...previous, entityId]);
  };
  const back = () => setStack((previous) => previous.slice(0, -1));
  const move = (delta: -1 | 1) => {
    if (!hits.length) return;
    const from = active < 0 ? (delta > 0 ? -1 : 0) : active;
    setActive((from + delta + hits.length) % hits.length);
  };
  const choose = (hit: Hit | undefined) => {
    if (hit) open(hit.entityId, 'search');
  };

  const openSource = openPage;
  const setGlobal = (enabled: boolean) => void updateSettings((value) => ({ ...value, enabled }));
  const setSite = (enabled: boolean) => {
    if (tab) void updateSettings((value) => toggleSite(value, tab.hostname, enabled));
  };

  const siteOn = settings && tab ? isSiteEnabled(settings, tab.hostname) : true;
  const off = settings && !settings.enabled ? 'global' : !siteOn ? 'site' : undefined;
  const expanded = query.trim() !== '' && hits.length > 0;
  const status = !query.trim() ? '' : hits.length ? t('popup_results_count', String(hits.length)) : t('popup_no_results', query.trim());

  const onKeyDownDetails = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      back();
    }
  };

  return (
    <div class="gloss-popup">
      <style>{POPUP_CSS}</style>
      <header class="gloss-head">
        <h1 class="gloss-title">{t('popup_title')}</h1>
        <Switch checked={settings?.enabled ?? true} disabled={!settings} label={t('popup_switch_global')} onChange={setGlobal} />
      </header>

      <main class="gloss-main">
        {current ? (
          <div class="gloss-details" onKeyDown={onKeyDownDetails}>
            <button ref={backRef} type="button" class="gloss-back" onClick={back}>
              <span aria-hidden="true">← </span>
              {t(stack.length > 1 ? 'popup_back' : query.trim() ? 'popup_back_to_results' : 'popup_back')}
            </button>
            {view ? (
              <EntityDetails view={view} onEntity={(id) => open(id, 'entity')} onOpenSource={openSource} />
            ) : (
              <p class="gloss-note">{t('popup_entity_missing')}</p>
            )}
          </div>
        ) : (
          <>
            <SearchBox
              value={query}
              onInput={setQuery}
              onMove={move}
              onChoose={() => choose(hits[active] ?? hits[0])}
              onClear={() => setQuery('')}
              label={t('popup_search_label')}
              placeholder={t('popup_search_placeholder')}
              listboxId={LISTBOX_ID}
              expanded={expanded}
              activeId={active >= 0 ? optionId(LISTBOX_ID, active) : undefined}
              describedBy={HINT_ID}
              inputRef={inputRef}
            />
            <p id={HINT_ID} class="gloss-sr">
              {t('popup_search_hint')}
            </p>
            <p role="status" class="gloss-sr">
              {status}
            </p>
            {query.trim() ? (
              hits.length ? (
                <SearchResults id={LISTBOX_ID} results={results} activeIndex={active} onChoose={choose} onActivate={setActive} />
              ) : (
                <p class="gloss-note gloss-empty">{t('popup_no_results', query.trim())}</p>
              )
            ) : (
              <OnThisPage state={page} off={off} onReveal={reveal} onDetails={(id) => open(id, 'page')} detailsId={detailsButtonId} />
            )}
          </>
        )}
      </main>

      {tab && page.status !== 'unavailable' && (
        <div class="gloss-add">
          {adding.status === 'added' ? (
            <p role="status" class="gloss-note">
              {adding.existing
                ? t('popup_page_known', adding.title)
                : t('popup_added_page', [adding.title, String(adding.found), String(adding.candidates)])}{' '}
              {adding.candidates > 0 && (
                <button
                  type="button"
                  class="gloss-link"
                  onClick={() => openPage(`/options.html?source=${encodeURIComponent(adding.sourceId)}#sources`)}
                >
                  {t('popup_review_names')}
                </button>
              )}
            </p>
          ) : (
            <>
              <button type="button" class="gloss-button" disabled={adding.status === 'adding'} onClick={() => void addPage()}>
                {t(adding.status === 'adding' ? 'popup_adding_page' : 'popup_add_page')}
              </button>
              {adding.status === 'failed' && (
                <p role="alert" class="gloss-note">
                  {adding.error}
                </p>
              )}
            </>
          )}
        </div>
      )}

      <footer class="gloss-foot">
        {tab?.hostname ? (
          <Switch
            checked={siteOn}
            disabled={!settings}
            label={t('popup_switch_site', tab.hostname)}
            note={settings && !settings.enabled ? t('popup_switch_site_note') : undefined}
            onChange={setSite}
          />
        ) : (
          <span />
        )}
        <button type="button" class="gloss-link" onClick={openOptions}>
          {t('popup_settings')}
        </button>
      </footer>
    </div>
  );
}

function detailsButtonId(entityId: string): string {
  return `gloss-page-details-${entityId}`;
}

export const POPUP_CSS = [themeCss(':root'), typeColorRules((type) => `.gloss-popup .gloss-type-${type}`), popupCss, ENTITY_CSS].join('\n');
