// Text folding shared by alias compilation and scanning. Folding works one UTF-16 unit at a time and never
// changes length, so offsets found in folded text are offsets in the original; units that should not count
// (soft hyphens, zero-width characters, combining accents, a second space in a row) are skipped instead.
import { simplifiedUnit } from '../traditional-chinese';

/** Returned by foldUnit for a unit the scanner must not feed to the automaton. */
export const SKIP = -1;
const SPACE = 0x20;
const HYPHEN = 0x2d;

const foldCache = new Map<number, number>();
const keepCaseCache = new Map<number, number>();

function isSkipped(unit: number): boolean {
  return (
    unit === 0x00ad || // soft hyphen
    (unit >= 0x200b && unit <= 0x200d) || // zero-width space / joiners
    unit === 0x2060 ||
    unit === 0xfeff ||
    (unit >= 0x0300 && unit <= 0x036f) // combining accents: "Soule\u0301" reads as "Soule"
  );
}

function isSpace(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0xa0 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

function foldUncached(unit: number, lower: boolean): number {
  if (isSkipped(unit)) return SKIP;
  if (isSpace(unit)) return SPACE;
  // A hyphen joins the words of a name as a space does: "OpenAI-o1" is "OpenAI o1", "Kai‑Fu" (non-breaking
  // hyphen) or "Kai–Fu" is "Kai Fu". The em dash and the bar separate clauses, not words of a name.
  if ((unit >= 0x2010 && unit <= 0x2013) || unit === 0x2212 || unit === 0xfe63 || unit === 0xff0d) return SPACE;
  if (unit === 0x2014 || unit === 0x2015) return HYPHEN;
  if (unit === 0x2019 || unit === 0x2018 || unit === 0xff07) return 0x27; // curly apostrophes
  // Full-width ASCII (ＤｅｅｐＳｅｅｋ, ０１．ＡＩ) reads as ASCII.
  if (unit >= 0xff01 && unit <= 0xff5e) unit -= 0xfee0;
  if (unit === HYPHEN) return SPACE;
  // Traditional Chinese reads as Simplified (CJK Extension A and compatibility ideographs; the main block is
  // on the fast path below).
  if ((unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0xf900 && unit <= 0xfaff)) return simplifiedUnit(unit);
  let char = String.fromCharCode(unit);
  // Precomposed Latin letters lose their accents so "Soulé" and "Soule" match alike.
  if (unit >= 0xc0 && unit < 0x2000) {
    const decomposed = char.normalize('NFD');
    if (decomposed.length > 1 && /^[\u0300-\u036f]+$/.test(decomposed.slice(1))) char = decomposed[0];
  }
  if (lower) {
    const lowered = char.toLowerCase();
    if (lowered.length === 1) char = lowered;
  }
  return char.charCodeAt(0);
}

/**
 * The unit the automaton sees for `unit`: lower-cased, accent-free, hyphens and spaces unified, Traditional
 * Chinese as Simplified; or SKIP.
 */
export function foldUnit(unit: number): number {
  if (unit < 0x80) {
    if (unit >= 0x41 && unit <= 0x5a) return unit + 0x20;
    if ((unit >= 0x09 && unit <= 0x0d) || unit === HYPHEN) return SPACE;
    return unit;
  }
  if (unit >= 0x4e00 && unit <= 0x9fff) return simplifiedUnit(unit); // no Map lookup per ideograph
  if (unit >= 0x3001 && unit <= 0x30ff) return unit; // CJK punctuation and kana too (no Map lookup per "，")
  let folded = foldCache.get(unit);
  if (folded === undefined) {
    folded = foldUncached(unit, true);
    foldCache.set(unit, folded);
  }
  return folded;
}

/** Like foldUnit but keeps letter case: what the case rules compare. */
export function foldUnitKeepCase(unit: number): number {
  if (unit < 0x80) return (unit >= 0x09 && unit <= 0x0d) || unit === HYPHEN ? SPACE : unit;
  if (unit >= 0x4e00 && unit <= 0x9fff) return simplifiedUnit(unit);
  let folded = keepCaseCache.get(unit);
  if (folded === undefined) {
    folded = foldUncached(unit, false);
    keepCaseCache.set(unit, folded);
  }
  return folded;
}

// foldText's output units, reused (strings up to 64 K units; longer ones get their own buffer).
let foldBuffer = new Uint16Array(512);

/**
 * Folds `text` into `out` the way the scanner reads it (skipped units dropped, spaces collapsed, a leading
 * space dropped); returns how many units it wrote. `at`, when given, gets at[i] = units written before text[i].
 */
function foldUnitsInto(text: string, fold: (unit: number) => number, out: Uint16Array, at: Int32Array | null): number {
  let n = 0;
  let lastWasSpace = true;
  for (let i = 0; i < text.length; i++) {
    if (at) at[i] = n;
    const unit = fold(text.charCodeAt(i));
    if (unit === SKIP) continue;
    if (unit === SPACE) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    out[n++] = unit;
  }
  if (at) at[text.length] = n;
  return n;
}

// Into a typed array, then one string: appending a character at a time made a string per character.
function unitsToString(units: Uint16Array, n: number): string {
  let result = '';
  for (let from = 0; from < n; from += 8192) {
    result += String.fromCharCode.apply(null, units.subarray(from, Math.min(n, from + 8192)) as unknown as number[]);
  }
  return result;
}

/** Folds a whole string the way the scanner reads text: skipped units dropped, spaces collapsed, trimmed. */
export function foldText(text: string, keepCase = false): string {
  let out = foldBuffer;
  if (out.length < text.length) {
    out = new Uint16Array(text.length);
    if (text.length <= 65_536) foldBuffer = out;
  }
  let n = foldUnitsInto(text, keepCase ? foldUnitKeepCase : foldUnit, out, null);
  if (n > 0 && out[n - 1] === SPACE) n--; // a trailing space
  return unitsToString(out, n);
}

/**
 * foldText (lower case) without the final trim, and where each original offset lands in it: at[i] is the
 * length of the folded text made of text[0, i), so folded.slice(at[a], at[b]) is text[a, b) folded.
 */
export function foldTextWithOffsets(text: string): { folded: string; at: Int32Array } {
  const at = new Int32Array(text.length + 1);
  const units = new Uint16Array(text.length);
  const n = foldUnitsInto(text, foldUnit, units, at);
  return { folded: unitsToString(units, n), at };
}
