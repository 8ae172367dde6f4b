// A small hand-made GlossIndex for unit tests, cut from the seed article so the strings are real. Offsets are
// found with indexOf, exactly as the build does, so the fixture can't drift from its own text.
import type { EntityType, GlossIndex, IndexEntity, IndexQuote, TextQuote } from '../types';

const PARAGRAPHS = [
  '当 DeepSeek-R1 于 1 月 20 日发布时，这款强大而高性价比的 AI 推理模型轰动了硅谷和华尔街。',
  'IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为，真正的创新或许在于她所称的“架构效率”。“这主要是对现有技术的一种巧妙且高效的实现，”她在最近接受 IBM Think 采访时表示。',
  '以日本为例，加入 AI 联盟的众多公司，包括三菱电机与松下，正在开发面向制造业和工业应用的 AI 模型，这一领域在日本经济中占比尤为重要。',
  '另一方面，日本软硬件公司 Preferred Networks 首席技术官兼联合创始人冈原大辅表示，本地模型的需求也在不断增长。',
  '冈原大辅在接受 IBM Think 采访时表示：“虽然整体性能不及前沿模型，但在特定任务上表现尤为出色。”',
  '科技企业家兼风险投资人 Kai-Fu Lee 最新的科技公司 01.AI，希望开拓企业 AI 的 B2B 市场。',
  '01.AI 联合创始人 Anita Huang 在接受 IBM Think 采访时表示：“我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。”目前，他们的企业平台采用了 DeepSeek 与阿里巴巴 Qwen 等模型。',
  'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。',
];

export const FIXTURE_SOURCE_ID = '000_bbac0297650de592';
export const FIXTURE_TEXT = PARAGRAPHS.join('\n');

/** A TextQuote for the first occurrence of `text` (after `from`), with 32 characters of context each side. */
export function quoteOf(text: string, from = 0): TextQuote {
  const start = FIXTURE_TEXT.indexOf(text, from);
  if (start < 0) throw new Error(`fixture text lacks ${JSON.stringify(text)}`);
  const end = start + text.length;
  return {
    source: FIXTURE_SOURCE_ID,
    start,
    end,
    text,
    prefix: FIXTURE_TEXT.slice(Math.max(0, start - 32), start),
    suffix: FIXTURE_TEXT.slice(end, end + 32),
  };
}

function entity(
  id: string,
  type: EntityType,
  en: string,
  zh: string | undefined,
  extra: { aliases?: string[]; summary?: string; facts?: string[] } = {},
): IndexEntity {
  const names = zh ? { en, zh } : { en };
  const aliasTexts = [en, ...(zh ? [zh] : []), ...(extra.aliases ?? [])];
  const mentions = aliasTexts.flatMap((alias) => {
    const start = FIXTURE_TEXT.indexOf(alias);
    return start < 0 ? [] : [{ source: FIXTURE_SOURCE_ID, start, end: start + alias.length }];
  });
  return {
    id,
    type,
    name: en,
    names,
    aliases: aliasTexts.map((text) => ({ text, case: 'exact' })),
    summary: extra.summary ? quoteOf(extra.summary) : undefined,
    facts: (extra.facts ?? []).map((fact) => quoteOf(fact)),
    mentions,
    contexts: [],
    related: [],
  };
}

const ANITA_QUOTE =
  '我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。';
const OKANOHARA_QUOTE = '虽然整体性能不及前沿模型，但在特定任务上表现尤为出色。';
const KAOUTAR_QUOTE = '这主要是对现有技术的一种巧妙且高效的实现，';

/** A fresh copy each call, so a test may mutate it. */
export function fixtureIndex(): GlossIndex {
  const entities: IndexEntity[] = [
    entity('deepseek', 'organization', 'DeepSeek', '深度求索', {
      facts: ['DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。'],
    }),
    entity('deepseek-r1', 'model', 'DeepSeek-R1', undefined, {
      aliases: ['R1'],
      summary: '这款强大而高性价比的 AI 推理模型轰动了硅谷和华尔街',
    }),
    entity('ibm', 'organization', 'IBM', undefined),
    entity('ibm-think', 'publication', 'IBM Think', undefined),
    entity('kaoutar-el-maghraoui', 'person', 'Kaoutar El Maghraoui', undefined, {
      summary: 'IBM 首席研究科学家 Kaoutar El Maghraoui',
    }),
    entity('mitsubishi-electric', 'organization', 'Mitsubishi Electric', '三菱电机'),
    entity('preferred-networks', 'organization', 'Preferred Networks', undefined, {
      summary: '日本软硬件公司 Preferred Networks',
    }),
    entity('daisuke-okanohara', 'person', 'Daisuke Okanohara', '冈原大辅', {
      summary: 'Preferred Networks 首席技术官兼联合创始人冈原大辅',
    }),
    entity('kai-fu-lee', 'person', 'Kai-Fu Lee', '李开复', { summary: '科技企业家兼风险投资人 Kai-Fu Lee' }),
    entity('01-ai', 'organization', '01.AI', '零一万物', { facts: ['01.AI，希望开拓企业 AI 的 B2B 市场'] }),
    entity('anita-huang', 'person', 'Anita Huang', undefined, {
      summary: '01.AI 联合创始人 Anita Huang',
    }),
    entity('japan', 'place', 'Japan', '日本'),
  ];
  const speakerQuote = (id: string, speaker: string, text: string, about: string[]): IndexQuote => ({
    id,
    speaker,
    about,
    ...quoteOf(text),
  });
  return {
    version: 1,
    sources: [
      {
        id: FIXTURE_SOURCE_ID,
        file: `${FIXTURE_SOURCE_ID}.txt`,
        title: 'DeepSeek 六个月后',
        publisher: 'IBM Think',
        date: '2025-07-18',
        lang: 'zh',
        url: `/source.html#${FIXTURE_SOURCE_ID}`,
        text: FIXTURE_TEXT,
        paragraphs: PARAGRAPHS.map((paragraph) => {
          const start = FIXTURE_TEXT.indexOf(paragraph);
          return [start, start + paragraph.length] as [number, number];
        }),
      },
    ],
    entities,
    quotes: [
      speakerQuote('q-kaoutar-1', 'kaoutar-el-maghraoui', KAOUTAR_QUOTE, []),
      speakerQuote('q-okanohara-1', 'daisuke-okanohara', OKANOHARA_QUOTE, []),
      speakerQuote('q-anita-1', 'anita-huang', ANITA_QUOTE, []),
    ],
  };
}
