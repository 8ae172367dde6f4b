// Names in the seeds that no catalog entry covers, so a curator adding a seed sees what is missing.
import type { Mention } from '../matcher';
import type { IndexSource } from '../types';

export interface Discovery {
  kind: 'latin-name' | 'speaker' | 'title';
  text: string;
  source: string;
  start: number;
}

// Capitalised Latin-script words (and runs of them) standing inside text: "Matthieu Soulé", "C.Lab", "GPT-4o".
const LATIN_WORD = String.raw`[\p{Script=Latin}\d]*\p{Lu}[\p{Script=Latin}\d]*(?:[.\-][\p{Script=Latin}\d]+)*`;
const LATIN_NAME = new RegExp(String.raw`(?<![\p{Script=Latin}\d])${LATIN_WORD}(?:[ \u00a0]${LATIN_WORD})*`, 'gu');
// Two to four Han characters directly before a speech verb: the usual shape of a Chinese speaker's name.
const HAN_SPEAKER = /(?<=[，。：；“”\s]|^)(\p{Script=Han}{2,4})(?=(?:在[^，。]{0,20})?(?:表示|说|指出|回忆道|称))/gmu;
// Characters that make a run before a speech verb an ordinary phrase ("最近", "在采访中"), not a name.
const NOT_IN_NAMES = /[在这那最时中们他她它也都还就其该此等人认为采访近正并而又再]/u;
const TITLE = /《([^》]{1,60})》/gu;

/** Candidates the matcher did not cover, deduplicated by text, in order of first appearance. */
export function discoverUncovered(sources: { source: IndexSource; mentions: Mention[] }[]): Discovery[] {
  const found: Discovery[] = [];
  const seen = new Set<string>();
  for (const { source, mentions } of sources) {
    const covered = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
    const add = (kind: Discovery['kind'], text: string, start: number) => {
      const key = `${kind}:${text}`;
      if (seen.has(key) || covered(start, start + text.length)) return;
      seen.add(key);
      found.push({ kind, text, source: source.id, start });
    };
    for (const m of source.text.matchAll(LATIN_NAME)) {
      // Lone capitals and short acronyms of two letters ("AI", "B2B") are rarely names worth an entry.
      if (m[0].replace(/[^\p{L}]/gu, '').length >= 3 || /\d/.test(m[0])) add('latin-name', m[0], m.index!);
    }
    for (const m of source.text.matchAll(HAN_SPEAKER)) if (!NOT_IN_NAMES.test(m[1])) add('speaker', m[1], m.index!);
    for (const m of source.text.matchAll(TITLE)) add('title', m[1], m.index! + 1);
  }
  return found;
}
