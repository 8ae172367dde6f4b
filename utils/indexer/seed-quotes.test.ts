// The text side end to end on the real seed: read it, split sentences, find quotations and attribute them,
// with the people mentions the matcher would find placed by hand at their real offsets.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuotations, isSpeechQuote } from '../quotations/quotation-marks';
import { attributeSpeakers, type PersonMention } from '../quotations/speakers';
import { readSeedFile } from './seed-reader';
import { splitSentences } from '../quotations/sentences';

const seed = readSeedFile(
  join(new URL('../../seeds/', import.meta.url).pathname, '000_bbac0297650de592.txt'),
  'seeds/000_bbac0297650de592.txt',
);
const { text, paragraphs } = seed;

/** Every occurrence of `found`, as a mention of its first `length` units. */
function everywhere(found: string, entity: string, length = found.length): PersonMention[] {
  const mentions: PersonMention[] = [];
  for (let at = text.indexOf(found); at >= 0; at = text.indexOf(found, at + 1)) mentions.push({ start: at, end: at + length, entity });
  expect(mentions.length).toBeGreaterThan(0);
  return mentions;
}

const people: PersonMention[] = [
  ...everywhere('Larry Li', 'larry-li'),
  ...everywhere('Li 说', 'larry-li', 'Li'.length),
  ...everywhere('Matthieu Soulé', 'matthieu-soule'),
  ...everywhere('Kaoutar El Maghraoui', 'kaoutar-el-maghraoui'),
  ...everywhere('El Maghroui', 'kaoutar-el-maghraoui'),
  // The later standalone "El Maghraoui", not the one inside the full name.
  ...everywhere('El Maghraoui 表示', 'kaoutar-el-maghraoui', 'El Maghraoui'.length),
  ...everywhere('Abraham Daniels', 'abraham-daniels'),
  ...everywhere('Daniels 表示', 'abraham-daniels', 'Daniels'.length),
  ...everywhere('Anthony Annunziata', 'anthony-annunziata'),
  ...everywhere('Annunziata', 'anthony-annunziata').filter((m) => text.slice(m.start - 'Anthony '.length, m.start) !== 'Anthony '),
  ...everywhere('冈原大辅', 'daisuke-okanohara'),
  ...everywhere('Kai-Fu Lee', 'kai-fu-lee'),
  ...everywhere('Lee 此前', 'kai-fu-lee', 'Lee'.length),
  ...everywhere('Anita Huang', 'anita-huang'),
  ...everywhere('Chris Hay', 'chris-hay'),
].sort((a, b) => a.start - b.start);

const sentences = paragraphs.flatMap((paragraph) => splitSentences(text, paragraph));
const quotations = paragraphs.flatMap((paragraph) => findQuotations(text, paragraph));
const attributed = attributeSpeakers({ text, paragraphs, sentences, quotations, people });

describe('the seed, end to end', () => {
  it('places the people mentions as the brief describes', () => {
    expect(people.filter((p) => p.entity === 'anthony-annunziata')).toHaveLength(4);
    expect(people.filter((p) => p.entity === 'daisuke-okanohara')).toHaveLength(2);
  });

  it('finds the scare-quoted terms and leaves them unattributed', () => {
    const terms = quotations.filter((q) => !isSpeechQuote(text, q)).map((q) => text.slice(q.start, q.end));
    expect(terms).toEqual(['逆向工程', '架构效率', '护城河']);
  });

  it('attributes every speech quote to its speaker and nobody else', () => {
    expect(attributed.map((q) => [q.speaker, text.slice(q.start, q.end)])).toEqual([
      ['larry-li', '这记警钟敲响了，'],
      ['larry-li', '但没人预料到它能做得如此出色。'],
      ['matthieu-soule', '这正在打破‘美国作为全球唯一创新之地’的说法。'],
      ['kaoutar-el-maghraoui', '专家混合、强化学习策略、软硬件协同设计及其他优化技巧'],
      ['kaoutar-el-maghraoui', '这主要是对现有技术的一种巧妙且高效的实现，'],
      ['abraham-daniels', '开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。'],
      ['anthony-annunziata', '自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加，'],
      [
        'anthony-annunziata',
        '在欧洲、越南、印度和日本，众多地区性 AI 公司希望保持对 AI 的自主掌控——他们能够按照自身的文化、社会及经济需求塑造 AI，这些需求与美国及其他地区有所不同。',
      ],
      ['kaoutar-el-maghraoui', '各国政府正在积极推动数字主权，努力寻找避免外国 AI 影响的途径。'],
      ['larry-li', 'AI 正朝着这个方向发展：作为一种公用设施，每个国家或地区都希望拥有自己的语言模型，至少能在影响 AI 行为方面拥有话语权，'],
      [
        'daisuke-okanohara',
        '虽然整体性能不及前沿模型，但在特定任务上表现尤为出色。在小型模型的应用场景中——例如参数规模在 80 亿至 300 亿之间的模型——它在多个日语任务上优于 CLANG、GPT-4o mini 及其他同类模型。',
      ],
      [
        'anita-huang',
        '我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。',
      ],
      ['kaoutar-el-maghraoui', '实际上，企业采用率仍非常有限，这主要是因为缺乏数据隐私保障、合规性、治理及安全机制。'],
      ['anthony-annunziata', '人们意识到创新可能来自意想不到的地方'],
      [
        'anthony-annunziata',
        '开源公司在开源领域持续加码，而大型专有企业则集中于吸引人才，更进一步收购或削弱竞争对手，并在模型研发上投入越来越多资金。',
      ],
      [
        'abraham-daniels',
        'DeepSeek 开启了 AI 竞赛，并将小型语言模型推向了新的竞争前沿。高性能的小型语言模型训练效率高于大型模型，并能更好地满足企业应用场景。',
      ],
      ['chris-hay', '运行代理时，你希望模型小巧、快速且高效。'],
    ]);
  });

  it('gives quote spans that sit exactly between their marks', () => {
    for (const quote of attributed) {
      const quotation = quotations.find((q) => q.start === quote.start)!;
      expect(quotation.end).toBe(quote.end);
      expect('“「『"').toContain(text[quotation.open]);
      expect(quotation.open).toBe(quote.start - 1);
    }
  });

  it('counts the quotes per speaker as expected', () => {
    const count = (speaker: string) => attributed.filter((q) => q.speaker === speaker).length;
    expect(count('larry-li')).toBe(3);
    expect(count('matthieu-soule')).toBe(1);
    expect(count('kaoutar-el-maghraoui')).toBe(4);
    expect(count('abraham-daniels')).toBe(2);
    expect(count('anthony-annunziata')).toBe(4);
    expect(count('daisuke-okanohara')).toBe(1);
    expect(count('anita-huang')).toBe(1);
    expect(count('chris-hay')).toBe(1);
    expect(count('kai-fu-lee')).toBe(0);
  });
});
