// Traditional Chinese read as Simplified, one character for one: a Taiwan or Hong Kong page writes 李開復,
// 通義千問, 強化學習 and means the entities the catalog names 李开复, 通义千问, 强化学习. The table is OpenCC's
// (opencc-js), the conversion data Chinese input methods and Wikipedia use: its character table (TSCharacters)
// plus the Taiwan and Hong Kong variant forms (臺, 爲, 衞…) composed onto it, generated into
// traditional-chinese-table.ts (scripts/traditional-table.ts). Only one-unit to one-unit pairs are kept, so
// folding never changes a text's length and offsets stay offsets into the page's own text; the phrase tables
// are left out on purpose (a phrase rewrite is not length-preserving and a page's words stay its own).
import { SIMPLIFIED, TRADITIONAL } from './traditional-chinese-table';

// The CJK Unified Ideographs block, where nearly every pair lives; the few outside it (Extension A) go in a Map.
const BLOCK_START = 0x4e00;
const BLOCK_END = 0x9fff;

let blockTable: Uint16Array | null = null;
const outsideBlock = new Map<number, number>();

// Made on the first Han character a tab reads (a catalog has some): 42 KB, 0 where a character is itself.
function buildTable(): Uint16Array {
  const table = new Uint16Array(BLOCK_END - BLOCK_START + 1);
  for (let i = 0; i < TRADITIONAL.length; i++) {
    const from = TRADITIONAL.charCodeAt(i);
    const to = SIMPLIFIED.charCodeAt(i);
    if (from >= BLOCK_START && from <= BLOCK_END) table[from - BLOCK_START] = to;
    else outsideBlock.set(from, to);
  }
  return table;
}

/** The Simplified form of one UTF-16 unit, or the unit itself. */
export function simplifiedUnit(unit: number): number {
  if (unit >= BLOCK_START && unit <= BLOCK_END) return (blockTable ??= buildTable())[unit - BLOCK_START] || unit;
  if (unit < 0x3400 || unit > 0xfaff) return unit;
  blockTable ??= buildTable();
  return outsideBlock.get(unit) ?? unit;
}

/** `text` with every Traditional character in its Simplified form; the same length. */
export function toSimplified(text: string): string {
  let result = '';
  let copiedUntil = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x3400) continue;
    const simplified = simplifiedUnit(unit);
    if (simplified === unit) continue;
    result += text.slice(copiedUntil, i) + String.fromCharCode(simplified);
    copiedUntil = i + 1;
  }
  return copiedUntil === 0 ? text : result + text.slice(copiedUntil);
}
