// The toolbar popup: search over the bundled index, the entities on the current page, and the on/off
// switches. The index comes in as a prop (the entrypoint imports it) so tests can pass a fixture.
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { entityView } from '../utils/view/entity-view';
import { t } from '../utils/i18n';
import { createSearch, type Hit } from '../utils/search';
import { isSiteEnabled, toggleSite } from '../utils/settings';
import type { GlossIndex } from '../utils/types';
import { typeColorRules } from '../utils/type-colors';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { themeCss, UI_FONTS } from './theme';
import { useActiveTab } from '../hooks/use-active-tab';
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

export const POPUP_CSS = `
${themeCss(':root')}
${typeColorRules((type) => `.gloss-popup .gloss-type-${type}`)}
:root{--gloss-mark:#fff0a8;--gloss-active:#e8f0fe;}
@media (prefers-color-scheme: dark){:root{--gloss-mark:#6b5400;--gloss-active:#1f3556;}}
html,body{margin:0;padding:0;background:var(--gloss-bg);color:var(--gloss-fg);}
.gloss-popup{width:380px;max-width:100vw;box-sizing:border-box;padding:12px 14px 10px;
  font-family:${UI_FONTS};font-size:14px;line-height:1.45;}
.gloss-popup *,.gloss-popup *::before,.gloss-popup *::after{box-sizing:border-box;}
.gloss-popup :focus-visible{outline:2px solid var(--gloss-focus);outline-offset:2px;}
.gloss-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;}
.gloss-head{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-bottom:10px;}
.gloss-title{margin:0;font-size:16px;font-weight:700;letter-spacing:.01em;}
.gloss-search{position:relative;}
.gloss-search-icon{position:absolute;left:10px;top:50%;transform:translateY(-50%);color:var(--gloss-muted);pointer-events:none;}
.gloss-search input{width:100%;padding:8px 10px 8px 32px;font:inherit;color:var(--gloss-fg);background:var(--gloss-bg);
  border:1px solid var(--gloss-muted);border-radius:8px;}
.gloss-search input::placeholder{color:var(--gloss-muted);opacity:1;}
.gloss-search input:focus-visible{outline:2px solid var(--gloss-focus);outline-offset:0;border-color:var(--gloss-focus);}
.gloss-results{margin-top:8px;max-height:380px;overflow-y:auto;overscroll-behavior:contain;}
.gloss-group+.gloss-group{margin-top:6px;}
.gloss-group-head,.gloss-section-head{margin:4px 0;font-size:11px;font-weight:700;letter-spacing:.05em;text-transform:uppercase;color:var(--gloss-muted);}
.gloss-section-head{margin-top:14px;}
.gloss-option{display:flex;align-items:flex-start;gap:8px;padding:6px 8px;border-radius:6px;cursor:pointer;}
.gloss-option[aria-selected="true"]{background:var(--gloss-active);outline:2px solid var(--gloss-focus);outline-offset:-2px;}
.gloss-option-text{display:flex;flex-direction:column;min-width:0;flex:1;}
.gloss-option-label{font-weight:600;}
.gloss-option-detail{font-size:12.5px;color:var(--gloss-muted);overflow-wrap:anywhere;}
.gloss-option-quote{overflow-wrap:anywhere;}
.gloss-option-type{flex:none;font-size:11.5px;color:var(--gloss-muted);}
/* Text colour, not inherited: muted text on the mark colour falls below 4.5:1 in the dark scheme. */
.gloss-popup mark{background:var(--gloss-mark);color:var(--gloss-fg);border-radius:2px;text-decoration:underline;text-decoration-thickness:1px;text-underline-offset:2px;}
.gloss-dot{flex:none;width:9px;height:9px;margin-top:.45em;border-radius:50%;background:var(--gloss-type);}
.gloss-note{margin:6px 0;color:var(--gloss-muted);}
.gloss-note-strong{margin:6px 0 2px;font-weight:600;}
.gloss-empty{margin-top:10px;}
.gloss-page-list{list-style:none;margin:0;padding:0;max-height:300px;overflow-y:auto;}
.gloss-page-item{display:flex;align-items:center;gap:2px;}
.gloss-page-reveal{flex:1;display:flex;align-items:center;gap:8px;min-width:0;padding:5px 8px;font:inherit;text-align:start;
  color:var(--gloss-fg);background:none;border:0;border-radius:6px;cursor:pointer;}
.gloss-page-reveal .gloss-dot{margin-top:0;}
.gloss-page-reveal:hover,.gloss-page-details:hover,.gloss-back:hover,.gloss-link:hover{background:var(--gloss-surface);}
.gloss-page-name{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}
.gloss-count{flex:none;min-width:1.8em;padding:0 .45em;border-radius:999px;text-align:center;font-size:12px;font-weight:600;
  background:var(--gloss-surface);border:1px solid var(--gloss-border);}
.gloss-page-details{flex:none;width:28px;height:28px;font:inherit;font-size:15px;color:var(--gloss-muted);background:none;border:0;border-radius:6px;cursor:pointer;}
.gloss-details{max-height:470px;overflow-y:auto;padding:3px;}
.gloss-back{margin:0 0 8px;padding:4px 8px 4px 4px;font:inherit;color:var(--gloss-link);background:none;border:0;border-radius:6px;cursor:pointer;}
.gloss-foot{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-top:12px;padding-top:8px;border-top:1px solid var(--gloss-border);}
.gloss-link{padding:4px 6px;font:inherit;color:var(--gloss-link);text-decoration:underline;text-underline-offset:.15em;background:none;border:0;border-radius:4px;cursor:pointer;}
.gloss-switch{display:inline-flex;align-items:center;gap:8px;min-width:0;padding:4px;font:inherit;color:var(--gloss-fg);text-align:start;background:none;border:0;border-radius:6px;cursor:pointer;}
.gloss-switch:disabled{cursor:default;opacity:.6;}
.gloss-switch-track{position:relative;flex:none;width:34px;height:20px;border-radius:999px;background:var(--gloss-bg);border:2px solid var(--gloss-muted);}
.gloss-switch-thumb{position:absolute;top:2px;left:2px;width:12px;height:12px;border-radius:50%;background:var(--gloss-muted);}
.gloss-switch[aria-checked="true"] .gloss-switch-track{background:var(--gloss-focus);border-color:var(--gloss-focus);}
.gloss-switch[aria-checked="true"] .gloss-switch-thumb{left:16px;background:var(--gloss-bg);}
.gloss-switch-label{display:flex;flex-direction:column;min-width:0;overflow-wrap:anywhere;}
.gloss-switch-note{font-size:12px;color:var(--gloss-muted);}
@media (prefers-reduced-motion: no-preference){.gloss-switch-thumb{transition:left .12s;}}
${ENTITY_CSS}
`;
