import { describe, expect, it } from 'vitest';
import { paragraphsOf } from '../testing/text-spans';
import { closingMarkIndex, findQuotations, isSpeechQuote, SPEECH_MIN_HAN, SPEECH_MIN_LATIN_WORDS, type Quotation } from './quotation-marks';

function quotedWords(text: string): string[] {
  return findQuotations(text, [0, text.length]).map((q) => text.slice(q.start, q.end));
}

/** A quotation of a whole text, for classifying. */
function only(text: string): Quotation {
  const [quotation] = findQuotations(text, [0, text.length]);
  return quotation;
}

describe('findQuotations', () => {
  it('gives the words without marks and the marks’ positions', () => {
    const text = '他说：“很好。”然后走了。';
    const [quotation] = findQuotations(text, [0, text.length]);
    expect(text.slice(quotation.start, quotation.end)).toBe('很好。');
    expect(text[quotation.open]).toBe('“');
    expect(text.slice(quotation.open, quotation.close)).toBe('“很好。”');
    expect(closingMarkIndex(text, quotation)).toBe(text.indexOf('”'));
  });

  it('finds corner brackets, with 『』 nested in 「」 part of the outer quotation', () => {
    expect(quotedWords('他說：「我讀過『論語』的一部分。」又說「好」。')).toEqual(['我讀過『論語』的一部分。', '好']);
    expect(quotedWords('『单独的』引用')).toEqual(['单独的']);
  });

  it('pairs straight double quotes in order', () => {
    expect(quotedWords('Li said "it works" and Lee said "it does not".')).toEqual(['it works', 'it does not']);
  });

  it('keeps nested single quotes inside the outer quotation', () => {
    const text = 'Cathay Innovation 旗下 C.Lab 负责人 Matthieu Soulé 表示：“这正在打破‘美国作为全球唯一创新之地’的说法。”';
    expect(quotedWords(text)).toEqual(['这正在打破‘美国作为全球唯一创新之地’的说法。']);
    expect(quotedWords('"He called it \'a moat\' twice," she said.')).toEqual(["He called it 'a moat' twice,"]);
  });

  it('reads top-level ‘…’ (British usage) but not straight single quotes, and skips apostrophes', () => {
    expect(quotedWords("所谓‘护城河’和 'moat'")).toEqual(['护城河']);
    expect(quotedWords('Lee said: ‘We don’t need Lee’s GPUs to win.’ Then he left.')).toEqual(['We don’t need Lee’s GPUs to win.']);
    expect(quotedWords('the models’ weights and ‘open’ licences')).toEqual(['open']);
  });

  it('reads guillemets', () => {
    expect(quotedWords('Il a dit : « Les modèles ouverts gagnent. »')).toEqual(['Les modèles ouverts gagnent.']);
  });

  it('keeps nested curly quotes inside the outer quotation', () => {
    expect(quotedWords('“他问我，“你去吗？”我没回答。”她说。')).toEqual(['他问我，“你去吗？”我没回答。']);
  });

  it('never takes 《…》 titles for quotations', () => {
    expect(quotedWords('日本近期颁布了《AI 促进法》。')).toEqual([]);
    expect(quotedWords('正如 Chris Hay 在《Mixture of Experts》中所言：“运行代理时，你希望模型小巧。”')).toEqual([
      '运行代理时，你希望模型小巧。',
    ]);
  });

  it('closes at the seed’s mistyped “ after sentence punctuation', () => {
    const text =
      'IBM 高级技术产品经理 Abraham Daniels 在采访中表示：“开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。“';
    const [quotation] = findQuotations(text, [0, text.length]);
    expect(text.slice(quotation.start, quotation.end)).toBe('开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。');
    expect(quotation.close).toBe(text.length);
    expect(closingMarkIndex(text, quotation)).toBe(text.length - 1);
  });

  it('closes at a mistyped “ after punctuation in mid-paragraph when no ” follows it', () => {
    expect(quotedWords('他说：“很好。“然后走了，“再见”')).toEqual(['很好。', '再见']);
  });

  it('runs an unclosed quotation to the paragraph end, not beyond', () => {
    const text = '他说：“第一段还没有结束\n下一段。“另一个”';
    const paragraphs = paragraphsOf(text);
    const [quotation] = findQuotations(text, paragraphs[0]);
    expect(text.slice(quotation.start, quotation.end)).toBe('第一段还没有结束');
    expect(quotation.close).toBe(paragraphs[0][1]);
    expect(closingMarkIndex(text, quotation)).toBe(-1);
    expect(findQuotations(text, paragraphs[1]).map((q) => text.slice(q.start, q.end))).toEqual(['另一个']);
  });

  it('ignores stray closing marks and empty quotations, trims spaces inside marks', () => {
    expect(quotedWords('坏了”的标记和“”空引号，以及“ 空格 ”')).toEqual(['空格']);
    expect(quotedWords('A stray ” here and " spaced words "')).toEqual(['spaced words']);
  });

  it('finds quotations only inside the given paragraph, with absolute offsets', () => {
    const text = '“外面”\n里面“这里”';
    const paragraphStart = text.indexOf('里');
    expect(findQuotations(text, [paragraphStart, text.length])).toEqual([{ start: 8, end: 10, open: 7, close: 11 }]);
  });
});

describe('isSpeechQuote', () => {
  it('takes the seed’s scare-quoted terms for terms', () => {
    for (const text of ['新技术常被“逆向工程”。', '她所称的“架构效率”，', '无法追赶的“护城河”或领先优势'])
      expect(isSpeechQuote(text, only(text))).toBe(false);
  });

  it(`takes ${SPEECH_MIN_HAN} Han characters or ${SPEECH_MIN_LATIN_WORDS} Latin words for a statement`, () => {
    const han = '虽然“人们意识到创新可能来自意想不到的地方”值得肯定';
    expect(isSpeechQuote(han, only(han))).toBe(true);
    expect(isSpeechQuote('“一二三四五六七八九”', only('“一二三四五六七八九”'))).toBe(false);
    expect(isSpeechQuote('“一二三四五六七八九十”', only('“一二三四五六七八九十”'))).toBe(true);
    expect(isSpeechQuote('the "open weights for every model" idea', only('the "open weights for every model" idea'))).toBe(true);
    expect(isSpeechQuote('the "open weights for everyone" idea', only('the "open weights for everyone" idea'))).toBe(false);
  });

  it('counts both scripts in mixed text', () => {
    // 6 Han characters (0.6) and 2 Latin words (0.4) make a statement.
    const text = '“DeepSeek 开启了 AI 竞赛之路”';
    expect(isSpeechQuote(text, only(text))).toBe(true);
    expect(isSpeechQuote('“OpenAI o1 模型”', only('“OpenAI o1 模型”'))).toBe(false);
    // Numbers are not words: 4 Han characters and no words is a term.
    expect(isSpeechQuote('“2024 年 3 月 15 日发布”', only('“2024 年 3 月 15 日发布”'))).toBe(false);
  });

  it('takes a short quotation with its own clause punctuation for speech', () => {
    const text = '“这记警钟敲响了，”Larry Li 回忆道。';
    expect(isSpeechQuote(text, only(text))).toBe(true);
    expect(isSpeechQuote('"It works," Li said.', only('"It works," Li said.'))).toBe(true);
    // English puts a term's comma inside the marks too.
    expect(isSpeechQuote('a so-called "moat," which', only('a so-called "moat," which'))).toBe(false);
  });

  it('takes a quotation introduced by a colon for speech', () => {
    expect(isSpeechQuote('Li said: "Yes"', only('Li said: "Yes"'))).toBe(true);
    expect(isSpeechQuote('他表示：“同意”', only('他表示：“同意”'))).toBe(true);
  });
});
