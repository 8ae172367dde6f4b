import { describe, expect, it } from 'vitest';
import { pushWrittenForms, writtenForms } from './written-forms';

describe('writtenForms', () => {
  it('makes each separator between two words optional', () => {
    expect(writtenForms('Hugging Face')).toEqual(['Hugging Face', 'HuggingFace']);
    expect(writtenForms('01.AI')).toEqual(['01.AI', '01AI']);
    expect(writtenForms('AI 联盟')).toEqual(['AI 联盟', 'AI联盟']);
    expect(writtenForms('Kai-Fu Lee')).toEqual(['Kai-Fu Lee', 'KaiFu Lee', 'Kai-FuLee', 'KaiFuLee']);
  });

  it('keeps a one-word name and separators at the edges as they are', () => {
    expect(writtenForms('OpenAI')).toEqual(['OpenAI']);
    expect(writtenForms('U.S.')).toEqual(['U.S.']);
    expect(writtenForms('C.Lab')).toEqual(['C.Lab']);
    expect(writtenForms('-x')).toEqual(['-x']);
  });

  it('joins a long name all at once or not at all', () => {
    expect(writtenForms('DeepSeek-R1-Distill-Qwen')).toEqual(['DeepSeek-R1-Distill-Qwen', 'DeepSeekR1DistillQwen']);
  });

  it('reads separators, letters and initialisms as the regular expressions it replaced did', () => {
    // The earlier implementation (regular expressions over the alias), kept as the reference.
    const SEPARATORS = /[\s\-\u2010-\u2013\u2212\ufe63\uff0d.\u00b7\u30fb]+/g;
    const letterOrDigit = (char: string): boolean => {
      const code = char.charCodeAt(0);
      if (Number.isNaN(code)) return false;
      if (code < 0x80) return /[0-9A-Za-z]/.test(char);
      if (code <= 0xbf || (code >= 0x2000 && code <= 0x2bff)) return false;
      if (code >= 0x3000 && code <= 0x303f) return code === 0x3005 || code === 0x3006;
      if (code >= 0xff00 && code <= 0xffef) return /[０-９Ａ-Ｚａ-ｚ]/.test(char);
      return !/\s/.test(char);
    };
    const reference = (alias: string): string[] => {
      const gaps = [...alias.matchAll(SEPARATORS)]
        .map((m) => ({ start: m.index, end: m.index + m[0].length }))
        .filter(({ start, end }) => letterOrDigit(alias[start - 1] ?? '') && letterOrDigit(alias[end] ?? ''))
        .filter(
          ({ start, end }) =>
            alias.slice(start, end) !== '.' || (letterOrDigit(alias[start - 2] ?? '') && letterOrDigit(alias[end + 1] ?? '')),
        );
      const drops = gaps.length <= 2 ? Array.from({ length: (1 << gaps.length) - 1 }, (_, i) => i + 1) : [(1 << gaps.length) - 1];
      const forms = new Set([alias]);
      for (const drop of drops) {
        let form = '';
        let from = 0;
        gaps.forEach((gap, i) => {
          if (drop & (1 << i)) {
            form += alias.slice(from, gap.start);
            from = gap.end;
          }
        });
        forms.add(form + alias.slice(from));
      }
      return [...forms];
    };
    const aliases: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      aliases.push(`ab${c}cd`, `a.${c}b`, `x${c}-y`, `中${c}文`);
    }
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [...'aB1.-  \t·・\u2011\u2212\ufe63\uff0d\u3000\u00a0\ufeff中々。ＡＢ１é'];
    for (let i = 0; i < 20_000; i++) {
      aliases.push(Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    }
    const differ = aliases.filter((alias) => JSON.stringify(writtenForms(alias)) !== JSON.stringify(reference(alias)));
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('pushes the same forms onto a list, and says how many', () => {
    const forms = ['before'];
    expect(pushWrittenForms('Kai-Fu Lee', forms)).toBe(4);
    expect(pushWrittenForms('OpenAI', forms)).toBe(1);
    expect(forms).toEqual(['before', ...writtenForms('Kai-Fu Lee'), 'OpenAI']);
  });
});
