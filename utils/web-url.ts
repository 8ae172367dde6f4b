// What counts as a web address, once: an absolute http(s) URL. Index values, page addresses and stated
// source URLs all pass through here, so no javascript:, data: or relative value ever becomes a link.

/** `value` parsed when it is an absolute http: or https: URL; undefined for anything else. */
export function webUrl(value: string | undefined | null): URL | undefined {
  if (!value) return undefined;
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
