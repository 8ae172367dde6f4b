import { describe, expect, it } from 'vitest';
import { compileAutomaton, scanAutomaton } from './automaton';

function scanAll(patterns: string[], text: string): string[] {
  const automaton = compileAutomaton(patterns);
  const found: string[] = [];
  scanAutomaton(automaton, text, (start, end, group) => {
    for (const p of group) found.push(`${start}:${end}:${p}`);
  });
  return found.sort();
}

function naive(patterns: string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((pattern, p) => {
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
      found.push(`${at}:${at + pattern.length}:${p}`);
    }
  });
  return found.sort();
}

// A small deterministic generator: the same cases on every run.
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('compileAutomaton / scanAutomaton', () => {
  it('finds exactly what a naive search finds, on random overlapping patterns', () => {
    const next = random(42);
    const alphabet = 'abc松下';
    const word = (length: number) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + Math.floor(next() * 8) }, () => word(1 + Math.floor(next() * 4))))];
      const text = word(Math.floor(next() * 60));
      expect(scanAll(patterns, text)).toEqual(naive(patterns, text));
    }
  });

  it('groups patterns that fold to the same text', () => {
    expect(scanAll(['Meta', 'meta'], 'x meta')).toEqual(['2:6:0', '2:6:1']);
  });

  it('maps offsets back across collapsed white space and skipped characters', () => {
    expect(scanAll(['kai-fu lee'], 'Kai-Fu \n\t Lee')).toEqual(['0:13:0']);
    expect(scanAll(['deepseek'], 'Deep\u200bSeek')).toEqual(['0:9:0']);
  });

  it('handles an empty pattern list and empty patterns', () => {
    expect(scanAll([], 'anything')).toEqual([]);
    expect(scanAll(['', 'a'], 'a')).toEqual(['0:1:1']);
  });

  it('scales: 20,000 patterns compile and scan', () => {
    const patterns = Array.from({ length: 20_000 }, (_, i) => `name${i.toString(36)}x`);
    const text = 'prefix name1x and namezzx and name7pgx '.repeat(100);
    const automaton = compileAutomaton(patterns);
    let count = 0;
    scanAutomaton(automaton, text, () => count++);
    expect(count).toBe(300);
  });
});
