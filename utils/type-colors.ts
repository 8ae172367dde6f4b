// One colour per entity type, shared by the card's badge and the page highlights so a type looks the same
// everywhere. Each colour must work as a translucent highlight behind text on white and on near-black pages
// (a page's own colour scheme is unknown to us), which mid-saturated hues at HIGHLIGHT_ALPHA do; the `light`
// shades are also dark enough to be text on white, the `dark` ones light enough to be text on near-black.
import type { QuoteVerdict } from './quotations/quote-check';
import type { EntityType } from './types';

export interface TypeColor {
  /** For light backgrounds. */
  light: string;
  /** For dark backgrounds. */
  dark: string;
}

export const TYPE_COLORS: Record<EntityType, TypeColor> = {
  person: { light: '#c2410c', dark: '#fb923c' },
  organization: { light: '#2563eb', dark: '#60a5fa' },
  model: { light: '#7c3aed', dark: '#a78bfa' },
  product: { light: '#15803d', dark: '#4ade80' },
  publication: { light: '#db2777', dark: '#f472b6' },
  law: { light: '#dc2626', dark: '#f87171' },
  place: { light: '#0e7490', dark: '#22d3ee' },
  concept: { light: '#64748b', dark: '#94a3b8' },
  event: { light: '#a16207', dark: '#facc15' },
};

/**
 * The quote check's verdicts: green for words the source holds, blue when some were left out, red when they
 * differ, amber when the source gives them to someone else. Same constraints as the type colours.
 */
export const VERDICT_COLORS: Record<QuoteVerdict, TypeColor> = {
  verbatim: { light: '#15803d', dark: '#4ade80' },
  shortened: { light: '#2563eb', dark: '#60a5fa' },
  altered: { light: '#dc2626', dark: '#f87171' },
  'other-speaker': { light: '#b45309', dark: '#fbbf24' },
};

/** The opacity at which a type colour stays readable as a background behind page text. */
export const HIGHLIGHT_ALPHA = 0.3;

function channels(hex: string): [number, number, number] {
  const value = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

/** `#rrggbb` as an `rgba()` colour with the given opacity. */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = channels(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** `#rrggbb` painted at `alpha` over an opaque `#rrggbb` background, as `#rrggbb`. */
export function blend(hex: string, alpha: number, background: string): string {
  const top = channels(hex);
  const bottom = channels(background);
  return `#${top
    .map((c, i) =>
      Math.round(alpha * c + (1 - alpha) * bottom[i])
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two opaque `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/**
 * CSS giving each type's elements `--gloss-type` (the colour) and `--gloss-type-tint` (it at `tintAlpha`),
 * switching to the dark shades under a dark colour scheme. `selector(type)` picks the elements.
 */
export function typeColorRules(selector: (type: EntityType) => string, tintAlpha = HIGHLIGHT_ALPHA): string {
  const rules = (shade: keyof TypeColor) =>
    Object.entries(TYPE_COLORS)
      .map(
        ([type, color]) =>
          `${selector(type as EntityType)}{--gloss-type:${color[shade]};--gloss-type-tint:${withAlpha(color[shade], tintAlpha)};}`,
      )
      .join('\n');
  return `${rules('light')}\n@media (prefers-color-scheme: dark){\n${rules('dark')}\n}\n`;
}
