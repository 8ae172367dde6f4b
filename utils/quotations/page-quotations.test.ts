import { describe, expect, it } from 'vitest';
import { findPageQuotations, type RunPeople } from './page-quotations';

/** A run with its people found by their names (as the matcher would). */
function run(text: string, names: Record<string, string> = {}): RunPeople {
  const people = Object.entries(names).flatMap(([name, entity]) => {
    const start = text.indexOf(name);
    return start >= 0 ? [{ start, end: start + name.length, entity }] : [];
  });
  return { text, people };
}

const quoted = (current: RunPeople, previous?: RunPeople) =>
  findPageQuotations(current, previous).map((q) => ({
    words: current.text.slice(q.start, q.end),
    mark: current.text.slice(q.markStart, q.markEnd),
    speakerId: q.speakerId,
  }));

describe('findPageQuotations', () => {
  it('costs one test on a run without an opening mark', () => {
    expect(findPageQuotations(run('Kai-Fu Lee said nothing today.'))).toEqual([]);
  });

  it('finds speech with its speaker before or after, and the closing mark', () => {
    const text = 'Larry Li said: "Open models let every company build on the same foundation." Then he left.';
    expect(quoted(run(text, { 'Larry Li': 'larry-li' }))).toEqual([
      { words: 'Open models let every company build on the same foundation.', mark: '"', speakerId: 'larry-li' },
    ]);
    const zh = '“这记警钟敲响了，我们必须加快脚步。”李开复表示。';
    expect(quoted(run(zh, { 李开复: 'kai-fu-lee' }))).toEqual([
      { words: '这记警钟敲响了，我们必须加快脚步。', mark: '”', speakerId: 'kai-fu-lee' },
    ]);
  });

  it('leaves scare quotes out and keeps a quotation nobody is given', () => {
    const text = 'The so-called “moat” is gone. “Every company will run its own model on its own data,” the report says.';
    expect(quoted(run(text))).toEqual([
      { words: 'Every company will run its own model on its own data,', mark: '”', speakerId: undefined },
    ]);
  });

  it('resolves a pronoun to the person named in the run before', () => {
    const previous = run('Kai-Fu Lee founded 01.AI in 2023.', { 'Kai-Fu Lee': 'kai-fu-lee' });
    const current = run('He said: “We will build models for companies, not for benchmarks.”');
    expect(quoted(current, previous)).toEqual([
      { words: 'We will build models for companies, not for benchmarks.', mark: '”', speakerId: 'kai-fu-lee' },
    ]);
    expect(quoted(current)[0].speakerId).toBeUndefined();
  });

  it('marks the last character of a quotation left open', () => {
    const text = 'Li said: “Open models let every company build on the same foundation';
    expect(quoted(run(text, { Li: 'larry-li' }))).toEqual([
      { words: 'Open models let every company build on the same foundation', mark: 'n', speakerId: 'larry-li' },
    ]);
  });
});
