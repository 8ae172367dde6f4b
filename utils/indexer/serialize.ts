/** Deterministic JSON text for committed build outputs: same input, byte-identical file. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}
