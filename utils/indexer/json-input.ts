// JSON the curator (or a user) wrote: parsed, or a GlossInputError naming the file and the line of the first
// syntax error. JSON.parse reports positions only in some engines and in varying words; the line is found
// here, the same way in Node and in every browser.
import { GlossInputError, lineOfOffset } from './errors';

/** `raw` parsed; a syntax error is `file:line: is not valid JSON (unexpected "x")`. */
export function parseJsonInput(raw: string, file: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    const at = jsonErrorOffset(raw);
    const found = at < 0 ? '' : at >= raw.length ? ' (unexpected end)' : ` (unexpected ${JSON.stringify(raw[at])})`;
    throw new GlossInputError(`is not valid JSON${found}`, file, at < 0 ? undefined : lineOfOffset(raw, at));
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonStop {
  constructor(readonly at: number) {}
}

/**
 * Offset of the first syntax error in JSON text, or -1. JSON.parse reports positions only in some Node
 * versions and in varying words, and a curator needs the line.
 */
export function jsonErrorOffset(source: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const skipSpace = () => {
    while (i < source.length && ' \t\n\r'.includes(source[i])) i++;
  };
  const expectWord = (word: string) => {
    for (const char of word) {
      if (source[i] !== char) fail();
      i++;
    }
  };
  const readString = () => {
    i++;
    while (i < source.length) {
      const char = source[i];
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        i++;
        if (source[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (source[i] !== undefined && '"\\/bfnrt'.includes(source[i])) i++;
        else fail();
        continue;
      }
      if (char < ' ') fail();
      i++;
    }
    fail();
  };
  const readScalar = () => {
    const char = source[i];
    if (char === '"') return readString();
    if (char === 't') return expectWord('true');
    if (char === 'f') return expectWord('false');
    if (char === 'n') return expectWord('null');
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (!number) fail();
    i += number![0].length;
  };
  const readKey = () => {
    skipSpace();
    if (source[i] !== '"') fail();
    readString();
    skipSpace();
    if (source[i] !== ':') fail();
    i++;
  };
  // Iterative, with the open containers on a stack: a file nested 100,000 deep is an error with a line, not
  // a stack overflow.
  const open: ('{' | '[')[] = [];
  const readDocument = () => {
    for (;;) {
      skipSpace();
      const char = source[i];
      if (char === '{' || char === '[') {
        i++;
        skipSpace();
        if (source[i] === (char === '{' ? '}' : ']')) i++;
        else {
          open.push(char);
          if (char === '{') readKey();
          continue;
        }
      } else {
        readScalar();
      }
      // A value is complete: close what it completes, or go on to the next element.
      for (;;) {
        skipSpace();
        const top = open[open.length - 1];
        if (top === undefined) return;
        if (source[i] === ',') {
          i++;
          if (top === '{') readKey();
          break;
        }
        if (source[i] === (top === '{' ? '}' : ']')) {
          i++;
          open.pop();
          continue;
        }
        fail();
      }
    }
  };
  try {
    readDocument();
    skipSpace();
    if (i < source.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof JsonStop) return error.at;
    throw error;
  }
}
