// What Gloss counts as CJK, once: the letters of scripts written without spaces between words — Han (with
// 々 and 〆), Hiragana, Katakana (with the prolonged-sound mark ー) and Hangul. Word boundaries, sentence
// starts, Markdown line joining and search all ask here.

/** The character class, for building a larger one: `new RegExp(`[${CJK_CLASS}…]`, 'u')`. */
export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30fc';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');

/** Whether one character (a code point: one or two UTF-16 units) is a CJK letter. */
export function isCjkChar(char: string): boolean {
  // Below U+1100 (Hangul Jamo) no character is CJK: skip the regular expression for the common case.
  if (char.length === 1 && char.charCodeAt(0) < 0x1100) return false;
  return char !== '' && CJK.test(char);
}

/** Whether any character of `text` is a CJK letter. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
