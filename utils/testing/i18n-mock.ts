// Test helper: makes fakeBrowser.i18n.getMessage answer from public/_locales/<locale>/messages.json, with
// placeholders and $1…$9 substituted as the browsers do, so components render real strings in tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function loadMessages(locale = 'en'): Record<string, Entry> {
  return JSON.parse(readFileSync(resolve(__dirname, `../../public/_locales/${locale}/messages.json`), 'utf8'));
}

export function formatMessage(entry: Entry, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole)
    .replace(/\$(\d)/g, (_, digit: string) => subs[Number(digit) - 1] ?? '')
    .replace(/\$\$/g, '$');
}

/** Installs the messages of `locale`; returns them. Missing keys give '' (as Chrome does). */
export function mockI18n(locale = 'en'): Record<string, Entry> {
  const messages = loadMessages(locale);
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = (key: string, substitutions?: string | string[]) =>
    messages[key] ? formatMessage(messages[key], substitutions) : '';
  return messages;
}
