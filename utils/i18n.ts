import { browser } from 'wxt/browser';

/** A UI string in the browser's language (public/_locales); the key itself if the string is missing. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key as never, substitutions) || key;
}
