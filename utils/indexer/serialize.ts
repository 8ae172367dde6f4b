/**
 * Deterministic JSON text for committed build outputs: same input, byte-identical file. `compact` for data
 * shipped in the content script as text (every page parses it): one line per top-level key's entry.
 */
export function serializeJson(value: unknown, options: { compact?: boolean } = {}): string {
  if (!options.compact || typeof value !== 'object' || value === null || Array.isArray(value)) return `${JSON.stringify(value, null, 1)}\n`;
  const parts = Object.entries(value).map(([key, entry]) =>
    Array.isArray(entry)
      ? `${JSON.stringify(key)}:[\n${entry.map((item) => JSON.stringify(item)).join(',\n')}\n]`
      : `${JSON.stringify(key)}:${JSON.stringify(entry)}`,
  );
  return `{${parts.join(',\n')}}\n`;
}
