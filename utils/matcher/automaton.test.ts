import { describe, expect, it } from 'vitest';
import bundled from '../../data/matcher.json';
import type { CompiledTrie, MatcherData } from '../types';
import { automatonFromTrie, compileAutomaton, compileTrie, scanAutomaton } from './automaton';
import { foldText, foldTextWithOffsets } from './fold';
import { writtenForms } from './written-forms';

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

  // The reference: every occurrence of every folded pattern in the folded text, found with indexOf, mapped
  // back to the original text; patterns that fold alike reported together, in index order.
  function reference(patterns: string[], text: string): string[] {
    const groups = new Map<string, number[]>();
    patterns.forEach((pattern, index) => {
      const folded = foldText(pattern);
      if (folded !== '') groups.set(folded, [...(groups.get(folded) ?? []), index]);
    });
    const { folded, at } = foldTextWithOffsets(text);
    const origin: number[] = []; // origin[j]: the unit of `text` that folded unit j came from
    for (let i = 0; i < text.length; i++) if (at[i + 1] > at[i]) origin[at[i]] = i;
    const found: string[] = [];
    for (const [pattern, group] of groups) {
      for (let j = folded.indexOf(pattern); j >= 0; j = folded.indexOf(pattern, j + 1)) {
        found.push(`${origin[j]}:${origin[j + pattern.length - 1] + 1}:${group.join(',')}`);
      }
    }
    return found.sort();
  }

  function scanned(automaton: ReturnType<typeof compileAutomaton>, text: string): string[] {
    const found: string[] = [];
    scanAutomaton(automaton, text, (start, end, group) => found.push(`${start}:${end}:${group.join(',')}`));
    return found.sort();
  }

  // Name-like patterns with the shapes that matter to the build: shared prefixes (syllables), one a prefix of
  // another, patterns folded alike (case, hyphen or space, full-width, Traditional Chinese), CJK, empty ones.
  function syntheticCase(seed: number, count: number) {
    const next = random(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const syllables = ['ka', 'ki', 'ra', 'ron', 'sta', 'sh', 'i', 'o', 'x', 'zu', 'Ka', 'Ra'];
    const han = [...'松下中文開开联盟華华'];
    const word = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(syllables)).join('');
    const patterns: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = next();
      if (r < 0.15) patterns.push(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(han)).join(''));
      else if (r < 0.2 && patterns.length > 0) {
        // A variant of an earlier pattern: the same once folded, or one unit longer.
        const earlier = pick(patterns);
        patterns.push(pick([earlier.toUpperCase(), earlier.replace(/ /g, '-'), `${earlier}${pick(syllables)}`, `Ｘ${earlier}`]));
      } else if (r < 0.21) patterns.push(pick(['', ' ', '\u00ad']));
      else patterns.push(next() < 0.5 ? word() : `${word()} ${word()}`);
    }
    const pieces = [...patterns.slice(0, 200), ...syllables, ...han, ' ', '  ', '-', 'Ｋａ', '\u200b', '開發', 'x'];
    const texts = Array.from({ length: 30 }, () => Array.from({ length: 300 }, () => pick(pieces)).join(''));
    return { patterns, texts };
  }

  it('finds what a reference search finds, on a few thousand random name-like patterns', () => {
    for (const seed of [7, 8, 9]) {
      const { patterns, texts } = syntheticCase(seed, 3000);
      const automaton = compileAutomaton(patterns);
      let total = 0;
      for (const text of texts) {
        const expected = reference(patterns, text);
        expect(scanned(automaton, text)).toEqual(expected);
        total += expected.length;
      }
      expect(total).toBeGreaterThan(10_000); // the texts did hold matches to compare
    }
  });

  it('finds the same whatever order its states are first reached in (fail links are made on first reach)', () => {
    const { patterns, texts } = syntheticCase(11, 2000);
    const forward = compileAutomaton(patterns);
    const backward = compileAutomaton(patterns);
    const found = texts.map((text) => scanned(forward, text));
    for (let t = texts.length - 1; t >= 0; t--) expect(scanned(backward, texts[t])).toEqual(found[t]);
    expect(texts.map((text) => scanned(forward, text))).toEqual(found);
  });

  it('links long fail chains on first reach: every suffix of a long name', () => {
    const next = random(3);
    const name = Array.from({ length: 300 }, () => 'ab'[Math.floor(next() * 2)]).join('');
    const patterns = Array.from({ length: name.length }, (_, i) => name.slice(i));
    const text = `x${name}x${name.slice(100)}`;
    expect(scanned(compileAutomaton(patterns), text)).toEqual(reference(patterns, text));
  });

  // A large catalog gets dense rows a few levels deep (deepAscii), over the ASCII units its patterns use: made
  // from fail links at build time, so they must say what following edges and fail links says, for every unit.
  function largeCase(seed: number, count: number) {
    // random() repeats too soon for 20,000 patterns: a 32-bit generator (mulberry32).
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const syllables = [...'bdgklmnrstvzBK'].flatMap((c) => ['a', 'ai', 'e', 'i', 'o', 'u'].map((v) => c + v));
    syllables.push('st', 'b.', "o'", '9', 'x');
    const others = [...'松下中華华', '𠮷', 'é', 'ß'];
    const word = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => (next() < 0.05 ? pick(others) : pick(syllables))).join('');
    const patterns = Array.from({ length: count }, () => (next() < 0.6 ? word() : `${word()} ${word()}`));
    const pieces = [...syllables, ...others, ' ', '-', 'Ｋａ', '\u200b', 'the ', 'q', '!'];
    const texts = Array.from({ length: 20 }, () => Array.from({ length: 400 }, () => pick(pieces)).join(''));
    return { patterns, texts };
  }

  it('gives a large catalog deep dense rows, and they agree with its edges and fail links', () => {
    const { patterns } = largeCase(5, 20_000);
    const automaton = compileAutomaton(patterns);
    const { states, edgeChars, denseStates, deepEnd, deepAscii, deepWidth, asciiClass } = automaton;
    expect(deepEnd - denseStates - 1).toBeGreaterThan(1000); // several levels of deep rows
    // The transition as the sparse layout gives it: a linear search of the edges, then the fail link.
    const follow = (state: number, unit: number): number => {
      for (;;) {
        for (let e = states[4 * state]; e < states[4 * state + 1]; e++) if (edgeChars[e] === unit) return e + 1;
        if (state === 0) return 0;
        state = states[4 * state + 2];
      }
    };
    const wrong: string[] = [];
    for (let s = denseStates + 1; s < deepEnd; s++) {
      for (let unit = 0; unit < 128; unit++) {
        const row = deepAscii[(s - denseStates - 1) * deepWidth + asciiClass[unit]];
        if (row !== follow(s, unit)) wrong.push(`${s} × ${unit}: ${row}, not ${follow(s, unit)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('finds what a reference search finds with a large catalog (deep rows), CJK and astral units among its patterns', () => {
    const { patterns, texts } = largeCase(6, 20_000);
    const automaton = compileAutomaton(patterns);
    expect(automaton.deepEnd).toBeGreaterThan(automaton.denseStates + 1);
    let total = 0;
    for (const text of texts) {
      const expected = reference(patterns, text);
      expect(scanned(automaton, text)).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(5_000);
  });

  it('gives the folded length of each pattern when asked', () => {
    const patterns = ['Kai-Fu  Lee', '', ' \u00ad ', 'ＡＢ', '開發'];
    const lengths = new Int32Array(patterns.length);
    compileAutomaton(patterns, lengths);
    expect([...lengths]).toEqual(patterns.map((pattern) => foldText(pattern).length));
  });
});

describe('compileTrie / automatonFromTrie: the trie the index build stores', () => {
  const layOut = (patterns: string[]) => {
    const stored = JSON.parse(JSON.stringify(compileTrie(patterns))) as CompiledTrie;
    const built = new Int32Array(patterns.length);
    const laidOut = new Int32Array(patterns.length);
    return { built: compileAutomaton(patterns, built), laidOut: automatonFromTrie(stored, laidOut), stored, lengths: [built, laidOut] };
  };

  it('lays out, after a JSON round trip, the very automaton compileAutomaton builds (every array, group and length)', () => {
    const patterns = [
      'DeepSeek',
      'DeepSeek-R1',
      'deepseek',
      'Deep Seek',
      '李开复',
      '李開復',
      '零一万物',
      '𠮷野家', // astral: a surrogate pair is two edges
      '   ', // folds to nothing
      'IBM',
      'ibm',
      'I.B.M.',
      'Hugging Face',
      'HuggingFace',
      'a',
    ];
    const { built, laidOut, lengths } = layOut(patterns);
    expect(laidOut).toEqual(built);
    expect(lengths[1]).toEqual(lengths[0]);
  });

  it('the bundled names’ written forms and a large synthetic catalog: the same automaton', () => {
    const bundledForms = (bundled as unknown as MatcherData).aliases.flatMap((alias) => writtenForms(alias.text));
    const synthetic = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? `名字${String.fromCharCode(0x4e00 + i)}` : `Name${i} Labs`));
    for (const patterns of [bundledForms, synthetic]) {
      const { built, laidOut } = layOut(patterns);
      expect(laidOut).toEqual(built);
    }
  });

  it('is a copy: ordering the automaton’s groups leaves the stored trie as it was', () => {
    const stored = compileTrie(['ab', 'AB', 'Ab']);
    const before = JSON.stringify(stored);
    automatonFromTrie(stored).groups[0].reverse();
    expect(JSON.stringify(stored)).toBe(before);
  });
});
