// A small hand-made GlossIndex for the entity view, card and source view tests. The Chinese source is cut
// from the seed; the English one is invented so that ordering across sources, a hostile-looking quote and
// relations in both directions can be tested. Offsets come from indexOf, so they cannot drift from the text.
import type { EntityType, GlossIndex, IndexEntity, IndexQuote, IndexRelation, Locator, RelationType, TextQuote } from '../types';

export const ZH_ID = 'zh-article';
export const EN_ID = 'en-note';

export const ZH_PARAGRAPHS = [
  '当 DeepSeek-R1 于 1 月 20 日发布时，这款强大而高性价比的 AI 推理模型轰动了硅谷和华尔街。',
  'IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为，真正的创新或许在于她所称的“架构效率”。“这主要是对现有技术的一种巧妙且高效的实现，”她在最近接受 IBM Think 采访时表示。',
  'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。“自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加，”IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata 表示。AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络，致力于创建开放且安全的 AI。',
  // Repeats a sentence of the paragraph above, as articles sometimes do: a context shown once.
  'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。',
];
export const ZH_TEXT = ZH_PARAGRAPHS.join('\n');

export const EN_PARAGRAPHS = [
  'DeepSeek released DeepSeek-R1 in January. DeepSeek is based in Hangzhou.',
  'Kaoutar El Maghraoui said: "Ask Anthony Annunziata about <img src=x onerror=alert(1)> markup." She smiled.',
];
export const EN_TEXT = EN_PARAGRAPHS.join('\n\n');

export const XSS_QUOTE = 'Ask Anthony Annunziata about <img src=x onerror=alert(1)> markup.';
export const KAOUTAR_QUOTE = '这主要是对现有技术的一种巧妙且高效的实现，';
export const ANNUNZIATA_QUOTE = '自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加，';

const TEXTS: Record<string, string> = { [ZH_ID]: ZH_TEXT, [EN_ID]: EN_TEXT };

/** A TextQuote for the `nth` occurrence (0-based) of `text` in a fixture source. */
export function quoteAt(source: string, text: string, nth = 0): TextQuote {
  const full = TEXTS[source];
  let start = full.indexOf(text);
  for (let i = 0; i < nth && start >= 0; i++) start = full.indexOf(text, start + 1);
  if (start < 0) throw new Error(`fixture source ${source} lacks ${JSON.stringify(text)}`);
  const end = start + text.length;
  return { source, start, end, text, prefix: full.slice(Math.max(0, start - 16), start), suffix: full.slice(end, end + 16) };
}

const zh = (text: string, nth = 0) => quoteAt(ZH_ID, text, nth);
const en = (text: string, nth = 0) => quoteAt(EN_ID, text, nth);

function mentionsOf(...names: string[]): Locator[] {
  const found: Locator[] = [];
  for (const [source, full] of Object.entries(TEXTS)) {
    for (const name of names) {
      for (let at = full.indexOf(name); at >= 0; at = full.indexOf(name, at + name.length)) {
        found.push({ source, start: at, end: at + name.length });
      }
    }
  }
  return found;
}

function relation(type: RelationType, target: string, evidence: TextQuote): IndexRelation {
  return { type, target, evidence };
}

function entity(
  id: string,
  type: EntityType,
  names: { en: string; zh?: string },
  rest: Partial<Omit<IndexEntity, 'id' | 'type' | 'names' | 'name'>> = {},
): IndexEntity {
  return {
    id,
    type,
    name: names.en,
    names,
    aliases: [names.en, ...(names.zh ? [names.zh] : [])].map((text) => ({ text, case: 'exact' as const })),
    facts: [],
    mentions: [],
    contexts: [],
    related: [],
    ...rest,
  };
}

/** A fresh copy each call, so a test may mutate it. */
export function viewFixtureIndex(): GlossIndex {
  const drifted = zh('在提升技术可及性方面发挥了重要作用');
  const entities: IndexEntity[] = [
    entity(
      'deepseek',
      'organization',
      { en: 'DeepSeek', zh: '深度求索' },
      {
        mentions: mentionsOf('DeepSeek').filter((m) => {
          const full = TEXTS[m.source];
          return full.slice(m.end, m.end + 3) !== '-R1';
        }),
        facts: [
          en('DeepSeek released DeepSeek-R1 in January.'),
          // Offsets that no longer fit: re-anchored by the exact text and its context.
          { ...drifted, start: drifted.start + 3, end: drifted.end + 3 },
          // Words the source does not contain: never shown.
          { source: ZH_ID, start: 0, end: 4, text: '不存在的话', prefix: '', suffix: '' },
        ],
        contexts: [
          en('DeepSeek released DeepSeek-R1 in January.'), // already shown as a fact
          zh('DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。', 1), // same words as the first
          en('DeepSeek is based in Hangzhou.'),
          zh('DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。'),
          zh('DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。'), // the same place twice
          zh(`“${ANNUNZIATA_QUOTE}”IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata 表示。`), // holds a quote
        ],
        related: [
          relation('released', 'deepseek-r1', en('DeepSeek released DeepSeek-R1 in January.')),
          relation('member-of', 'ai-alliance', zh('自 DeepSeek 加入并贡献于 AI 联盟')),
          relation('uses', 'unknown-entity', zh('DeepSeek')), // a target the index lacks: left out
        ],
      },
    ),
    entity(
      'deepseek-r1',
      'model',
      { en: 'DeepSeek-R1' },
      {
        mentions: mentionsOf('DeepSeek-R1'),
        summary: zh('这款强大而高性价比的 AI 推理模型'),
        contexts: [zh('当 DeepSeek-R1 于 1 月 20 日发布时，这款强大而高性价比的 AI 推理模型轰动了硅谷和华尔街。')],
      },
    ),
    entity(
      'ibm',
      'organization',
      { en: 'IBM' },
      {
        mentions: mentionsOf('IBM').filter((m) => TEXTS[m.source].slice(m.end, m.end + 6) !== ' Think'),
        related: [relation('founded', 'ai-alliance', zh('AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络'))],
      },
    ),
    entity(
      'meta',
      'organization',
      { en: 'Meta' },
      {
        mentions: mentionsOf('Meta'),
        related: [relation('founded', 'ai-alliance', zh('AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络'))],
      },
    ),
    entity(
      'ai-alliance',
      'organization',
      { en: 'AI Alliance', zh: 'AI 联盟' },
      {
        mentions: mentionsOf('AI 联盟'),
        summary: zh('AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络，致力于创建开放且安全的 AI。'),
        contexts: [
          zh(`“${ANNUNZIATA_QUOTE}”IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata 表示。`),
          zh('AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络，致力于创建开放且安全的 AI。'),
        ],
      },
    ),
    entity(
      'kaoutar-el-maghraoui',
      'person',
      { en: 'Kaoutar El Maghraoui' },
      {
        mentions: mentionsOf('Kaoutar El Maghraoui'),
        summary: zh('IBM 首席研究科学家 Kaoutar El Maghraoui'),
        contexts: [
          zh('IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为，真正的创新或许在于她所称的“架构效率”。'),
          zh(`“${KAOUTAR_QUOTE}”她在最近接受 IBM Think 采访时表示。`),
        ],
        related: [
          relation('affiliated-with', 'ibm', zh('IBM 首席研究科学家 Kaoutar El Maghraoui')),
          relation('affiliated-with', 'ibm', zh('接受 IBM Think 采访')), // the same relation again: shown once
        ],
      },
    ),
    entity(
      'anthony-annunziata',
      'person',
      { en: 'Anthony Annunziata' },
      {
        mentions: mentionsOf('Anthony Annunziata'),
        summary: zh('IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata'),
        related: [
          relation('affiliated-with', 'ibm', zh('IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata')),
          relation('affiliated-with', 'ai-alliance', zh('IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata')),
        ],
      },
    ),
  ];
  const quote = (id: string, speaker: string, at: TextQuote, about: string[]): IndexQuote => ({ id, speaker, about, ...at });
  return {
    version: 1,
    sources: [
      {
        id: ZH_ID,
        file: `${ZH_ID}.txt`,
        title: 'DeepSeek 发布六个月后',
        publisher: 'IBM Think',
        date: '2025-07-18',
        lang: 'zh',
        text: ZH_TEXT,
        paragraphs: ZH_PARAGRAPHS.map((paragraph, i) => {
          const start = ZH_PARAGRAPHS.slice(0, i).reduce((n, p) => n + p.length + 1, 0);
          return [start, start + paragraph.length] as [number, number];
        }),
      },
      {
        id: EN_ID,
        file: `${EN_ID}.txt`,
        title: 'A note on <b>DeepSeek</b>',
        lang: 'en',
        url: 'https://example.org/note',
        text: EN_TEXT,
        paragraphs: EN_PARAGRAPHS.map((paragraph, i) => {
          const start = EN_PARAGRAPHS.slice(0, i).reduce((n, p) => n + p.length + 2, 0);
          return [start, start + paragraph.length] as [number, number];
        }),
      },
    ],
    entities,
    quotes: [
      // Listed out of document order on purpose.
      quote('q-xss', 'kaoutar-el-maghraoui', en(XSS_QUOTE), ['anthony-annunziata']),
      quote('q-kaoutar', 'kaoutar-el-maghraoui', zh(KAOUTAR_QUOTE), []),
      quote('q-annunziata', 'anthony-annunziata', zh(ANNUNZIATA_QUOTE), ['deepseek', 'ai-alliance']),
    ],
  };
}
