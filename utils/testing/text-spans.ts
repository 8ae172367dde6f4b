// Test helper: paragraph spans for a text written one paragraph a line.

/** Paragraph spans of a text whose paragraphs are its lines. */
export function paragraphsOf(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    spans.push([start, start + line.length]);
    start += line.length + 1;
  }
  return spans;
}
