import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ENTITY_TYPES } from './types';
import {
  DEFAULT_SETTINGS,
  MAX_DISABLED_SITES,
  defaultSettings,
  defineSettingsItem,
  getSettings,
  isActiveOn,
  isSiteEnabled,
  migrateSettings,
  normalizeColor,
  normalizeHostname,
  normalizeSettings,
  saveSettings,
  toggleSite,
  updateSettings,
  watchSettings,
} from './settings';

describe('defaults', () => {
  it('has every type on except places', () => {
    const { types } = defaultSettings();
    expect(Object.keys(types).sort()).toEqual([...ENTITY_TYPES].sort());
    for (const type of ENTITY_TYPES) expect(types[type]).toBe(type !== 'place');
  });

  it('matches the brief', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      enabled: true,
      disabledSites: [],
      mentions: 'all',
      highlightStyle: 'background',
      colors: {},
      cardDelayMs: 300,
      articleOnly: false,
    });
  });
});

describe('normalizeSettings', () => {
  it.each([undefined, null, 0, 'settings', [], true])('turns %j into the defaults', (raw) => {
    expect(normalizeSettings(raw)).toEqual(defaultSettings());
  });

  it('keeps valid values', () => {
    const settings = {
      enabled: false,
      disabledSites: ['example.com', 'news.ycombinator.com'],
      types: { ...defaultSettings().types, place: true, person: false },
      mentions: 'first',
      highlightStyle: 'underline',
      colors: { person: '#112233' },
      cardDelayMs: 1200,
      articleOnly: true,
      quoteCheck: false,
    };
    expect(normalizeSettings(settings)).toEqual(settings);
  });

  it('replaces each bad key with its default and keeps the good ones', () => {
    const result = normalizeSettings({
      enabled: 'yes',
      disabledSites: ['Example.COM.', 42, 'example.com', 'not a host', '', 'localhost', '[::1]'],
      types: { person: false, place: 'on', planet: true },
      mentions: 'some',
      highlightStyle: 7,
      colors: { person: 'red', model: '#ABC', law: '#12345g', planet: '#000000' },
      cardDelayMs: '500',
      articleOnly: null,
      quoteCheck: 'no',
      extra: 'ignored',
    });
    expect(result).toEqual({
      ...defaultSettings(),
      disabledSites: ['example.com', 'localhost', '[::1]'],
      types: { ...defaultSettings().types, person: false },
      colors: { model: '#aabbcc' },
    });
    expect(result).not.toHaveProperty('extra');
  });

  it('clamps the card delay and rejects non-finite numbers', () => {
    expect(normalizeSettings({ cardDelayMs: -5 }).cardDelayMs).toBe(0);
    expect(normalizeSettings({ cardDelayMs: 99_999 }).cardDelayMs).toBe(2000);
    expect(normalizeSettings({ cardDelayMs: 250.6 }).cardDelayMs).toBe(251);
    expect(normalizeSettings({ cardDelayMs: Number.NaN }).cardDelayMs).toBe(300);
    expect(normalizeSettings({ cardDelayMs: Infinity }).cardDelayMs).toBe(300);
  });

  it('caps the site list, keeping the most recent', () => {
    const sites = Array.from({ length: MAX_DISABLED_SITES + 5 }, (_, i) => `site${i}.example`);
    const result = normalizeSettings({ disabledSites: sites }).disabledSites;
    expect(result).toHaveLength(MAX_DISABLED_SITES);
    expect(result[result.length - 1]).toBe(sites[sites.length - 1]);
  });

  it('does not share the defaults between calls', () => {
    const first = normalizeSettings(undefined);
    first.types.person = false;
    first.disabledSites.push('a.com');
    expect(normalizeSettings(undefined).types.person).toBe(true);
    expect(normalizeSettings(undefined).disabledSites).toEqual([]);
  });
});

describe('helpers', () => {
  it('normalizes hostnames and colours', () => {
    expect(normalizeHostname(' WWW.Example.com. ')).toBe('www.example.com');
    expect(normalizeHostname('')).toBe('');
    expect(normalizeHostname('a b')).toBe('');
    expect(normalizeColor('#FfF')).toBe('#ffffff');
    expect(normalizeColor('rgb(0,0,0)')).toBeUndefined();
  });

  it('switches a site off and on', () => {
    const off = toggleSite(defaultSettings(), 'Example.com');
    expect(off.disabledSites).toEqual(['example.com']);
    expect(isSiteEnabled(off, 'example.com')).toBe(false);
    expect(isSiteEnabled(off, 'other.com')).toBe(true);
    const on = toggleSite(off, 'example.com');
    expect(on.disabledSites).toEqual([]);
    expect(toggleSite(off, 'example.com', false)).toEqual(off);
    expect(toggleSite(defaultSettings(), '', false)).toEqual(defaultSettings());
  });

  it('combines the global and the site switch', () => {
    const settings = { ...defaultSettings(), enabled: false };
    expect(isSiteEnabled(settings, 'example.com')).toBe(true);
    expect(isActiveOn(settings, 'example.com')).toBe(false);
    expect(isActiveOn(defaultSettings(), 'example.com')).toBe(true);
  });
});

describe('storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the defaults when nothing is stored', async () => {
    expect(await getSettings(defineSettingsItem())).toEqual(defaultSettings());
  });

  it('saves, reads back and normalizes what it reads', async () => {
    const item = defineSettingsItem();
    await updateSettings((settings) => toggleSite({ ...settings, mentions: 'first' }, 'example.com'), item);
    expect(await getSettings(item)).toMatchObject({ mentions: 'first', disabledSites: ['example.com'] });
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: 1 } });

    await fakeBrowser.storage.sync.set({ settings: { mentions: 'bogus', cardDelayMs: 5000 } });
    expect(await getSettings(item)).toMatchObject({ mentions: 'all', cardDelayMs: 2000 });
  });

  it('normalizes on save', async () => {
    const item = defineSettingsItem();
    await saveSettings({ ...defaultSettings(), cardDelayMs: -1 }, item);
    const { settings } = (await fakeBrowser.storage.sync.get('settings')) as { settings: { cardDelayMs: number } };
    expect(settings.cardDelayMs).toBe(0);
  });

  it('tells watchers about changes from elsewhere, normalized', async () => {
    const item = defineSettingsItem();
    const seen: unknown[] = [];
    const unwatch = watchSettings((settings) => seen.push(settings.enabled), item);
    await fakeBrowser.storage.sync.set({ settings: { enabled: false } });
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'nonsense' } });
    unwatch();
    expect(seen).toEqual([false, true]);
  });

  it('migrates a version-0 value (disabledHosts) when the item is defined', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { enabled: false, disabledHosts: ['Example.com', 'news.example'] },
      settings$: { v: 0 },
    });
    const item = defineSettingsItem();
    const settings = await getSettings(item);
    expect(settings.enabled).toBe(false);
    expect(settings.disabledSites).toEqual(['example.com', 'news.example']);
    const stored: Record<string, unknown> = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(stored.settings).not.toHaveProperty('disabledHosts');
    expect(stored.settings$).toEqual({ v: 1 });
  });

  it('migration steps are pure and tolerate garbage', () => {
    expect(migrateSettings({ disabledHosts: ['a.com'] }, 0)).toEqual({ disabledSites: ['a.com'] });
    expect(migrateSettings({ disabledHosts: ['a.com'], disabledSites: ['b.com'] }, 0)).toEqual({
      disabledSites: ['b.com'],
    });
    expect(migrateSettings('garbage', 0)).toBe('garbage');
    expect(migrateSettings({ enabled: true }, 1)).toEqual({ enabled: true });
    expect(normalizeSettings(migrateSettings(null, 0))).toEqual(defaultSettings());
  });
});

describe('corrupt storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['a string', { settings: 'garbage' }],
    ['an array', { settings: [1, 2] }],
    ['a number stamped version 0', { settings: 5, settings$: { v: 0 } }],
    ['an object of wrong types', { settings: { enabled: 'no', types: 'all', colors: ['#fff'], disabledSites: 'a.com', cardDelayMs: {} } }],
    ['keys missing', { settings: {} }],
    ['a version meta that is junk', { settings: {}, settings$: 'junk' }],
    ['a version meta that is not a number', { settings: {}, settings$: { v: 'x' } }],
  ])('reads %s as the defaults, without throwing', async (_, stored) => {
    await fakeBrowser.storage.sync.set(stored);
    expect(await getSettings(defineSettingsItem())).toEqual(defaultSettings());
  });

  it('reads a value stamped by a newer version (a downgrade) key by key, without throwing', async () => {
    // @wxt-dev/storage refuses to migrate down (it logs "Migration failed"); the value is still read and normalised.
    await fakeBrowser.storage.sync.set({ settings: { enabled: false, mentions: 'every', futureKey: 1 }, settings$: { v: 99 } });
    const logged = console.error;
    console.error = () => undefined;
    try {
      expect(await getSettings(defineSettingsItem())).toEqual({ ...defaultSettings(), enabled: false });
    } finally {
      console.error = logged;
    }
  });

  it('tells watchers the defaults when the stored value turns to garbage', async () => {
    const item = defineSettingsItem();
    const seen: unknown[] = [];
    const unwatch = watchSettings((settings) => seen.push(settings), item);
    await fakeBrowser.storage.sync.set({ settings: 'garbage' });
    await fakeBrowser.storage.sync.remove('settings');
    unwatch();
    expect(seen).toEqual([defaultSettings(), defaultSettings()]);
  });
});
