import { describe, expect, it } from 'vitest';
import { createQuoteChecker, type DiffPiece, type KnownQuote, type QuoteCheck } from './quote-check';

// Seed quotes (data/index.json) and a few English ones written for these tests.
const GPU: KnownQuote = {
  id: 'kaoutar-gpu',
  speakerId: 'kaoutar-el-maghraoui',
  text: 'DeepSeek 证明了，AI 的未来不仅仅取决于谁拥有最强大的 GPU，更取决于谁能最有效地利用这些 GPU',
};
const SOVEREIGNTY: KnownQuote = {
  id: '000_bbac0297650de592:1301-1334',
  speakerId: 'kaoutar-el-maghraoui',
  text: '各国政府正在积极推动数字主权，努力寻找避免外国 AI 影响的途径。',
};
const ADOPTION: KnownQuote = {
  id: '000_bbac0297650de592:2787-2829',
  speakerId: 'kaoutar-el-maghraoui',
  text: '实际上，企业采用率仍非常有限，这主要是因为缺乏数据隐私保障、合规性、治理及安全机制。',
};
const SMALL_MODELS: KnownQuote = {
  id: '000_bbac0297650de592:3062-3134',
  speakerId: 'abraham-daniels',
  text: 'DeepSeek 开启了 AI 竞赛，并将小型语言模型推向了新的竞争前沿。高性能的小型语言模型训练效率高于大型模型，并能更好地满足企业应用场景。',
};
const MIDDLEWARE: KnownQuote = {
  id: '000_bbac0297650de592:2472-2575',
  speakerId: 'anita-huang',
  text: '我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。',
};
const AGENTS: KnownQuote = {
  id: '000_bbac0297650de592:3297-3317',
  speakerId: 'chris-hay',
  text: '运行代理时，你希望模型小巧、快速且高效。',
};
const OPEN_MODELS: KnownQuote = {
  id: 'larry-open',
  speakerId: 'larry-li',
  text: 'Open models let every company build on the same foundation without asking anyone for permission.',
};
const ALLIANCE: KnownQuote = {
  id: 'anthony-alliance',
  speakerId: 'anthony-annunziata',
  text: 'Open models let every company build on the same foundation, and that is what the AI Alliance is for.',
};
const FRONTIER: KnownQuote = {
  id: 'chris-frontier',
  speakerId: 'chris-hay',
  text: 'You don’t need a frontier model to run an agent; you need one that’s small, fast and cheap.',
};

const LIBRARY = [GPU, SOVEREIGNTY, ADOPTION, SMALL_MODELS, MIDDLEWARE, AGENTS, OPEN_MODELS, ALLIANCE, FRONTIER];
const checker = createQuoteChecker(LIBRARY);

/** The span of known.text the check points at. */
function span(check: QuoteCheck | null): string {
  return check ? check.known.text.slice(check.knownStart, check.knownEnd) : '';
}

/** The page's side of a diff, put together. */
function pageSide(diff: DiffPiece[] | undefined): string {
  return (diff ?? [])
    .filter((p) => p.kind !== 'source')
    .map((p) => p.text)
    .join('');
}

describe('verbatim', () => {
  it('finds a whole quote', () => {
    const check = checker.check(GPU.text, 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'verbatim', known: GPU, knownStart: 0, knownEnd: GPU.text.length });
    expect(check?.diff).toBeUndefined();
  });

  it('finds a part of a quote, with its offsets in the source', () => {
    const check = checker.check('AI 的未来不仅仅取决于谁拥有最强大的 GPU', 'kaoutar-el-maghraoui');
    expect(check?.verdict).toBe('verbatim');
    expect(span(check)).toBe('AI 的未来不仅仅取决于谁拥有最强大的 GPU');
    expect(check?.knownStart).toBe(GPU.text.indexOf('AI'));
  });

  it('finds a part of an English quote', () => {
    const check = checker.check('every company build on the same foundation', 'larry-li');
    expect(check).toMatchObject({ verdict: 'verbatim', known: OPEN_MODELS });
    expect(span(check)).toBe('every company build on the same foundation');
  });

  it('ignores width, case, punctuation and spacing', () => {
    const pages = [
      'DeepSeek 证明了,AI 的未来不仅仅取决于谁拥有最强大的 GPU,更取决于谁能最有效地利用这些 GPU。',
      'ＤｅｅｐＳｅｅｋ证明了，ＡＩ的未来不仅仅取决于谁拥有最强大的ＧＰＵ——更取决于谁能最有效地利用这些ＧＰＵ',
      '  deepseek   证明了 ， ai 的未来不仅仅取决于谁拥有最强大的  gpu ， 更取决于谁能最有效地利用这些 gpu ',
    ];
    for (const page of pages) expect(checker.check(page, 'kaoutar-el-maghraoui')?.verdict, page).toBe('verbatim');
  });

  it('reads straight and curly apostrophes and quotation marks alike', () => {
    const page = 'you don\'t need a FRONTIER model to run an agent, you need one that\'s "small, fast and cheap"';
    expect(checker.check(page, 'chris-hay')).toMatchObject({ verdict: 'verbatim', known: FRONTIER });
  });

  it('reads Traditional characters as Simplified', () => {
    const check = checker.check('DeepSeek 證明了，AI 的未來不僅僅取決於誰擁有最強大的 GPU', 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'verbatim', known: GPU });
  });

  it('takes accents as ignorable', () => {
    const known = { id: 'cafe', speakerId: 'x', text: 'The café on the corner serves the best crème brûlée in town.' };
    const check = createQuoteChecker([known]).check('the cafe on the corner serves the best creme brulee', 'x');
    expect(check?.verdict).toBe('verbatim');
  });
});

describe('shortened', () => {
  it('with an ellipsis (…), the left-out words as a source piece', () => {
    const page = 'Open models let every company build … without asking anyone for permission.';
    const check = checker.check(page, 'larry-li');
    expect(check).toMatchObject({ verdict: 'shortened', known: OPEN_MODELS });
    expect(check?.diff).toEqual([
      { kind: 'same', text: 'Open models let every company build … ' },
      { kind: 'source', text: 'on the same foundation ' },
      { kind: 'same', text: 'without asking anyone for permission' },
    ]);
    expect(span(check)).toBe('Open models let every company build on the same foundation without asking anyone for permission');
  });

  it('with three dots (...) and with […]', () => {
    for (const page of [
      'Open models let every company build on the same foundation ... for permission',
      'Open models let every company build [...] without asking anyone for permission',
    ]) {
      expect(checker.check(page, 'larry-li')?.verdict, page).toBe('shortened');
    }
  });

  it('with a Chinese ellipsis (……)', () => {
    const check = checker.check('实际上，企业采用率仍非常有限……缺乏数据隐私保障、合规性、治理及安全机制。', 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'shortened', known: ADOPTION });
    expect(check?.diff).toEqual([
      { kind: 'same', text: '实际上，企业采用率仍非常有限……' },
      { kind: 'source', text: '这主要是因为' },
      { kind: 'same', text: '缺乏数据隐私保障、合规性、治理及安全机制' },
    ]);
  });

  it('without a mark', () => {
    const check = checker.check('各国政府正在积极推动数字主权，寻找避免外国 AI 影响的途径。', 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'shortened', known: SOVEREIGNTY });
    expect(check?.diff).toEqual([
      { kind: 'same', text: '各国政府正在积极推动数字主权，' },
      { kind: 'source', text: '努力' },
      { kind: 'same', text: '寻找避免外国 AI 影响的途径' },
    ]);
  });

  it('across a long quote', () => {
    const page = '我们采取务实的态度来看这些模型……缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。';
    expect(checker.check(page, 'anita-huang')).toMatchObject({ verdict: 'shortened', known: MIDDLEWARE });
  });

  it('not from words picked out here and there', () => {
    expect(checker.check('Open models every company without permission', 'larry-li')).toBeNull();
  });
});

describe('altered', () => {
  it('one English word changed', () => {
    const page = 'Open models let every company build on the same foundation without asking anybody for permission.';
    const check = checker.check(page, 'larry-li');
    expect(check).toMatchObject({ verdict: 'altered', known: OPEN_MODELS });
    expect(check?.diff).toEqual([
      { kind: 'same', text: 'Open models let every company build on the same foundation without asking ' },
      { kind: 'page', text: 'anybody ' },
      { kind: 'source', text: 'anyone ' },
      { kind: 'same', text: 'for permission' },
    ]);
    expect(pageSide(check?.diff)).toBe(page.slice(0, -1));
  });

  it('one Chinese character changed', () => {
    const check = checker.check('各国政府正在积极推动数据主权，努力寻找避免外国 AI 影响的途径。', 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'altered', known: SOVEREIGNTY, knownStart: 0 });
    expect(check?.diff).toEqual([
      { kind: 'same', text: '各国政府正在积极推动数' },
      { kind: 'page', text: '据' },
      { kind: 'source', text: '字' },
      { kind: 'same', text: '主权，努力寻找避免外国 AI 影响的途径' },
    ]);
  });

  it('a word added', () => {
    const check = checker.check(
      'Open models let every company build on the very same foundation without asking anyone for permission',
      'larry-li',
    );
    expect(check).toMatchObject({ verdict: 'altered', known: OPEN_MODELS });
    expect(check?.diff).toEqual([
      { kind: 'same', text: 'Open models let every company build on the ' },
      { kind: 'page', text: 'very ' },
      { kind: 'same', text: 'same foundation without asking anyone for permission' },
    ]);
  });

  it('punctuation-only differences are not alterations', () => {
    const page = '“DeepSeek 证明了。AI 的未来，不仅仅取决于谁拥有最强大的 GPU！更取决于谁能最有效地利用这些 GPU”';
    expect(checker.check(page, 'kaoutar-el-maghraoui')?.verdict).toBe('verbatim');
  });

  it('not when too much differs', () => {
    const page = 'Open models let small startups compete with giants without paying anyone a licence fee';
    expect(checker.check(page, 'larry-li')).toBeNull();
  });
});

describe('kana', () => {
  const japanese = {
    id: 'okanohara-ja',
    speakerId: 'daisuke-okanohara',
    text: '日本語に強いモデルを自分たちの手で作ることが重要だと考えています。',
  };
  const jaChecker = createQuoteChecker([japanese]);

  it('one token per kana, like Han', () => {
    expect(jaChecker.check('日本語に強いモデルを自分たちの手で作ることが重要', 'daisuke-okanohara')?.verdict).toBe('verbatim');
    const check = jaChecker.check('日本語に強いモデルを自分たちの手で作ることが大切だと考えています', 'daisuke-okanohara');
    expect(check?.verdict).toBe('altered');
    expect(check?.diff).toEqual([
      { kind: 'same', text: '日本語に強いモデルを自分たちの手で作ることが' },
      { kind: 'page', text: '大切' },
      { kind: 'source', text: '重要' },
      { kind: 'same', text: 'だと考えています' },
    ]);
  });
});

describe('speakers', () => {
  it('names the real speaker when the page gives the words to someone else', () => {
    const check = checker.check(
      'Open models let every company build on the same foundation without asking anyone for permission',
      'chris-hay',
    );
    expect(check?.verdict).toBe('other-speaker');
    expect(check?.known.speakerId).toBe('larry-li');
  });

  it('other-speaker for a shortened Chinese quote too', () => {
    const page = 'DeepSeek 开启了 AI 竞赛……高性能的小型语言模型训练效率高于大型模型';
    const check = checker.check(page, 'kaoutar-el-maghraoui');
    expect(check).toMatchObject({ verdict: 'other-speaker', known: SMALL_MODELS });
    expect(check?.diff?.some((p) => p.kind === 'source')).toBe(true);
  });

  it('no other-speaker for altered words', () => {
    const page = 'Open models let every company build on the same foundation without asking anybody for permission';
    expect(checker.check(page, 'chris-hay')).toBeNull();
  });

  it('with no speaker given, judges against every quote', () => {
    expect(checker.check(SMALL_MODELS.text)).toMatchObject({ verdict: 'verbatim', known: SMALL_MODELS });
    const altered = checker.check('各国政府正在积极推动数据主权，努力寻找避免外国 AI 影响的途径。');
    expect(altered).toMatchObject({ verdict: 'altered', known: SOVEREIGNTY });
  });

  it('the page’s speaker wins when two quotes compete', () => {
    const page = 'Open models let every company build on the same foundation';
    expect(checker.check(page, 'larry-li')).toMatchObject({ verdict: 'verbatim', known: OPEN_MODELS });
    expect(checker.check(page, 'anthony-annunziata')).toMatchObject({ verdict: 'verbatim', known: ALLIANCE });
    expect(checker.check(page, 'chris-hay')?.verdict).toBe('other-speaker');
  });

  it('a verbatim match by someone else beats an altered one by the page’s speaker', () => {
    const known = [
      { id: 'a', speakerId: 'a', text: 'We will ship the new model to every customer before the end of the year.' },
      { id: 'b', speakerId: 'b', text: 'We will ship the new model to every customer before the end of the month.' },
    ];
    const check = createQuoteChecker(known).check('We will ship the new model to every customer before the end of the month', 'a');
    expect(check).toMatchObject({ verdict: 'other-speaker', known: known[1] });
  });
});

describe('no verdict', () => {
  it('for a scare quote too short to be speech', () => {
    expect(checker.check('the same foundation', 'larry-li')).toBeNull();
    expect(checker.check('小型语言模型', 'abraham-daniels')).toBeNull();
  });

  it('for unrelated text', () => {
    expect(checker.check('The weather in Paris will be sunny and warm tomorrow afternoon.', 'larry-li')).toBeNull();
    expect(checker.check('我们今天讨论的是开源社区的发展方向和未来规划', 'kaoutar-el-maghraoui')).toBeNull();
  });

  it('across scripts: an English page quotation never matches a Chinese quote', () => {
    expect(checker.check('DeepSeek AI GPU GPU AI', 'kaoutar-el-maghraoui')).toBeNull();
    expect(checker.check('DeepSeek proved that the future of AI depends on who has the most powerful GPU')).toBeNull();
  });

  it('for an empty library', () => {
    expect(createQuoteChecker([]).check(OPEN_MODELS.text, 'larry-li')).toBeNull();
  });
});

describe('scale', () => {
  it('checks against thousands of quotes quickly', () => {
    // Common words shared by every quote, and a larger vocabulary where each quote differs.
    const common = 'the of and to a in that is for it'.split(' ');
    const words = [...common, ...Array.from({ length: 800 }, (_, i) => `word${i.toString(36)}`)];
    const known: KnownQuote[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % words.length;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 25 }, (_, k) => (k % 2 ? common[next() % common.length] : words[next()])).join(' ') + '.';
      known.push({ id: `q${i}`, speakerId: `s${i % 50}`, text });
    }
    known.push(OPEN_MODELS);
    const big = createQuoteChecker(known);
    const started = performance.now();
    for (let i = 0; i < 30; i++) {
      expect(
        big.check('Open models let every company build on the same foundation without asking anyone for permission', 'larry-li')?.verdict,
      ).toBe('verbatim');
      const quote = known[i * 97];
      expect(big.check(quote.text.split(' ').slice(3, 15).join(' '), quote.speakerId)).toMatchObject({ verdict: 'verbatim', known: quote });
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
