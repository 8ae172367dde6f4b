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
const LATIN_NAME = /(?<![\p{L}\p{N}])[\p{Lu}\d][\p{L}\p{N}]*(?:[.\-][\p{L}\p{N}]+)*(?:[ \u00a0][\p{Lu}][\p{L}\p{N}]*(?:[.\-][\p{L}\p{N}]+)*)*/gu;
// Two to four Han characters directly before a speech verb: the usual shape of a Chinese speaker's name.
const HAN_SPEAKER = /(?<=[，。：；“”\s]|^)(\p{Script=Han}{2,4})(?=(?:在[^，。]{0,20})?(?:表示|说|指出|回忆道|称))/gmu;
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
    for (const m of source.text.matchAll(HAN_SPEAKER)) add('speaker', m[1], m.index!);
    for (const m of source.text.matchAll(TITLE)) add('title', m[1], m.index! + 1);
  }
  return found;
}
