// A name inside a longer token that still names it. Word boundaries (boundaries.ts) reject "Qwen2.5-Math",
// "PLaMo-100B" or "OpenAI-compatible" because a digit or a hyphen glues more on; a reader still sees Qwen,
// PLaMo and OpenAI there. What may be glued on, and to which entities:
// - a compound's head word ("OpenAI-compatible", "China-based"), for any entity;
// - a version tail, for the types that product names start with (a model family, a brand): digits glued on
//   ("Qwen2.5"), or after a hyphen or underscore a segment with a digit (sizes 7B/1_8B, versions V3, R1, dates)
//   or a variant word (-Chat, -Instruct, -Math…). A name that is itself a version ("DeepSeek-R1", "OpenAI o1",
//   "GPT-4o mini": it has a digit) takes only digits and quantisations: "OpenAI-o1-mini" is another product,
//   so there the brand "OpenAI" is the mention, not "OpenAI o1".
// Inside a product name the name may also follow a hyphen: "DeepSeek-R1-Distill-Qwen-32B" names Qwen.
// - an English inflection, for a concept (a common noun or verb): "CoTs", "LLMs", "open-sourced".
// Only the name is painted; the tail is not part of the mention.
import type { EntityType } from '../types';
import { gluedBefore, isWordChar } from './boundaries';

const PRODUCT_NAME_TYPES: ReadonlySet<EntityType> = new Set(['model', 'organization']);

/** Words after a hyphen that make a compound adjective of a name: "OpenAI-compatible", "US-led". */
const COMPOUND_HEADS = new Set([
  'based',
  'backed',
  'built',
  'compatible',
  'developed',
  'funded',
  'hosted',
  'led',
  'like',
  'made',
  'native',
  'owned',
  'powered',
  'related',
  'specific',
  'style',
  'trained',
]);

/** Variant words of a model family or brand: "Qwen-Chat", "Qwen2.5-Math", "Qwen-VL". */
const VARIANT_WORDS = new Set([
  'agent',
  'audio',
  'base',
  'chat',
  'code',
  'coder',
  'instruct',
  'long',
  'math',
  'max',
  'moe',
  'omni',
  'plus',
  'preview',
  'reasoner',
  'turbo',
  'vision',
  'vl',
]);

/** Formats of a model's weights: what a release of the very same model is published as. */
const QUANTISATIONS = new Set(['awq', 'gguf', 'gptq', 'hf', 'mlx']);

const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const JOINERS = new Set([...HYPHENS, '_']);

function isDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

function hasDigit(text: string): boolean {
  return /\d/.test(text);
}

/** The letters and digits from `at` on, with a "." only between digits ("2.5"). */
function segmentAt(text: string, at: number): string {
  let end = at;
  while (end < text.length) {
    const char = text[end];
    if (isWordChar(char) && char !== '_') end++;
    else if (char === '.' && isDigit(text.charCodeAt(end - 1)) && isDigit(text.charCodeAt(end + 1))) end++;
    else break;
  }
  return text.slice(at, end);
}

type Tail = 'compound' | 'version' | 'variant' | 'inflection' | null;

// Plural and past endings a concept's name takes: "CoTs", "AI agents", "open sourced".
const INFLECTIONS = /^(?:s|es|d|ed)(?![\p{L}\p{N}_])/u;

/** What is glued on after text[…, end): a compound head, a version tail, a variant word, or nothing we know. */
function tailAt(text: string, end: number, nameIsVersion: boolean): Tail {
  const next = text.charCodeAt(end);
  if (isDigit(next)) {
    // Digits straight after letters: "Qwen2.5", "PLaMo2". After a name ending in a digit they change the number.
    return /[\p{L}]$/u.test(text.slice(end - 1, end)) ? 'version' : null;
  }
  if (INFLECTIONS.test(text.slice(end, end + 3))) return 'inflection';
  if (!JOINERS.has(text[end] ?? '')) return null;
  const segment = segmentAt(text, end + 1);
  if (!segment) return null;
  const word = segment.toLowerCase();
  if (COMPOUND_HEADS.has(word)) return 'compound';
  if (hasDigit(segment) || QUANTISATIONS.has(word)) return 'version';
  if (!nameIsVersion && VARIANT_WORDS.has(word)) return 'variant';
  return null;
}

/**
 * Whether text[start, end), rejected by plain word boundaries, is still a mention of an entity of `type`
 * called `name` (the alias as written): a name at the head of a product name or of a compound.
 */
export function isNameInLongerToken(text: string, start: number, end: number, type: EntityType, name: string): boolean {
  // Only Latin-script names end in a tail (a Chinese name's neighbours are decided by segmentation).
  if (!isWordChar(text[end - 1] ?? '') || !isWordChar(text[start] ?? '')) return false;
  const tail = tailAt(text, end, hasDigit(name));
  if (tail === null) return false;
  if (tail === 'inflection') return type === 'concept' && !gluedBefore(text, start);
  const productName = tail !== 'compound';
  if (productName && !PRODUCT_NAME_TYPES.has(type)) return false;
  if (!gluedBefore(text, start)) return true;
  // Glued on before as well: only a hyphen inside a product name ("…-Distill-Qwen-32B").
  return productName && HYPHENS.has(text[start - 1]);
}
