// Input problems (a seed, a metadata file, the catalog) are the curator's to fix, so they are reported as
// "file:line: what is wrong" and kept apart from programming errors, which the build reports differently.

export class GlossInputError extends Error {
  /** What is wrong, without the location prefix. */
  readonly reason: string;

  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'GlossInputError';
    this.reason = message;
  }
}

/** 1-based line of a UTF-16 offset; "\r\n" and a lone "\r" count as one line break each, like "\n". */
export function lineOfOffset(text: string, offset: number): number {
  const limit = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  for (let i = 0; i < limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) line++;
    else if (unit === 0x0d && text.charCodeAt(i + 1) !== 0x0a) line++;
  }
  return line;
}
