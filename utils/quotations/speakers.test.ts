import { describe, expect, it } from 'vitest';
import { findQuotations } from './quotation-marks';
import { paragraphsOf } from '../testing/text-spans';
import { splitSentences } from './sentences';
import { attributeSpeakers, type PersonMention } from './speakers';

/** A person mention at the n-th occurrence (0-based) of `found` in the text, `length` units long. */
function person(text: string, found: string, entity: string, options: { nth?: number; length?: number } = {}): PersonMention {
  let at = -1;
  for (let i = 0; i <= (options.nth ?? 0); i++) {
    at = text.indexOf(found, at + 1);
    if (at < 0) throw new Error(`"${found}" (${i}) not in text`);
  }
  return { start: at, end: at + (options.length ?? found.length), entity };
}

/** Runs the whole text side on a text and returns [speaker, quoted words] pairs. */
function speakers(text: string, people: PersonMention[]): [string, string][] {
  const paragraphs = paragraphsOf(text);
  const sentences = paragraphs.flatMap((p) => splitSentences(text, p));
  const quotations = paragraphs.flatMap((p) => findQuotations(text, p));
  return attributeSpeakers({ text, paragraphs, sentences, quotations, people }).map((q) => [q.speaker, text.slice(q.start, q.end)]);
}

describe('attributeSpeakers: the seed’s patterns', () => {
  it('X 表示：“…” — the person before the verb', () => {
    const text =
      'Cathay Innovation 旗下 C.Lab 负责人 Matthieu Soulé 表示：“这正在打破‘美国作为全球唯一创新之地’的说法。”Cathay Innovation 是一家投资于欧盟及亚洲（包括中国）AI 创新的基金。';
    expect(speakers(text, [person(text, 'Matthieu Soulé', 'matthieu-soule')])).toEqual([
      ['matthieu-soule', '这正在打破‘美国作为全球唯一创新之地’的说法。'],
    ]);
  });

  it('X 在接受 IBM Think 采访时表示：“…” — other words between person and verb', () => {
    const text =
      '01.AI 联合创始人 Anita Huang 在接受 IBM Think 采访时表示：“我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。”目前，他们的企业平台采用了 DeepSeek 与阿里巴巴 Qwen 等模型。';
    const found = speakers(text, [person(text, 'Anita Huang', 'anita-huang')]);
    expect(found).toHaveLength(1);
    expect(found[0][0]).toBe('anita-huang');
    expect(found[0][1]).toMatch(/^我们采取务实的态度.*交互的窗口。$/);
  });

  it('正如 X 在《…》中所言：“…” — a title between person and verb', () => {
    const text = '正如 IBM 杰出工程师 Chris Hay 在最近一集《Mixture of Experts》中所言：“运行代理时，你希望模型小巧、快速且高效。”';
    expect(speakers(text, [person(text, 'Chris Hay', 'chris-hay')])).toEqual([['chris-hay', '运行代理时，你希望模型小巧、快速且高效。']]);
  });

  it('“…，”X 表示。 — the person between the quotation and the verb', () => {
    const text =
      'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。“自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加，”IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata 表示。AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络，致力于创建开放且安全的 AI。';
    expect(speakers(text, [person(text, 'Anthony Annunziata', 'anthony-annunziata')])).toEqual([
      ['anthony-annunziata', '自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加，'],
    ]);
  });

  it('回忆道, a pronoun 他说 and a following quote-only sentence continuing the speaker', () => {
    const text =
      '“这记警钟敲响了，”帕洛阿尔托投资公司 AMINO Capital 的创始管理合伙人 Larry Li 最近在接受 IBM Think 采访时回忆道。他说，新技术常被“逆向工程”。“但没人预料到它能做得如此出色。”';
    expect(speakers(text, [person(text, 'Larry Li', 'larry-li')])).toEqual([
      ['larry-li', '这记警钟敲响了，'],
      ['larry-li', '但没人预料到它能做得如此出色。'],
    ]);
  });

  it('“…，”Li 说。 — a short-form mention', () => {
    const text =
      '基于本地语言创建 LLM 激励着众多创业者。“AI 正朝着这个方向发展：作为一种公用设施，每个国家或地区都希望拥有自己的语言模型，至少能在影响 AI 行为方面拥有话语权，”Li 说。';
    expect(speakers(text, [person(text, 'Li 说', 'larry-li', { length: 2 })])).toEqual([
      ['larry-li', 'AI 正朝着这个方向发展：作为一种公用设施，每个国家或地区都希望拥有自己的语言模型，至少能在影响 AI 行为方面拥有话语权，'],
    ]);
  });

  it('她所称 and “…，”她…表示 — 她 is the person named earlier in the paragraph; the term is skipped', () => {
    const text =
      'IBM 首席研究科学家 Kaoutar El Maghraoui 等人认为，真正的创新或许在于她所称的“架构效率”，即结合多种技术，包括“专家混合、强化学习策略、软硬件协同设计及其他优化技巧”。“这主要是对现有技术的一种巧妙且高效的实现，”她在最近接受 IBM Think 采访时表示。';
    expect(speakers(text, [person(text, 'Kaoutar El Maghraoui', 'el-maghraoui')])).toEqual([
      ['el-maghraoui', '专家混合、强化学习策略、软硬件协同设计及其他优化技巧'],
      ['el-maghraoui', '这主要是对现有技术的一种巧妙且高效的实现，'],
    ]);
  });

  it('他表示：“…” opening a paragraph — 他 is the person named in the paragraph before', () => {
    const text =
      'Daniels 表示，归根结底，DeepSeek 的最大贡献或许在于它证明了小型、针对性模型的价值。\n他表示：“DeepSeek 开启了 AI 竞赛，并将小型语言模型推向了新的竞争前沿。高性能的小型语言模型训练效率高于大型模型，并能更好地满足企业应用场景。”';
    const found = speakers(text, [person(text, 'Daniels', 'abraham-daniels')]);
    expect(found).toEqual([
      [
        'abraham-daniels',
        'DeepSeek 开启了 AI 竞赛，并将小型语言模型推向了新的竞争前沿。高性能的小型语言模型训练效率高于大型模型，并能更好地满足企业应用场景。',
      ],
    ]);
  });

  it('指出，虽然“…” and 相反，她说，“…” — Annunziata', () => {
    const text =
      'Annunziata 指出，虽然“人们意识到创新可能来自意想不到的地方”值得肯定，但整个 AI 行业及更广泛市场并未如部分预测般发生显著变化。相反，她说，“开源公司在开源领域持续加码，而大型专有企业则集中于吸引人才，更进一步收购或削弱竞争对手，并在模型研发上投入越来越多资金。”';
    expect(speakers(text, [person(text, 'Annunziata', 'anthony-annunziata')])).toEqual([
      ['anthony-annunziata', '人们意识到创新可能来自意想不到的地方'],
      [
        'anthony-annunziata',
        '开源公司在开源领域持续加码，而大型专有企业则集中于吸引人才，更进一步收购或削弱竞争对手，并在模型研发上投入越来越多资金。',
      ],
    ]);
  });

  it('the malformed closing mark still yields the whole quote', () => {
    const text =
      'IBM 高级技术产品经理 Abraham Daniels 在采访中表示：“开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。“';
    expect(speakers(text, [person(text, 'Abraham Daniels', 'abraham-daniels')])).toEqual([
      ['abraham-daniels', '开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。'],
    ]);
  });

  it('indirect speech without quotation marks gives no quote', () => {
    const text =
      '越南也掀起了一股创业型 LLM 活动热潮。Annunziata 表示，除了开发越南语模型外，当地企业家还致力于利用 AI 模型研发新型芯片，为 AI 系统提供算力支持。';
    expect(speakers(text, [person(text, 'Annunziata', 'anthony-annunziata')])).toEqual([]);
  });
});

describe('attributeSpeakers: what is never guessed', () => {
  it('drops a speech quote with no verb and no speaker before it in the paragraph', () => {
    const text = 'Li 来自北京。\n“这是一个没有任何人被点名的很长的引语。”';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([]);
  });

  it('never takes a person mentioned inside a quotation for the speaker', () => {
    const text = '“我完全同意 Li 的看法，这一点毋庸置疑，”他说。';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([]);
    const withSpeaker = 'Lee 到场了。“我完全同意 Li 的看法，这一点毋庸置疑，”他说。';
    expect(speakers(withSpeaker, [person(withSpeaker, 'Lee', 'kai-fu-lee'), person(withSpeaker, 'Li', 'larry-li', { nth: 0 })])).toEqual([
      ['kai-fu-lee', '我完全同意 Li 的看法，这一点毋庸置疑，'],
    ]);
  });

  it('resolves a pronoun only through its paragraph and the one before', () => {
    const text = 'Li 来自北京。\n中间的段落。\n他表示：“这是一个相当长的引语，足够算作讲话。”';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([]);
  });

  it('does not resolve plural pronouns, nor fall back to an earlier person', () => {
    expect(speakers('Li 到场了。他们表示：“这是一个相当长的引语，足够算作讲话。”', [{ start: 0, end: 2, entity: 'larry-li' }])).toEqual([]);
    const english = 'Li arrived. They said: "This is a long enough statement to count."';
    expect(speakers(english, [person(english, 'Li', 'larry-li')])).toEqual([]);
  });

  it('does not take 其他, 小说 or 说法 for a pronoun or verb', () => {
    const text = 'Li 写了一部小说，书中“人工智能终将取代所有的工作岗位”这句话广为流传。';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([]);
    const other = 'Li 到场了。其他人的说法：“这是一个相当长的引语，足够算作讲话。”';
    expect(speakers(other, [person(other, 'Li', 'larry-li')])).toEqual([]);
  });

  it('does not take a subject from another clause', () => {
    const later = 'Li 的“这是一个相当长的引语，足够算作讲话”观点，Lee 表示反对。';
    expect(speakers(later, [person(later, 'Li', 'larry-li'), person(later, 'Lee', 'kai-fu-lee')])).toEqual([]);
    const earlier = 'Li 来了，大家都认为：“这是一个相当长的引语，足够算作讲话。”';
    expect(speakers(earlier, [person(earlier, 'Li', 'larry-li')])).toEqual([]);
  });

  it('gives each quotation of a sentence its own speaker', () => {
    const text = 'Li 说：“这是第一个相当长的引语，足够算作讲话。”Lee 则表示：“这是第二个相当长的引语，也足够算作讲话。”';
    expect(speakers(text, [person(text, 'Li', 'larry-li'), person(text, 'Lee', 'kai-fu-lee')])).toEqual([
      ['larry-li', '这是第一个相当长的引语，足够算作讲话。'],
      ['kai-fu-lee', '这是第二个相当长的引语，也足够算作讲话。'],
    ]);
  });

  it('takes a short sentence after the quotation that only says who spoke', () => {
    const text = 'Li 到场了。“我很高兴来到这里。”他说。';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([['larry-li', '我很高兴来到这里。']]);
    const continued = 'Li 到场了。“我很高兴来到这里。”他说，“这里的一切都让人感到非常愉快。”';
    expect(speakers(continued, [person(continued, 'Li', 'larry-li')])).toEqual([
      ['larry-li', '我很高兴来到这里。'],
      ['larry-li', '这里的一切都让人感到非常愉快。'],
    ]);
  });

  it('does not take a sentence that goes on after its verb, or a long one, for an attribution', () => {
    const more = 'Li 到场了。“我很高兴来到这里。”他说了很多别的事情。';
    expect(speakers(more, [person(more, 'Li', 'larry-li')])).toEqual([]);
    const long = `Li 到场了。“我很高兴来到这里。”在一次${'很'.repeat(60)}长的会议上他这样说。`;
    expect(speakers(long, [person(long, 'Li', 'larry-li')])).toEqual([]);
  });
});

describe('attributeSpeakers: English', () => {
  const li = (text: string) => [person(text, 'Li', 'larry-li')];

  it('"It works," Li said.', () => {
    expect(speakers('"It works," Li said.', li('"It works," Li said.'))).toEqual([['larry-li', 'It works,']]);
  });

  it('Li said: "It works."', () => {
    expect(speakers('Li said: "It works."', li('Li said: "It works."'))).toEqual([['larry-li', 'It works.']]);
  });

  it('"It works," said Li. and according to Li', () => {
    expect(speakers('"It works," said Li.', li('"It works," said Li.'))).toEqual([['larry-li', 'It works,']]);
    const text = 'According to Li, "the model works far better than expected."';
    expect(speakers(text, li(text))).toEqual([['larry-li', 'the model works far better than expected.']]);
  });

  it('a quote-only sentence continues the speaker of the sentence before', () => {
    const text = '"It works," Li said. "It is fast and it is cheap."';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([
      ['larry-li', 'It works,'],
      ['larry-li', 'It is fast and it is cheap.'],
    ]);
  });

  it('"It works." Li said. — attribution in the next sentence', () => {
    expect(speakers('"It works." Li said.', li('"It works." Li said.'))).toEqual([['larry-li', 'It works.']]);
    const text = '"It works." Li said in an interview.';
    expect(speakers(text, li(text))).toEqual([['larry-li', 'It works.']]);
  });

  it('she said, with the person named earlier; curly quotes too', () => {
    const text = 'Dr. Jane Roe joined IBM in 2019.\n“We were surprised by how well it worked,” she said.';
    expect(speakers(text, [person(text, 'Jane Roe', 'jane-roe')])).toEqual([['jane-roe', 'We were surprised by how well it worked,']]);
  });

  it('allows an apposition between subject and verb', () => {
    const text = 'Li, the founder of the fund, said: "We did not expect it to work this well."';
    expect(speakers(text, [person(text, 'Li', 'larry-li')])).toEqual([['larry-li', 'We did not expect it to work this well.']]);
  });

  it('a term in quotes is nobody’s quote', () => {
    const text = 'Li said the "moat" was gone.';
    expect(speakers(text, li(text))).toEqual([]);
  });
});
