import { describe, expect, it } from 'vitest';
import { GlossInputError, lineOfOffset } from './errors';

describe('GlossInputError', () => {
  it('prefixes the message with file and line', () => {
    const error = new GlossInputError('"date 2025-13-45" is not a valid date', 'seeds/x.txt', 3);
    expect(error.message).toBe('seeds/x.txt:3: "date 2025-13-45" is not a valid date');
    expect(error.file).toBe('seeds/x.txt');
    expect(error.line).toBe(3);
    expect(error.reason).toBe('"date 2025-13-45" is not a valid date');
    expect(error.name).toBe('GlossInputError');
    expect(error).toBeInstanceOf(Error);
  });

  it('leaves the line out when it is not known', () => {
    const error = new GlossInputError('is empty', 'seeds/x.txt');
    expect(error.message).toBe('seeds/x.txt: is empty');
    expect(error.line).toBeUndefined();
  });
});

describe('lineOfOffset', () => {
  it('counts lines from 1', () => {
    const text = 'one\ntwo\nthree';
    expect(lineOfOffset(text, 0)).toBe(1);
    expect(lineOfOffset(text, 3)).toBe(1);
    expect(lineOfOffset(text, 4)).toBe(2);
    expect(lineOfOffset(text, text.indexOf('three'))).toBe(3);
  });

  it('counts CRLF and a lone CR as one break each', () => {
    expect(lineOfOffset('a\r\nb\rc', 3)).toBe(2);
    expect(lineOfOffset('a\r\nb\rc', 5)).toBe(3);
  });

  it('clamps offsets outside the text', () => {
    expect(lineOfOffset('a\nb', -5)).toBe(1);
    expect(lineOfOffset('a\nb', 99)).toBe(2);
  });
});
