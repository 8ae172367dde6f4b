// The options page: every setting, saved as soon as it changes, plus the annotation export. The index is a
// prop (the entrypoint imports it) so tests can pass a fixture.
import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ANNOTATIONS_FILE_NAME, ANNOTATIONS_MIME, serializeAnnotations } from '../utils/export-annotations';
import { t } from '../utils/i18n';
import {
  CARD_DELAY_MAX,
  CARD_DELAY_MIN,
  HIGHLIGHT_STYLES,
  MENTION_MODES,
  type Settings,
  clampCardDelay,
  defaultSettings,
  normalizeHostname,
  toggleSite,
} from '../utils/settings';
import { useSettings } from '../hooks/use-settings';
import { TYPE_COLORS } from '../utils/type-colors';
import { ENTITY_TYPES, type EntityType, type GlossIndex } from '../utils/types';
import { themeCss, UI_FONTS } from './theme';

export interface OptionsProps {
  index: GlossIndex;
}

/** "example.com", "https://example.com/path", "Example.COM." → "example.com"; '' when it's neither. */
export function hostnameFromInput(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      return normalizeHostname(new URL(trimmed).hostname);
    } catch {
      return '';
    }
  }
  return normalizeHostname(trimmed.replace(/[/?#].*$/, ''));
}

export function Options({ index }: OptionsProps) {
  const [settings, updateSettings] = useSettings();
  const [status, setStatus] = useState('');
  const [siteInput, setSiteInput] = useState('');
  const [siteError, setSiteError] = useState('');
  const [delayDraft, setDelayDraft] = useState<number | undefined>();
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(statusTimer.current), []);

  const announce = (message: string) => {
    setStatus(message);
    clearTimeout(statusTimer.current);
    statusTimer.current = setTimeout(() => setStatus(''), 2500);
  };
  const change = (update: (value: Settings) => Settings) => void updateSettings(update).then(() => announce(t('options_saved')));

  if (!settings) {
    return (
      <main class="gloss-options" aria-busy="true">
        <style>{OPTIONS_CSS}</style>
        <h1>{t('options_title')}</h1>
      </main>
    );
  }

  const addSite = (event: TargetedEvent<HTMLFormElement, SubmitEvent>) => {
    event.preventDefault();
    const host = hostnameFromInput(siteInput);
    if (!host) {
      setSiteError(t('options_site_invalid'));
      return;
    }
    setSiteError('');
    setSiteInput('');
    change((value) => toggleSite(value, host, false));
  };

  const exportAnnotations = () => {
    const blob = new Blob([serializeAnnotations(index)], { type: ANNOTATIONS_MIME });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = ANNOTATIONS_FILE_NAME;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the URL by now; a moment's grace for slower engines.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce(t('options_export_done', String(index.quotes.length)));
  };

  const delay = delayDraft ?? settings.cardDelayMs;
  const typeName = (type: EntityType) => t(`entity_type_${type}`);

  return (
    <main class="gloss-options">
      <style>{OPTIONS_CSS}</style>
      <h1>{t('options_title')}</h1>

      <section aria-labelledby="opt-general">
        <h2 id="opt-general">{t('options_general')}</h2>
        <label class="gloss-check">
          <input
            type="checkbox"
            checked={settings.enabled}
            onChange={(event) => {
              const enabled = event.currentTarget.checked; // read now: currentTarget is gone once the event ends
              change((value) => ({ ...value, enabled }));
            }}
          />
          {t('options_enabled')}
        </label>
        <label class="gloss-check">
          <input
            type="checkbox"
            checked={settings.articleOnly}
            onChange={(event) => {
              const articleOnly = event.currentTarget.checked;
              change((value) => ({ ...value, articleOnly }));
            }}
          />
          {t('options_article_only')}
        </label>

        <fieldset>
          <legend>{t('options_mentions')}</legend>
          {MENTION_MODES.map((mode) => (
            <label class="gloss-check" key={mode}>
              <input
                type="radio"
                name="mentions"
                value={mode}
                checked={settings.mentions === mode}
                onChange={() => change((value) => ({ ...value, mentions: mode }))}
              />
              {t(`options_mentions_${mode}`)}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('options_style')}</legend>
          {HIGHLIGHT_STYLES.map((style) => (
            <label class="gloss-check" key={style}>
              <input
                type="radio"
                name="highlightStyle"
                value={style}
                checked={settings.highlightStyle === style}
                onChange={() => change((value) => ({ ...value, highlightStyle: style }))}
              />
              <span class={`gloss-style-sample gloss-style-${style}`}>{t(`options_style_${style}`)}</span>
            </label>
          ))}
        </fieldset>

        <div class="gloss-field">
          <label for="opt-delay">{t('options_card_delay')}</label>
          <div class="gloss-range">
            <input
              id="opt-delay"
              type="range"
              min={CARD_DELAY_MIN}
              max={CARD_DELAY_MAX}
              step={50}
              value={delay}
              aria-valuetext={t('options_ms', String(delay))}
              // Show while dragging; save once on release (sync storage limits writes per minute).
              onInput={(event) => setDelayDraft(clampCardDelay(Number(event.currentTarget.value)))}
              onChange={(event) => {
                const cardDelayMs = clampCardDelay(Number(event.currentTarget.value));
                setDelayDraft(undefined);
                change((value) => ({ ...value, cardDelayMs }));
              }}
            />
            <output for="opt-delay">{t('options_ms', String(delay))}</output>
          </div>
        </div>
      </section>

      <section aria-labelledby="opt-types">
        <h2 id="opt-types">{t('options_types')}</h2>
        <p class="gloss-hint">{t('options_types_hint')}</p>
        <ul class="gloss-types">
          {ENTITY_TYPES.map((type) => {
            const override = settings.colors[type];
            return (
              <li key={type} class="gloss-type-row">
                <label class="gloss-check">
                  <input
                    type="checkbox"
                    checked={settings.types[type]}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      change((value) => ({ ...value, types: { ...value.types, [type]: on } }));
                    }}
                  />
                  {typeName(type)}
                </label>
                <input
                  type="color"
                  aria-label={t('options_color_for', typeName(type))}
                  value={override ?? TYPE_COLORS[type].light}
                  // change, not input: the picker fires input continuously while dragging.
                  onChange={(event) => {
                    const color = event.currentTarget.value;
                    change((value) => ({ ...value, colors: { ...value.colors, [type]: color } }));
                  }}
                />
                {override && (
                  <button
                    type="button"
                    class="gloss-button gloss-small"
                    aria-label={t('options_color_reset_for', typeName(type))}
                    onClick={() =>
                      change((value) => {
                        const colors = { ...value.colors };
                        delete colors[type];
                        return { ...value, colors };
                      })
                    }
                  >
                    {t('options_color_reset')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="opt-sites">
        <h2 id="opt-sites">{t('options_sites')}</h2>
        {settings.disabledSites.length ? (
          <ul class="gloss-sites">
            {settings.disabledSites.map((site) => (
              <li key={site}>
                <span class="gloss-site">{site}</span>
                <button
                  type="button"
                  class="gloss-button gloss-small"
                  aria-label={t('options_site_remove_label', site)}
                  onClick={() => change((value) => toggleSite(value, site, true))}
                >
                  {t('options_site_remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="gloss-hint">{t('options_sites_empty')}</p>
        )}
        <form class="gloss-add-site" onSubmit={addSite} noValidate>
          <label for="opt-site">{t('options_site_add_label')}</label>
          <div class="gloss-row">
            <input
              id="opt-site"
              type="text"
              inputMode="url"
              autocomplete="off"
              spellcheck={false}
              placeholder="example.com"
              value={siteInput}
              aria-invalid={siteError ? true : undefined}
              aria-describedby={siteError ? 'opt-site-error' : undefined}
              onInput={(event) => setSiteInput(event.currentTarget.value)}
            />
            <button type="submit" class="gloss-button">
              {t('options_site_add')}
            </button>
          </div>
          {siteError && (
            <p id="opt-site-error" class="gloss-error">
              {siteError}
            </p>
          )}
        </form>
      </section>

      <section aria-labelledby="opt-export">
        <h2 id="opt-export">{t('options_export')}</h2>
        <p class="gloss-hint">{t('options_export_hint')}</p>
        <button type="button" class="gloss-button" onClick={exportAnnotations}>
          {t('options_export_button')}
        </button>
      </section>

      <section aria-labelledby="opt-reset">
        <h2 id="opt-reset">{t('options_reset_heading')}</h2>
        <button
          type="button"
          class="gloss-button"
          onClick={() => void updateSettings(() => defaultSettings()).then(() => announce(t('options_reset_done')))}
        >
          {t('options_reset')}
        </button>
      </section>

      <p role="status" class="gloss-status">
        {status}
      </p>
    </main>
  );
}

export const OPTIONS_CSS = `
${themeCss(':root')}
html,body{margin:0;background:var(--gloss-bg);color:var(--gloss-fg);}
.gloss-options{max-width:640px;margin:0 auto;padding:24px 20px 64px;font-family:${UI_FONTS};font-size:15px;line-height:1.5;}
.gloss-options *,.gloss-options *::before,.gloss-options *::after{box-sizing:border-box;}
.gloss-options h1{font-size:1.6em;margin:0 0 .6em;}
.gloss-options h2{font-size:1.15em;margin:1.6em 0 .5em;padding-top:.8em;border-top:1px solid var(--gloss-border);}
.gloss-options fieldset{margin:.8em 0;padding:0;border:0;}
.gloss-options legend{padding:0;margin-bottom:.25em;font-weight:600;}
.gloss-options :focus-visible{outline:2px solid var(--gloss-focus);outline-offset:2px;}
.gloss-check{display:flex;align-items:center;gap:.55em;margin:.3em 0;cursor:pointer;}
.gloss-check input{width:1.05em;height:1.05em;margin:0;accent-color:var(--gloss-focus);}
.gloss-field{margin:.8em 0;}
.gloss-field>label{display:block;font-weight:600;margin-bottom:.25em;}
.gloss-range{display:flex;align-items:center;gap:.8em;}
.gloss-range input{flex:1;max-width:320px;accent-color:var(--gloss-focus);}
.gloss-range output{min-width:5em;font-variant-numeric:tabular-nums;}
.gloss-hint{margin:.3em 0 .6em;color:var(--gloss-muted);}
.gloss-types,.gloss-sites{list-style:none;margin:0;padding:0;}
.gloss-type-row{display:grid;grid-template-columns:minmax(0,14em) auto 1fr;align-items:center;justify-items:start;gap:.8em;min-height:2.2em;}
.gloss-type-row input[type=color]{width:2.4em;height:1.8em;padding:0 2px;border:1px solid var(--gloss-muted);border-radius:4px;background:var(--gloss-bg);cursor:pointer;}
.gloss-sites li{display:flex;align-items:center;justify-content:space-between;gap:1em;padding:.3em 0;border-bottom:1px solid var(--gloss-border);}
.gloss-site{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em;overflow-wrap:anywhere;}
.gloss-add-site{margin-top:.8em;}
.gloss-add-site label{display:block;font-weight:600;margin-bottom:.25em;}
.gloss-row{display:flex;gap:.5em;}
.gloss-row input{flex:1;max-width:320px;padding:.4em .6em;font:inherit;color:var(--gloss-fg);background:var(--gloss-bg);border:1px solid var(--gloss-muted);border-radius:6px;}
.gloss-row input[aria-invalid=true]{border-color:#cf222e;}
.gloss-error{margin:.3em 0;color:var(--gloss-fg);font-weight:600;}
.gloss-error::before{content:"⚠ ";}
.gloss-button{padding:.4em .9em;font:inherit;color:var(--gloss-fg);background:var(--gloss-surface);border:1px solid var(--gloss-muted);border-radius:6px;cursor:pointer;}
.gloss-button:hover{border-color:var(--gloss-fg);}
.gloss-small{padding:.15em .6em;font-size:.9em;}
.gloss-style-sample{padding:0 .15em;}
.gloss-style-background{background:rgba(37,99,235,.22);border-radius:2px;}
.gloss-style-underline{text-decoration:underline;text-decoration-color:#2563eb;text-decoration-thickness:2px;text-underline-offset:.2em;}
.gloss-status{position:fixed;bottom:16px;left:50%;transform:translateX(-50%);margin:0;padding:.4em 1em;border-radius:999px;
  background:var(--gloss-fg);color:var(--gloss-bg);font-weight:600;}
.gloss-status:empty{display:none;}
`;
