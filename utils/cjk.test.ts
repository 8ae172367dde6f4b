import { describe, expect, it } from 'vitest';
import { CJK_CLASS, hasCjk, isCjkChar } from './cjk';

describe('CJK', () => {
  it('counts Han, kana, Hangul and the marks written inside their words', () => {
    for (const char of ['中', '々', '〆', 'か', 'カ', 'ー', '한', '𠀀']) expect(isCjkChar(char), char).toBe(true);
    for (const char of ['a', 'é', '1', '，', '。', '「', 'Ａ', ' ', '', '😀']) expect(isCjkChar(char), char).toBe(false);
  });

  it('hasCjk finds one anywhere in a text', () => {
    expect(hasCjk('DeepSeek-R1 模型')).toBe(true);
    expect(hasCjk('DeepSeek-R1, 2025。')).toBe(false);
  });

  it('the fast path below U+1100 agrees with the character class for every unit it skips', () => {
    const full = new RegExp(`[${CJK_CLASS}]`, 'u');
    for (let unit = 0; unit < 0x1100; unit++) expect(full.test(String.fromCharCode(unit))).toBe(false);
  });
});
