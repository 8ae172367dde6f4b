import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

/** Sentences of a one-paragraph text, as strings. */
function split(text: string): string[] {
  return splitSentences(text, [0, text.length]).map(([start, end]) => text.slice(start, end));
}

// The seed's paragraphs, one per line, as the seed reader gives them (the date prefix removed).
const seedParagraphs = readFileSync(new URL('../../seeds/000_bbac0297650de592.txt', import.meta.url), 'utf8')
  .replace(/^\s*date \d{4}-\d{2}-\d{2}\s*/, '')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const seedParagraph = (opening: string) => seedParagraphs.find((p) => p.startsWith(opening))!;

describe('splitSentences: Chinese', () => {
  it('ends sentences at 。！？ and keeps the marks', () => {
    expect(split(seedParagraph('当 DeepSeek-R1'))).toEqual([
      '当 DeepSeek-R1 于 1 月 20 日发布时，这款强大而高性价比的 AI 推理模型轰动了硅谷和华尔街。',
      '原因何在？',
      '它的推理能力可与 OpenAI、Anthropic 等公司的顶级模型媲美，但据报道其消耗的计算资源少得多，训练和使用成本也仅为前者一小部分。',
      '仅上个月，该模型在 Hugging Face 上的下载量就超过 80 万次。',
    ]);
  });

  it('keeps a quotation with its attribution and ends after a closing mark', () => {
    expect(split(seedParagraph('“这记警钟敲响了'))).toEqual([
      '“这记警钟敲响了，”帕洛阿尔托投资公司 AMINO Capital 的创始管理合伙人 Larry Li 最近在接受 IBM Think 采访时回忆道。',
      '他说，新技术常被“逆向工程”。',
      '“但没人预料到它能做得如此出色。”',
    ]);
    expect(split(seedParagraph('Cathay Innovation 旗下'))).toEqual([
      'Cathay Innovation 旗下 C.Lab 负责人 Matthieu Soulé 表示：“这正在打破‘美国作为全球唯一创新之地’的说法。”',
      'Cathay Innovation 是一家投资于欧盟及亚洲（包括中国）AI 创新的基金。',
    ]);
  });

  it('never splits inside a quotation of several sentences', () => {
    const paragraph = seedParagraph('冈原大辅在接受');
    expect(split(paragraph)).toEqual([paragraph]);
    expect(split(seedParagraph('01.AI 联合创始人'))).toEqual([
      '01.AI 联合创始人 Anita Huang 在接受 IBM Think 采访时表示：“我们采取务实的态度来看这些模型：它们确实足够优秀，但对于许多企业来说，使用起来仍不容易，这正是我们致力解决的问题。我们认为，尤其是针对中国企业市场，缺失的环节在于中间件层，它将成为与大型语言模型交互的窗口。”',
      '目前，他们的企业平台采用了 DeepSeek 与阿里巴巴 Qwen 等模型。',
    ]);
  });

  it('treats the seed’s mistyped closing “ as a closing mark', () => {
    const paragraph = seedParagraph('IBM 高级技术产品经理');
    expect(paragraph.endsWith('相当的能力。“')).toBe(true);
    expect(split(paragraph)).toEqual([paragraph]);
  });

  it('does not split inside tokens like 01.AI or C.Lab', () => {
    const sentences = split(seedParagraph('科技企业家兼风险投资人'));
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toContain('01.AI，希望开拓');
  });

  it('does not end a sentence at ；', () => {
    expect(split('他们很早就开始了；后来又加快了进度。下一句。')).toEqual(['他们很早就开始了；后来又加快了进度。', '下一句。']);
  });

  it('ends at an ASCII ? or ! followed directly by Chinese text', () => {
    expect(split('原因何在?它的推理能力很强!真的。')).toEqual(['原因何在?', '它的推理能力很强!', '真的。']);
  });

  it('keeps runs of terminators and closing brackets together', () => {
    expect(split('真的吗？！（他问。）然后呢')).toEqual(['真的吗？！', '（他问。）', '然后呢']);
  });

  it('splits every seed paragraph into sentences that cover it in order', () => {
    for (const paragraph of seedParagraphs) {
      const spans = splitSentences(paragraph, [0, paragraph.length]);
      expect(spans[0][0]).toBe(0);
      expect(spans.at(-1)![1]).toBe(paragraph.length);
      for (let i = 1; i < spans.length; i++) expect(paragraph.slice(spans[i - 1][1], spans[i][0]).trim()).toBe('');
    }
  });
});

describe('splitSentences: English', () => {
  it('ends at . ! ? before a capital', () => {
    expect(split('It rained. Then it stopped! Did it? Yes.')).toEqual(['It rained.', 'Then it stopped!', 'Did it?', 'Yes.']);
  });

  it('does not end before a lowercase word', () => {
    expect(split('Yahoo! is a company. The end.')).toEqual(['Yahoo! is a company.', 'The end.']);
    expect(split('It costs approx. five dollars.')).toEqual(['It costs approx. five dollars.']);
  });

  it('does not end after common abbreviations', () => {
    const text = 'Mr. Smith met Dr. Jones and Ms. Lee at Acme Inc. Headquarters on St. James Street. They left.';
    expect(split(text)).toEqual(['Mr. Smith met Dr. Jones and Ms. Lee at Acme Inc. Headquarters on St. James Street.', 'They left.']);
    expect(split('Big Corp. Ltd. Bought it. Then Acme vs. Zenith began.')).toEqual([
      'Big Corp. Ltd. Bought it.',
      'Then Acme vs. Zenith began.',
    ]);
    expect(split('See No. 5 and No. 6 in the list. Done.')).toEqual(['See No. 5 and No. 6 in the list.', 'Done.']);
  });

  it('does not end after dotted abbreviations or initials', () => {
    expect(split('The U.S. Government agreed. Fine.')).toEqual(['The U.S. Government agreed.', 'Fine.']);
    expect(split('Some models, e.g. Llama, i.e. Open ones, work.')).toEqual(['Some models, e.g. Llama, i.e. Open ones, work.']);
    expect(split('J. R. R. Tolkien wrote it. Others read it.')).toEqual(['J. R. R. Tolkien wrote it.', 'Others read it.']);
  });

  it('does not end inside decimals or dotted names', () => {
    expect(split('Version 3.5 of 01.AI shipped. It was fast.')).toEqual(['Version 3.5 of 01.AI shipped.', 'It was fast.']);
  });

  it('keeps quoted speech of several sentences in one sentence with its attribution', () => {
    expect(split('"It works. It is fast," Li said. Then he left.')).toEqual(['"It works. It is fast," Li said.', 'Then he left.']);
    expect(split('Li said: "It works. It is fast." Then he left.')).toEqual(['Li said: "It works. It is fast."', 'Then he left.']);
    expect(split('Li said: “It works. It is fast.” Then he left.')).toEqual(['Li said: “It works. It is fast.”', 'Then he left.']);
  });

  it('ends before a following quotation or Chinese text', () => {
    expect(split('He agreed. "Fine," he said.')).toEqual(['He agreed.', '"Fine," he said.']);
    expect(split('It ended. 然后呢')).toEqual(['It ended.', '然后呢']);
  });

  it('does not split anywhere after an unclosed quotation opens', () => {
    expect(split('Li said: "It works. It is fast. It is cheap.')).toEqual(['Li said: "It works. It is fast. It is cheap.']);
  });

  it('does not treat an ellipsis as an end', () => {
    expect(split('Wait... Then what?')).toEqual(['Wait... Then what?']);
  });
});

describe('splitSentences: spans', () => {
  it('returns absolute offsets inside the paragraph, trimmed', () => {
    const text = 'First paragraph.\n  Second one.  Third one.  \nLast.';
    const start = text.indexOf('  Second');
    const end = text.indexOf('\nLast');
    const spans = splitSentences(text, [start, end]);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Second one.', 'Third one.']);
    expect(spans[0][0]).toBe(text.indexOf('Second'));
  });

  it('returns nothing for a blank paragraph', () => {
    expect(splitSentences('   ', [0, 3])).toEqual([]);
  });
});
