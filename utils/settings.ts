// User settings: one item in sync storage, read through normalizeSettings so that whatever is stored (an older
// shape, a value edited by hand, a setting from a newer version) comes back as a valid Settings.
import { storage } from 'wxt/utils/storage';
import { ENTITY_TYPES, type EntityType, type HighlightStyle, type MentionMode } from './types';

export interface Settings {
  /** Global switch. */
  enabled: boolean;
  /** Hostnames where Gloss stays off (lower case, no trailing dot). */
  disabledSites: string[];
  /** Which entity types are highlighted. */
  types: Record<EntityType, boolean>;
  /** Highlight every mention, or only the first of each entity. */
  mentions: MentionMode;
  highlightStyle: HighlightStyle;
  /** Colour overrides per type, '#rrggbb'. */
  colors: Partial<Record<EntityType, string>>;
  /** Hover delay before a card opens. */
  cardDelayMs: number;
  /** Only scan the page's main article (Readability), not navigation and sidebars. */
  articleOnly: boolean;
  /** Check the page's quotations against the quotes of the sources (the quote check). */
  quoteCheck: boolean;
}

export const CARD_DELAY_MIN = 0;
export const CARD_DELAY_MAX = 2000;
/**
 * Sync storage allows 8 KB per item; at ~25 bytes a hostname this leaves room for the rest. When the list is
 * longer the oldest entries (the front) are dropped.
 */
export const MAX_DISABLED_SITES = 200;

export const MENTION_MODES: readonly MentionMode[] = ['all', 'first'];
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['background', 'underline'];

function defaultTypes(): Record<EntityType, boolean> {
  // Places are everywhere in news ("Japan", "Italy") and would drown the rarer entities.
  return Object.fromEntries(ENTITY_TYPES.map((type) => [type, type !== 'place'])) as Record<EntityType, boolean>;
}

/** A fresh copy each call: callers may mutate it. */
export function defaultSettings(): Settings {
  return {
    enabled: true,
    disabledSites: [],
    types: defaultTypes(),
    mentions: 'all',
    highlightStyle: 'background',
    colors: {},
    cardDelayMs: 300,
    articleOnly: false,
    quoteCheck: true,
  };
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(defaultSettings());

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form hostnames are stored and compared in; '' for anything that isn't one. */
export function normalizeHostname(hostname: string): string {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  // Letters, digits, hyphens, dots; IPv6 literals as URL.hostname gives them ("[::1]"); punycode is ASCII.
  return /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(host) && host.length <= 253 ? host : '';
}

/** '#rgb' or '#rrggbb' (any case) → '#rrggbb'; anything else → undefined. */
export function normalizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return undefined;
  const hex = match[1].toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function clampCardDelay(value: number): number {
  return Math.min(CARD_DELAY_MAX, Math.max(CARD_DELAY_MIN, Math.round(value)));
}

function normalizeSites(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const sites: string[] = [];
  for (const entry of value) {
    const host = typeof entry === 'string' ? normalizeHostname(entry) : '';
    if (host && !sites.includes(host)) sites.push(host);
  }
  return sites.slice(-MAX_DISABLED_SITES);
}

/** Any stored value → valid Settings, key by key: a bad or missing key gets its default. Never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const defaults = defaultSettings();
  if (!isRecord(raw)) return defaults;

  const types = defaults.types;
  if (isRecord(raw.types)) {
    for (const type of ENTITY_TYPES) types[type] = bool(raw.types[type], types[type]);
  }

  const colors: Partial<Record<EntityType, string>> = {};
  if (isRecord(raw.colors)) {
    for (const type of ENTITY_TYPES) {
      const color = normalizeColor(raw.colors[type]);
      if (color) colors[type] = color;
    }
  }

  return {
    enabled: bool(raw.enabled, defaults.enabled),
    disabledSites: normalizeSites(raw.disabledSites),
    types,
    mentions: pick(raw.mentions, MENTION_MODES, defaults.mentions),
    highlightStyle: pick(raw.highlightStyle, HIGHLIGHT_STYLES, defaults.highlightStyle),
    colors,
    cardDelayMs:
      typeof raw.cardDelayMs === 'number' && Number.isFinite(raw.cardDelayMs) ? clampCardDelay(raw.cardDelayMs) : defaults.cardDelayMs,
    articleOnly: bool(raw.articleOnly, defaults.articleOnly),
    quoteCheck: bool(raw.quoteCheck, defaults.quoteCheck),
  };
}

/** Per-site switch only; see isActiveOn for the global switch too. */
export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  const host = normalizeHostname(hostname);
  return !host || !settings.disabledSites.includes(host);
}

/** Whether Gloss should highlight on a page of this host: on globally and not switched off for the site. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && isSiteEnabled(settings, hostname);
}

/** A copy with the site switched the other way (or to `enabled` when given). Not-a-hostname → unchanged. */
export function toggleSite(settings: Settings, hostname: string, enabled?: boolean): Settings {
  const host = normalizeHostname(hostname);
  if (!host) return settings;
  const turnOn = enabled ?? !isSiteEnabled(settings, host);
  const others = settings.disabledSites.filter((site) => site !== host);
  return { ...settings, disabledSites: turnOn ? others : normalizeSites([...others, host]) };
}

export const SETTINGS_VERSION = 1;

/**
 * Migrations to version N, run by @wxt-dev/storage when the stored version (the item's `settings$` meta `v`)
 * is older. Each takes the stored value as it is — possibly garbage — and need not validate: normalizeSettings
 * does on every read. An unversioned value counts as version 1 (the library's rule), so the entry for 1 only
 * runs for a value explicitly stamped 0: the pre-release prototype's shape, kept as the pattern for version 2.
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  1: (old) => {
    if (!isRecord(old)) return old;
    const { disabledHosts, ...rest } = old;
    return 'disabledSites' in rest ? rest : { ...rest, disabledSites: disabledHosts };
  },
};

/** Runs the migrations from `from` (exclusive) to `to` (inclusive) in order: the same steps the storage item runs. */
export function migrateSettings(value: unknown, from: number, to = SETTINGS_VERSION): unknown {
  let migrated = value;
  for (let version = from + 1; version <= to; version++) {
    migrated = SETTINGS_MIGRATIONS[version]?.(migrated) ?? migrated;
  }
  return migrated;
}

export const SETTINGS_KEY = 'sync:settings' as const;

/** A new handle on the stored item. Defining an item starts its migration, so tests seed storage first. */
export function defineSettingsItem() {
  return storage.defineItem<Settings>(SETTINGS_KEY, {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
  });
}

export const settingsItem = defineSettingsItem();

export async function getSettings(item = settingsItem): Promise<Settings> {
  try {
    return normalizeSettings(await item.getValue());
  } catch {
    return defaultSettings(); // storage unavailable (e.g. a page without extension APIs): behave as installed
  }
}

export async function saveSettings(settings: Settings, item = settingsItem): Promise<Settings> {
  const normalized = normalizeSettings(settings);
  await item.setValue(normalized);
  return normalized;
}

/** Read, change, write. Concurrent writers (popup and options open together) are last-write-wins per call. */
export async function updateSettings(change: (settings: Settings) => Settings, item = settingsItem): Promise<Settings> {
  return saveSettings(change(await getSettings(item)), item);
}

/** Calls back with normalised settings on every change (from any context). Returns the unwatch function. */
export function watchSettings(callback: (settings: Settings) => void, item = settingsItem): () => void {
  return item.watch((value) => callback(normalizeSettings(value)));
}
