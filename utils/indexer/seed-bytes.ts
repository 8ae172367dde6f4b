// Seed files as bytes → text: UTF-8 only, line breaks normalised to "\n"; empty, binary, UTF-16 and
// ill-formed UTF-8 input is a GlossInputError naming the file (and the line of the first bad byte).
import { GlossInputError } from './errors';

// Text files hold essentially no control characters; this share of them means the bytes are not text.
const BINARY_MIN_CONTROL_SHARE = 0.1;

/** UTF-8 bytes to text with line breaks normalised to "\n"; rejects empty, binary and non-UTF-8 input. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new GlossInputError('is empty', file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new GlossInputError('is UTF-16 text; save it as UTF-8', file);
  }
  if (looksBinary(bytes)) throw new GlossInputError('looks binary, not like text', file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    throw new GlossInputError('is not valid UTF-8', file, bad < 0 ? undefined : lineOfByte(bytes, bad));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new GlossInputError('is empty', file);
  return text;
}

function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return and escape turn up in real text files.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f) control++;
  }
  return control / bytes.length > BINARY_MIN_CONTROL_SHARE;
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte, which rules out overlong forms,
    // surrogates and code points above U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead === 0xe0) [length, low] = [3, 0xa0];
    else if (lead === 0xed) [length, high] = [3, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) length = 3;
    else if (lead === 0xf0) [length, low] = [4, 0x90];
    else if (lead === 0xf4) [length, high] = [4, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
    else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
