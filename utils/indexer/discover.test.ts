import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldText } from '../matcher';
import type { GlossIndex } from '../types';
import { proposeNames, type NameCandidate } from './discover';

/** Paragraphs are the text's lines. */
function paragraphsOf(text: string): [number, number][] {
  const paragraphs: [number, number][] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    paragraphs.push([start, start + line.length]);
    start += line.length + 1;
  }
  return paragraphs;
}

function propose(text: string, known: string[] = [], covered: { start: number; end: number }[] = []): NameCandidate[] {
  return proposeNames({ text, paragraphs: paragraphsOf(text), covered, known: new Set(known.map((k) => foldText(k))) });
}

const names = (text: string, known: string[] = [], covered: { start: number; end: number }[] = []) =>
  propose(text, known, covered).map((c) => c.name);

describe('proposeNames: Chinese lists', () => {
  const text = '在国内大模型市场，像阿里巴巴、华为、腾讯和字节跳动等公司都推出了自己的模型，价格战愈演愈烈。';

  it('proposes the items of a list in which another item is known', () => {
    expect(names(text, ['阿里巴巴'])).toEqual(['华为', '腾讯', '字节跳动']);
  });

  it('proposes nothing from a list no item of which is known or a candidate', () => {
    expect(names(text)).toEqual([]);
    // Ordinary nouns joined by 和/与 stay out even beside a known name.
    expect(names('阿里巴巴的模型和数据都很重要，成本与效率也是。', ['阿里巴巴'])).toEqual([]);
  });

  it('lets a candidate or a covered mention vouch for its list-mates', () => {
    // Nothing is known; 王传福 is a candidate, for the title before him (and 比亚迪, for the one after it).
    const text = '比亚迪董事长王传福表示，明年将推出新车。王传福、曾毓群和何小鹏都出席了论坛。';
    expect(names(text)).toEqual(['王传福', '比亚迪', '曾毓群', '何小鹏']);
    expect(names('王传福、曾毓群和何小鹏都出席了论坛。')).toEqual([]);
    const listed = '像阿里巴巴、华为和腾讯等公司都在投入。';
    expect(names(listed, [], [{ start: 1, end: 5 }])).toEqual(['华为', '腾讯']);
  });

  it('trims the words that introduce a list (包括, 像) and close it (等)', () => {
    expect(names('合作伙伴包括宁德时代、国轩高科与亿纬锂能等电池企业。', ['宁德时代'])).toEqual(['国轩高科', '亿纬锂能']);
  });

  it('cuts the last item at a stop character, and does not take 和 inside a word', () => {
    expect(names('意大利、澳大利亚、韩国和加拿大都禁止了这款应用。', ['意大利'])).toEqual(['澳大利亚', '韩国', '加拿大']);
    // 与 and 和 inside words (可与, 参与) join no items.
    expect(names('它的推理能力可与阿里巴巴的模型媲美。', ['阿里巴巴'])).toEqual([]);
    expect(names('阿里巴巴、腾讯参与了投资。', ['阿里巴巴'])).not.toContain('腾讯参');
  });

  it('drops items that are the known name plus a generic word, or that start with a determiner', () => {
    expect(names('他们采用了专家混合、强化学习策略及其他优化技巧。', ['专家混合', '强化学习'])).toEqual([]);
  });
});

describe('proposeNames: Chinese organisations', () => {
  it('proposes a run ending in an organisation suffix, bounded on the left', () => {
    const found = propose('据悉，摩尔线程公司已完成新一轮融资。来自清华大学的研究团队也参与了测试，与中国科学院合作。');
    expect(found.find((c) => c.name === '摩尔线程公司')?.type).toBe('organization');
    expect(found.map((c) => c.name)).toContain('清华大学');
    // "与" and "来自" are not part of a name.
    expect(found.map((c) => c.name).some((n) => /^[与来在由的]/.test(n))).toBe(false);
  });

  it('proposes the organisation named before its leader’s title', () => {
    const found = propose('月之暗面创始人杨植麟在演讲中说，长文本能力是关键。该公司创始人也出席了。');
    expect(found.map((c) => [c.name, c.type])).toEqual([
      ['月之暗面', 'organization'],
      ['杨植麟', 'person'],
    ]);
  });

  it('does not propose a generic head before a suffix', () => {
    const text = '这家公司是一家投资公司。开源公司在开源领域持续加码，小型公司则更谨慎。我们认为公司的技术不错。科技公司纷纷跟进。';
    expect(names(text)).toEqual([]);
  });

  it('proposes the name without its legal suffix when the text uses it often', () => {
    const found = propose('商汤科技发布了新一代大模型。商汤在声明中称，新模型的推理能力大幅提升。分析人士认为，商汤的股价可能上涨。');
    expect(found.map((c) => c.name)).toEqual(['商汤']);
    expect(found[0]).toMatchObject({ count: 3, type: 'organization', start: 0 });
  });
});

describe('proposeNames: Chinese people', () => {
  it('proposes a name after a title, up to where the sentence goes on', () => {
    const found = propose('比亚迪董事长王传福在发布会上表示，公司将继续加大研发投入。清华大学教授李明认为，电池技术仍有很大进步空间。');
    expect(found.filter((c) => c.type === 'person').map((c) => c.name)).toEqual(['王传福', '李明']);
  });

  it('proposes a name before a speech verb: a surname and given name, or a transliteration', () => {
    const found = propose('雷军表示，小米汽车的订单已超过十万辆。微软首席执行官纳德拉说，合作会继续。“我们很乐观，”奥特曼在接受采访时称。');
    expect(found.map((c) => c.name)).toEqual(expect.arrayContaining(['雷军', '纳德拉', '奥特曼']));
    expect(found.find((c) => c.name === '雷军')?.type).toBe('person');
  });

  it('does not take ordinary subjects of speech verbs for names', () => {
    const text =
      '业内人士认为，价格还会下降。我们认为这是好事。高层表示同意。有人说这很难。一般来说，成本会下降。' +
      '各界专家一致认为，这是转折点。市民王女士说，她已备好雨具。听到消息后，他马上说要去现场。';
    expect(names(text)).toEqual([]);
  });
});

describe('proposeNames: frequency', () => {
  it('takes a word standing where a name stands only when the text has it three times', () => {
    const twice = '，小鹏称，新车将于下月交付。小鹏的销量持续增长。';
    expect(names(twice)).toEqual([]);
    const thrice = twice + '小鹏还计划进军海外市场。';
    expect(propose(thrice).map((c) => [c.name, c.count])).toEqual([['小鹏', 3]]);
  });

  it('never takes a word the text also writes after a determiner (该, 这些, 一家)', () => {
    const text = '阿里巴巴和盒马都在扩张。';
    expect(names(text, ['阿里巴巴'])).toEqual(['盒马']);
    expect(names('阿里巴巴和门店都在扩张。这些门店生意不错。', ['阿里巴巴'])).toEqual([]);
  });

  it('never takes a frequent common word, even where a name stands', () => {
    const text = '，公司表示，利润下降。公司的模型和技术都不错。该公司的模型很好。公司还将开源模型。模型表示能力很强。';
    expect(names(text)).toEqual([]);
  });
});

describe('proposeNames: titles, covered mentions, known names', () => {
  it('proposes a 《title》 as a publication', () => {
    expect(propose('他在《人民日报》上发表了一篇文章。')).toMatchObject([{ name: '人民日报', type: 'publication', count: 1 }]);
  });

  it('drops candidates overlapping a covered mention, and counts only uncovered occurrences', () => {
    const text = '像阿里巴巴、华为和腾讯等公司都在投入。华为表示将开源其模型。';
    const covered = [...text.matchAll(/华为/g)].map((m) => ({ start: m.index!, end: m.index! + 2 }));
    expect(names(text, ['阿里巴巴'], covered)).toEqual(['腾讯']);
    expect(propose(text, ['阿里巴巴'], covered.slice(0, 1)).find((c) => c.name === '华为')?.count).toBe(1);
  });

  it('drops a candidate equal to a known name, whatever its case or script variant', () => {
    const text = 'Engineers at Anthropic and Mistral AI met in Paris.';
    expect(names(text)).toEqual(['Anthropic', 'Mistral AI', 'Paris']);
    expect(names(text, ['anthropic', 'MISTRAL AI'])).toEqual(['Paris']);
  });

  it('reports the first occurrence and its sentence', () => {
    const text = 'Nothing here.\nShares of Nvidia rose. Analysts said Nvidia would gain.';
    const [nvidia] = propose(text);
    expect(nvidia).toMatchObject({ name: 'Nvidia', count: 2, start: text.indexOf('Nvidia') });
    expect(text.slice(...nvidia.sentence)).toBe('Shares of Nvidia rose.');
  });
});

describe('proposeNames: Latin script', () => {
  const news =
    'Microsoft chief executive Satya Nadella said on Tuesday that the company would deepen its partnership with Mistral AI. ' +
    'However, analysts at Morgan Stanley were cautious. The French start-up, founded by Arthur Mensch, has raised more than $1 billion. ' +
    "Nadella added that Anthropic's models would also be available on Azure.";

  it('proposes capitalised runs and counts a later surname with the full name', () => {
    const found = propose(news, ['Microsoft']);
    expect(found.map((c) => c.name)).toEqual(['Satya Nadella', 'Mistral AI', 'Morgan Stanley', 'Arthur Mensch', 'Anthropic', 'Azure']);
    expect(found[0]).toMatchObject({ count: 2, type: 'person' });
    expect(found[1].type).toBe('organization');
  });

  it('reads nothing into the capitals of a headline', () => {
    expect(names('Nvidia Beats Estimates As Demand Soars\nShares of Nvidia rose after the results.')).toEqual(['Nvidia']);
  });

  it('drops words capitalised only at a sentence start, function words, months, days and nationalities', () => {
    const text =
      'However, the deal is small. Meanwhile, shares rose on Tuesday. Investors were pleased. In March, French buyers came back.';
    expect(names(text)).toEqual([]);
    // The same word inside a sentence is a name.
    expect(names('Researchers were pleased. Staff at Researchers Inc said so.')).toEqual(['Researchers']);
  });

  it('keeps digits, dots and hyphens inside a name, drops two-letter acronyms and a possessive', () => {
    const text = "The AI team in the US released GPT-4o with C.Lab and Hugging Face. OpenAI's rival Kai-Fu Lee watched.";
    expect(names(text)).toEqual(['GPT-4o', 'C.Lab', 'Hugging Face', 'OpenAI', 'Kai-Fu Lee']);
  });

  it('joins names with "of" and splits runs at a known name or a role', () => {
    expect(names('Customers of Bank of America complained.')).toEqual(['Bank of America']);
    expect(names('The lab works with Google DeepMind daily.', ['Google'])).toEqual(['DeepMind']);
    expect(names('He sold Meta Platforms stock.', ['Meta'])).toEqual([]);
    expect(propose('He met CEO Jensen Huang today.')).toMatchObject([{ name: 'Jensen Huang', type: 'person' }]);
    expect(propose('The plan was approved, said Maria Lopez.')).toMatchObject([{ name: 'Maria Lopez', type: 'person' }]);
  });

  it('finds Latin names in Chinese text, where a sentence start says nothing', () => {
    const found = propose('Anthropic 发布了新模型。Cohere 的创始人 Aidan Gomez 表示，竞争很激烈。');
    expect(found.map((c) => c.name)).toEqual(['Anthropic', 'Cohere', 'Aidan Gomez']);
    expect(found[2].type).toBe('person');
  });

  it('proposes Japanese katakana company names', () => {
    expect(propose('株式会社メルカリは新サービスを発表した。', [], [])).toMatchObject([{ name: 'メルカリ', type: 'organization' }]);
  });
});

describe('proposeNames on the seed', () => {
  const index = JSON.parse(readFileSync('data/index.json', 'utf8')) as GlossIndex;
  const text = readFileSync('seeds/000_bbac0297650de592.txt', 'utf8');
  const knownOf = (entities: GlossIndex['entities']) => new Set(entities.flatMap((e) => e.aliases.map((a) => foldText(a.text))));
  const run = (known: Set<string>) => proposeNames({ text, paragraphs: paragraphsOf(text), covered: [], known, lang: 'zh' });
  // Read in the text: ordinary words the seed uses a lot, several where names stand (before 公司, in lists).
  const ordinary = ['开源', '公司', '模型', '企业', '技术', '专家', '我们', '成本', '日语', '制造业', '小型公司', '搜索引擎'];

  it('proposes no ordinary word and no known name', () => {
    const known = knownOf(index.entities);
    const found = run(known);
    console.log('seed, every catalog alias known:', found.map((c) => `${c.name} ×${c.count}`).join(', ') || '(nothing)');
    for (const c of found) {
      expect(ordinary).not.toContain(c.name);
      expect(known.has(foldText(c.name))).toBe(false);
    }
  });

  it('proposes the seed names its catalog would lack', () => {
    const held = new Set(['anthropic', 'alibaba', 'panasonic', 'daisuke-okanohara', 'preferred-networks', 'hugging-face', '01-ai']);
    const found = run(knownOf(index.entities.filter((e) => !held.has(e.id))));
    console.log('seed, seven entities held out:', found.map((c) => `${c.name} ×${c.count} ${c.type ?? ''}`).join(', '));
    const byName = new Map(found.map((c) => [c.name, c]));
    // OpenAI、Anthropic 等公司; DeepSeek 与阿里巴巴 Qwen 等模型; 包括三菱电机与松下; 联合创始人冈原大辅表示.
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['Anthropic', '阿里巴巴', '松下', '冈原大辅', 'Preferred Networks', 'Hugging Face', '01.AI']),
    );
    expect(byName.get('冈原大辅')).toMatchObject({ count: 2, type: 'person' });
    expect(byName.get('Preferred Networks')?.type).toBe('organization');
    for (const c of found) expect(ordinary).not.toContain(c.name);
  });
});

describe('proposeNames on a long text', () => {
  it('handles a megabyte of mixed Chinese and English', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 16) % n;
    };
    const pick = (chars: string) => chars[random(chars.length)];
    const person = () => pick('王李张刘陈杨黄赵吴周') + pick('伟芳敏静强磊军洋勇杰涛明超') + pick('华平刚辉鹏');
    const company = () => pick('华星云海天宇博智远恒') + pick('达信通汇科创源');
    const sentences = [
      () => `${company()}公司董事长${person()}在发布会上表示，今年的收入将增长三成。`,
      () => `${person()}认为，开源模型的成本正在快速下降，这对行业是好事。`,
      () => `该公司的技术和产品在市场上很受欢迎，许多用户表示满意。`,
      () => `Analysts at ${pick('ABCDEFGH')}${pick('aeiou')}rvex Capital said the deal was small. However, shares rose. `,
    ];
    const paragraphs: [number, number][] = [];
    let text = '';
    while (text.length < 1_000_000) {
      let paragraph = '';
      for (let i = 0; i < 4; i++) paragraph += sentences[random(sentences.length)]();
      paragraphs.push([text.length, text.length + paragraph.length]);
      text += paragraph + '\n';
    }
    const planted = '像阿里巴巴、华为和腾讯等公司都在投入。';
    paragraphs.push([text.length, text.length + planted.length]);
    text += planted;

    const started = performance.now();
    const found = proposeNames({ text, paragraphs, covered: [], known: new Set([foldText('阿里巴巴')]) });
    console.log(`1 MB: ${found.length} names in ${Math.round(performance.now() - started)} ms`);
    const proposed = new Set(found.map((c) => c.name));
    expect(proposed).toContain('华为');
    expect(proposed).toContain('腾讯');
    expect([...proposed].some((n) => /^\p{Lu}\p{Ll}rvex Capital$/u.test(n))).toBe(true);
    for (const word of ['However', 'Analysts', '阿里巴巴', '公司', '开源', '模型', '用户', '行业']) expect(proposed.has(word)).toBe(false);
    expect(found.filter((c) => c.type === 'person').length).toBeGreaterThan(100);
    // Counts are of the whole text: the generated names repeat.
    expect(found[0].count).toBeGreaterThan(100);
  });
});

describe('proposeNames: "New" starts a name but is none alone', () => {
  it('keeps New Zealand and New York whole, and proposes no lone "New"', () => {
    const text = 'New Zealand and New York signed the accord on Monday. New rules apply in New Zealand from March.';
    const names = proposeNames({ text, paragraphs: [[0, text.length]], covered: [] }).map((c) => c.name);
    expect(names).toContain('New Zealand');
    expect(names).toContain('New York');
    expect(names).not.toContain('Zealand');
    expect(names).not.toContain('New');
  });
});
