// How tabs get the user's names: one item in local storage that the background writes after every change to
// the library. Every tab reads it at start and watches it, so a new name is painted on open tabs at once,
// without a reload and without the background having to know which tabs exist.
import { storage } from 'wxt/utils/storage';
import type { MatcherData } from '../types';

export const libraryNamesItem = storage.defineItem<MatcherData | null>('local:libraryNames', { fallback: null });
