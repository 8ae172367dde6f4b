// The fold step is written once (fold.ts: foldUnit, foldText) and copied on purpose into two hot loops that
// must not make a string or call back per unit: the automaton's scan (an ASCII table, inlined collapsing)
// and the case rule's comparison (foldedEquals). These properties tie each copy to the reference.
import { describe, expect, it } from 'vitest';
import { ASCII_FOLD, compileAutomaton, createMatchBuffer, scanInto } from './automaton';
import { foldText, foldUnit } from './fold';
import { foldedEquals } from './matcher';

// Deterministic pseudo-random text over the units that fold differently: ASCII letters and spaces, controls,
// accents, dashes, full-width forms, zero-width and soft hyphens, CJK and kana.
const ALPHABET = [...'aAbBzZ01 -.\t\n\réÉüÜ–—‐ＡＢａｂ１\u200b\u00ad\u3000中文松下カナー，。'];
function randomText(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += ALPHABET[state % ALPHABET.length];
  }
  return text;
}

describe('the fold step’s hot-path copies agree with fold.ts', () => {
  it('the automaton’s ASCII table is foldUnit for every ASCII unit', () => {
    for (let unit = 0; unit < 128; unit++) expect(ASCII_FOLD[unit], `U+${unit.toString(16)}`).toBe(foldUnit(unit));
  });

  it('foldedEquals(text) holds exactly for foldText(text, keepCase) on texts that end in a non-space', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, 1 + (seed % 17)).replace(/[\s\u3000\u200b\u00ad]+$/u, '') + 'x';
      const folded = foldText(text, true);
      expect(foldedEquals(text, 0, text.length, folded), JSON.stringify(text)).toBe(true);
      expect(foldedEquals(text, 0, text.length, folded + 'x'), JSON.stringify(text)).toBe(false);
      const other = foldText(randomText(seed + 1000, 1 + (seed % 17)) + 'x', true);
      expect(foldedEquals(text, 0, text.length, other), `${JSON.stringify(text)} vs ${JSON.stringify(other)}`).toBe(other === folded);
    }
  });

  it('the scan finds a pattern in raw text exactly where it is in the folded text', () => {
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const patterns = [randomText(seed * 7, 2), randomText(seed * 13, 3), 'ab', '中文']
        .map((p) => p.trim())
        .filter((p) => foldText(p) !== '');
      const automaton = compileAutomaton(patterns);
      const text = randomText(seed, 60);
      const buffer = createMatchBuffer();
      const count = scanInto(automaton, text, buffer);
      // Reference: every occurrence of every folded pattern in the folded text, counted.
      const foldedText = foldText(text);
      let expected = 0;
      for (const group of new Set(patterns.map((p) => foldText(p)))) {
        for (let at = foldedText.indexOf(group); at >= 0; at = foldedText.indexOf(group, at + 1)) expected++;
      }
      expect(count, JSON.stringify({ text, patterns })).toBe(expected);
      found += count;
    }
    // The texts are random: make sure they did hold occurrences to compare.
    expect(found).toBeGreaterThan(100);
  });
});
