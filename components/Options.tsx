// The options page: every setting, saved as soon as it changes, plus the annotation export. The index is a
// prop (the entrypoint imports it) so tests can pass a fixture.
import optionsCss from './Options.css?inline';
import type { ComponentChildren, TargetedEvent } from 'preact';
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
import { themeCss } from './theme';

export interface OptionsProps {
  index: GlossIndex;
  /** The Sources section (the user's library), given the page's status announcer. */
  sources?: (announce: (message: string) => void) => ComponentChildren;
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

export function Options({ index, sources }: OptionsProps) {
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

      {sources?.(announce)}

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

        <label class="gloss-check">
          <input
            type="checkbox"
            checked={settings.quoteCheck}
            onChange={(event) => {
              const quoteCheck = event.currentTarget.checked;
              change((value) => ({ ...value, quoteCheck }));
            }}
          />
          {t('options_quote_check')}
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

export const OPTIONS_CSS = [themeCss(':root'), optionsCss].join('\n');
