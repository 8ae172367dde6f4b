import { describe, expect, it } from 'vitest';
import { anchorPassage, textQuoteSelector } from './anchoring';

const TEXT = '他说：“开放很重要。”后来她也说：“开放很重要。”最后他们都同意。';

describe('anchorPassage', () => {
  it('uses the offsets when they still point at the exact text', () => {
    const start = TEXT.lastIndexOf('开放很重要');
    expect(anchorPassage(TEXT, { start, end: start + 5, exact: '开放很重要' })).toEqual({ start, end: start + 5 });
  });

  it('falls back to the first occurrence when offsets are missing and there is no context', () => {
    const start = TEXT.indexOf('开放很重要');
    expect(anchorPassage(TEXT, { exact: '开放很重要' })).toEqual({ start, end: start + 5 });
  });

  it('prefers the occurrence whose prefix matches when offsets drifted', () => {
    const second = TEXT.lastIndexOf('开放很重要');
    expect(anchorPassage(TEXT, { start: 3, end: 8, exact: '开放很重要', prefix: '后来她也说：“' })).toEqual({
      start: second,
      end: second + 5,
    });
  });

  it('prefers the occurrence whose suffix matches', () => {
    const second = TEXT.lastIndexOf('开放很重要');
    expect(anchorPassage(TEXT, { exact: '开放很重要', suffix: '。”最后' })).toEqual({ start: second, end: second + 5 });
  });

  it('breaks ties by distance to the stored offset', () => {
    const text = 'ab x ab x ab';
    expect(anchorPassage(text, { start: 6, end: 9, exact: 'ab' })).toEqual({ start: 5, end: 7 });
  });

  it('ignores offsets that are out of range or not integers', () => {
    expect(anchorPassage('hello world', { start: 50, end: 55, exact: 'world' })).toEqual({ start: 6, end: 11 });
    expect(anchorPassage('hello world', { start: -1, end: 4, exact: 'hell' })).toEqual({ start: 0, end: 4 });
    expect(anchorPassage('hello world', { start: 0.5, end: 4, exact: 'hell' })).toEqual({ start: 0, end: 4 });
  });

  it('returns undefined when the exact text is nowhere, or empty', () => {
    expect(anchorPassage(TEXT, { exact: '封闭' })).toBeUndefined();
    expect(anchorPassage(TEXT, { start: 0, end: 0, exact: '' })).toBeUndefined();
  });

  it('matches partial context better than none', () => {
    const text = 'one alpha two alpha three';
    // The prefix only partly agrees with the second occurrence, not at all with the first.
    expect(anchorPassage(text, { exact: 'alpha', prefix: 'XXtwo ' })).toEqual({ start: 14, end: 19 });
  });
});

describe('textQuoteSelector', () => {
  const text = 'abcdefghij0123456789';

  it('takes up to `context` units either side', () => {
    expect(textQuoteSelector(text, 10, 12, 4)).toEqual({ prefix: 'ghij', suffix: '2345' });
    expect(textQuoteSelector(text, 2, 18, 4)).toEqual({ prefix: 'ab', suffix: '89' });
  });

  it('defaults to 32 units', () => {
    const long = 'x'.repeat(50) + 'QUOTE' + 'y'.repeat(50);
    const { prefix, suffix } = textQuoteSelector(long, 50, 55);
    expect(prefix).toBe('x'.repeat(32));
    expect(suffix).toBe('y'.repeat(32));
  });

  it('does not cut a surrogate pair at either edge', () => {
    const emoji = '😀'; // two UTF-16 units
    const withPairs = `${emoji}ab[quote]cd${emoji}`;
    const start = withPairs.indexOf('[');
    const end = withPairs.indexOf(']') + 1;
    // 3 units before the quote reach into the middle of the first pair.
    expect(textQuoteSelector(withPairs, start, end, 3)).toEqual({ prefix: 'ab', suffix: 'cd' });
    expect(textQuoteSelector(withPairs, start, end, 4)).toEqual({ prefix: `${emoji}ab`, suffix: `cd${emoji}` });
  });
});
