// The source view's model: which passage its parameters point at, the index's mentions in a source, and a
// paragraph cut into pieces (plain, mention, inside the marked passage) for SourceView to render. Pure.
import { anchorPassage, type TextRange } from '../anchoring';
import type { EntityType, GlossIndex, IndexSource } from '../types';
import type { SourceParams } from './entity-view';

export interface MentionSpan extends TextRange {
  entity: string;
  type: EntityType;
}

/** The passage the parameters point at: offsets when they fit, else the text quote re-anchored. */
export function resolvePassage(text: string, params: SourceParams): TextRange | undefined {
  const { start, end, exact, prefix, suffix } = params;
  if (exact !== undefined) return anchorPassage(text, { start, end, exact, prefix, suffix });
  if (start !== undefined && end !== undefined && start < end && end <= text.length) return { start, end };
  return undefined;
}

/** Whether the parameters ask for a passage at all (so that not finding it is worth saying). */
export function asksForPassage(params: SourceParams): boolean {
  return params.exact !== undefined || params.start !== undefined;
}

/** The index's mentions in one source, in order, without overlaps (the earlier, then longer, one wins). */
export function mentionSpans(index: GlossIndex, source: IndexSource): MentionSpan[] {
  const all: MentionSpan[] = [];
  for (const entity of index.entities) {
    for (const mention of entity.mentions ?? []) {
      if (mention.source !== source.id) continue;
      if (!(Number.isInteger(mention.start) && Number.isInteger(mention.end))) continue;
      if (mention.start < 0 || mention.end > source.text.length || mention.start >= mention.end) continue;
      all.push({ start: mention.start, end: mention.end, entity: entity.id, type: entity.type });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
  const kept: MentionSpan[] = [];
  for (const span of all) {
    if (kept.length === 0 || span.start >= kept[kept.length - 1].end) kept.push(span);
  }
  return kept;
}

/** The source's paragraph spans; when it has none, its non-blank lines. */
export function paragraphsOf(source: IndexSource): [number, number][] {
  const valid = (source.paragraphs ?? []).filter(
    ([start, end]) => Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= source.text.length,
  );
  if (valid.length > 0) return valid;
  const lines: [number, number][] = [];
  for (const match of source.text.matchAll(/[^\n]+/g)) {
    if (match[0].trim() !== '') lines.push([match.index!, match.index! + match[0].length]);
  }
  return lines;
}

export interface Piece {
  start: number;
  end: number;
  mention?: MentionSpan;
  /** Runs of the piece, each wholly inside or outside the marked passage. */
  runs: { start: number; end: number; passage: boolean }[];
}

/** Cuts a paragraph into plain and mention pieces, each cut again where the marked passage starts or ends. */
export function paragraphPieces(start: number, end: number, mentions: MentionSpan[], passage?: TextRange): Piece[] {
  const pieces: Piece[] = [];
  if (start >= end) return pieces;
  const runsOf = (from: number, to: number) => {
    const cuts = [from, to];
    if (passage) for (const at of [passage.start, passage.end]) if (at > from && at < to) cuts.push(at);
    cuts.sort((a, b) => a - b);
    const runs: Piece['runs'] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const inside = !!passage && cuts[i] >= passage.start && cuts[i + 1] <= passage.end;
      runs.push({ start: cuts[i], end: cuts[i + 1], passage: inside });
    }
    return runs;
  };
  let at = start;
  for (const mention of mentions) {
    if (mention.end <= start || mention.start >= end) continue;
    const from = Math.max(mention.start, start);
    const to = Math.min(mention.end, end);
    if (from > at) pieces.push({ start: at, end: from, runs: runsOf(at, from) });
    pieces.push({ start: from, end: to, mention, runs: runsOf(from, to) });
    at = to;
  }
  if (at < end) pieces.push({ start: at, end, runs: runsOf(at, end) });
  return pieces;
}
