// A string with its matched ranges in <mark>: built from ranges as text nodes, never as markup.
import type { Highlighted } from '../utils/search/highlight';

export function Marked({ text, ranges }: Highlighted) {
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue; // overlapping or out of bounds: skip
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
