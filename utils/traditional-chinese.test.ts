import { describe, expect, it } from 'vitest';
import { simplifiedUnit, toSimplified } from './traditional-chinese';

describe('toSimplified', () => {
  it('reads Taiwan and Hong Kong writing as Simplified, character for character', () => {
    const traditional = '深度求索、阿里巴巴、通義千問、零一萬物、李開復、三菱電機、開源、強化學習';
    const simplified = toSimplified(traditional);
    expect(simplified).toBe('深度求索、阿里巴巴、通义千问、零一万物、李开复、三菱电机、开源、强化学习');
    expect(simplified).toHaveLength(traditional.length);
  });

  it('composes the regional variant forms onto the standard table', () => {
    // 臺 (standard Traditional), 爲/為 (Taiwan's form), 衞 (Hong Kong's form of 衛).
    expect(toSimplified('臺灣 爲 為 衞 衛')).toBe('台湾 为 为 卫 卫');
  });

  it('leaves Simplified text, other scripts and astral characters unchanged', () => {
    for (const text of ['李开复表示', 'DeepSeek-R1 and Qwen', 'カタカナ と ひらがな', '𠀀𪚥 😀', '']) {
      expect(toSimplified(text)).toBe(text);
    }
  });

  it('maps single units only: a character outside the table is itself', () => {
    expect(simplifiedUnit('A'.charCodeAt(0))).toBe(0x41);
    expect(simplifiedUnit('开'.charCodeAt(0))).toBe('开'.charCodeAt(0));
    expect(simplifiedUnit('開'.charCodeAt(0))).toBe('开'.charCodeAt(0));
  });
});
