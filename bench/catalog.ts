// Synthetic catalogs for the scaling benchmarks: N aliases of made-up but name-shaped words (Latin syllables,
// and one in five in Chinese characters), as MatcherData for the matcher and as a GlossIndex for the popup
// search. Deterministic: the same N and seed give the same catalog.
import type { EntityType, GlossIndex, IndexEntity, IndexQuote, MatcherData, TextQuote } from '../utils/types';
import { mulberry32 } from './pages';

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'ch',
  'dr',
  'gr',
  'kr',
  'pl',
  'sh',
  'st',
  'th',
  'tr',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'x', 'nd', 'rt'];
const ORG_SUFFIXES = ['Labs', 'Systems', 'Capital', 'Group', 'Networks', 'Robotics', 'Research', 'Bank', 'Foundation'];
// Common characters that make plausible Chinese names (no single-character aliases are generated).
const HANZI = [
  ...'安白宝北博长晨成川春大德东方飞丰光广国海华辉佳嘉建江金锦京晶景静康科蓝乐力立联林龙明铭南宁鹏平启千庆清瑞润森山尚深盛石世顺思松泰天通同万伟文西祥新星兴阳一逸英永宇元远云泽正志智中众卓子',
];
const TYPES: EntityType[] = ['person', 'organization', 'model', 'product', 'concept', 'place'];

export interface SyntheticName {
  text: string;
  cjk: boolean;
}

function syllable(rng: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  return pick(ONSETS) + pick(VOWELS) + pick(CODAS);
}

function word(rng: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += syllable(rng);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `count` distinct alias texts, 20% Chinese. */
export function syntheticNames(count: number, seed = 1): SyntheticName[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const names: SyntheticName[] = [];
  while (names.length < count) {
    let text: string;
    const cjk = rng() < 0.2;
    if (cjk) {
      const length = 2 + Math.floor(rng() * 3);
      text = '';
      for (let i = 0; i < length; i++) text += HANZI[Math.floor(rng() * HANZI.length)];
    } else {
      const r = rng();
      if (r < 0.45) text = `${word(rng, 1 + Math.floor(rng() * 2))} ${word(rng, 2 + Math.floor(rng() * 2))}`;
      else if (r < 0.75) text = `${word(rng, 2 + Math.floor(rng() * 2))} ${ORG_SUFFIXES[Math.floor(rng() * ORG_SUFFIXES.length)]}`;
      else text = `${word(rng, 2)}-${1 + Math.floor(rng() * 9)}`;
    }
    if (seen.has(text)) continue;
    seen.add(text);
    names.push({ text, cjk });
  }
  return names;
}

/** A matcher catalog of `aliasCount` aliases, about two per entity. */
export function syntheticMatcherData(aliasCount: number, seed = 1): MatcherData {
  const names = syntheticNames(aliasCount, seed);
  const entityCount = Math.ceil(aliasCount / 2);
  return {
    entities: Array.from({ length: entityCount }, (_, i) => ({ id: `e${i}`, type: TYPES[i % TYPES.length] })),
    aliases: names.map((name, i) => ({ text: name.text, entity: Math.floor(i / 2), case: name.cjk ? 'exact' : 'any' })),
  };
}

const SUMMARY_WORDS = [
  'company',
  'founded',
  'research',
  'model',
  'language',
  'robotics',
  'investment',
  'network',
  'platform',
  'open',
  'source',
  'chips',
  'cloud',
  'startup',
  'university',
  'laboratory',
  'released',
  'partner',
  'government',
  'policy',
  'benchmark',
  'reasoning',
  'training',
  'dataset',
  'hardware',
  'software',
  'agents',
];

/** A search index of `entityCount` entities with names, aliases, a summary, facts; and one quote per ten. */
export function syntheticIndex(entityCount: number, seed = 2): GlossIndex {
  const rng = mulberry32(seed);
  const names = syntheticNames(entityCount * 2, seed);
  const sentence = (words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(SUMMARY_WORDS[Math.floor(rng() * SUMMARY_WORDS.length)]);
    return out.join(' ') + '.';
  };
  const passage = (text: string): TextQuote => ({ source: 's0', start: 0, end: text.length, text, prefix: '', suffix: '' });
  const entities: IndexEntity[] = [];
  const quotes: IndexQuote[] = [];
  for (let i = 0; i < entityCount; i++) {
    const en = names[2 * i].text;
    const other = names[2 * i + 1].text;
    const entity: IndexEntity = {
      id: `e${i}`,
      type: TYPES[i % TYPES.length],
      name: en,
      names: names[2 * i + 1].cjk ? { en, zh: other } : { en },
      aliases: [
        { text: en, case: 'exact' },
        { text: other, case: 'exact' },
      ],
      summary: passage(`${en} ${sentence(14)}`),
      facts: Array.from({ length: 1 + Math.floor(rng() * 3) }, () => passage(sentence(12))),
      mentions: [],
      contexts: [],
      related: [],
    };
    entities.push(entity);
    if (i % 10 === 0) {
      const text = sentence(18);
      quotes.push({ ...passage(text), id: `q${i}`, speaker: entity.id, about: [] });
    }
  }
  return {
    version: 1,
    sources: [{ id: 's0', file: 'synthetic', title: 'Synthetic', lang: 'en', text: '', paragraphs: [] }],
    entities,
    quotes,
  };
}
