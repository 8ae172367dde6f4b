import { describe, expect, it } from 'vitest';
import { GlossInputError } from './errors';
import { jsonErrorOffset, parseJsonInput } from './json-input';

describe('jsonErrorOffset', () => {
  it('is -1 for every valid JSON text', () => {
    for (const text of ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n"', 'true', 'null', ' {"a": [1, {"b": false}], "c": "x"} ', '[[[[]]]]']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonErrorOffset(text), text).toBe(-1);
    }
  });

  it('is the offset of the first unexpected character', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('"\\q"')).toBe(2);
    expect(jsonErrorOffset('[01]')).toBe(2);
  });

  it('handles nesting far deeper than a call stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(jsonErrorOffset(deep)).toBe(-1);
    expect(jsonErrorOffset('['.repeat(200_000) + 'x')).toBe(200_000);
  });
});

describe('parseJsonInput', () => {
  it('parses, or names the file and line of the first syntax error', () => {
    expect(parseJsonInput('{"a": [1]}', 'x.json')).toEqual({ a: [1] });
    let error: unknown;
    try {
      parseJsonInput('{\n  "a": 1,\n  "b": z\n}', 'data/x.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GlossInputError);
    expect((error as Error).message).toBe('data/x.json:3: is not valid JSON (unexpected "z")');
  });
});
