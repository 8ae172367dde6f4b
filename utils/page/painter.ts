// Paints mentions with the CSS Custom Highlight API: ranges (static ones: static-ranges.ts) registered under names that the content script's
// manifest stylesheet styles with ::highlight(). Nothing is added to the page's DOM.
import type { QuoteVerdict } from '../quotations/quote-check';
import { HIGHLIGHT_ALPHA, TYPE_COLORS, VERDICT_COLORS, withAlpha } from '../type-colors';
import type { EntityType, HighlightStyle } from '../types';
import type { PageMention, Painter } from './annotator';

/** The registry and constructor of the page's window, passed in so that tests can give their own. */
export interface HighlightApi {
  registry: { set(name: string, highlight: Highlight): unknown; delete(name: string): unknown };
  create: () => Highlight;
}

export const ACTIVE_HIGHLIGHT = 'gloss-active';
export const quoteHighlightName = (verdict: QuoteVerdict) => `gloss-quote-${verdict}`;
export const highlightName = (type: EntityType, style: HighlightStyle) => `gloss-${type}${style === 'underline' ? '-u' : ''}`;

export interface HighlightPainter extends Painter {
  /** Marks one range as the mention the card is about (or none). */
  setActive(range: AbstractRange | null): void;
  setStyle(style: HighlightStyle): void;
  /** Whether a type is painted; mentions are still known and reported. */
  setTypeVisible(type: EntityType, visible: boolean): void;
  /** Paints exactly these mentions (and no others) of the painted types. */
  repaint(mentions: readonly PageMention[]): void;
  /** Marks a quotation's closing mark with its verdict; null takes the mark off. */
  markQuote(range: AbstractRange, verdict: QuoteVerdict | null): void;
  clear(): void;
  readonly size: number;
}

export function createHighlightPainter(api: HighlightApi, initialStyle: HighlightStyle = 'background'): HighlightPainter {
  let style = initialStyle;
  const byType = new Map<EntityType, Highlight>();
  const hiddenTypes = new Set<EntityType>();
  const byVerdict = new Map<QuoteVerdict, Highlight>();
  const quoteVerdicts = new Map<AbstractRange, QuoteVerdict>();
  const active = api.create();
  // Above every type highlight, whatever order the page or we registered them in.
  active.priority = 10;
  api.registry.set(ACTIVE_HIGHLIGHT, active);

  const highlightFor = (type: EntityType) => {
    let highlight = byType.get(type);
    if (!highlight) {
      highlight = api.create();
      byType.set(type, highlight);
      if (!hiddenTypes.has(type)) api.registry.set(highlightName(type, style), highlight);
    }
    return highlight;
  };

  return {
    add(mention: PageMention) {
      highlightFor(mention.type).add(mention.range);
    },
    remove(mention: PageMention) {
      byType.get(mention.type)?.delete(mention.range);
      if (active.has(mention.range)) active.clear();
    },
    setActive(range) {
      active.clear();
      if (range) active.add(range);
    },
    markQuote(range, verdict) {
      const previous = quoteVerdicts.get(range);
      if (previous) byVerdict.get(previous)?.delete(range);
      quoteVerdicts.delete(range);
      if (active.has(range) && !verdict) active.clear();
      if (!verdict) return;
      let highlight = byVerdict.get(verdict);
      if (!highlight) {
        highlight = api.create();
        highlight.priority = 5;
        byVerdict.set(verdict, highlight);
        api.registry.set(quoteHighlightName(verdict), highlight);
      }
      highlight.add(range);
      quoteVerdicts.set(range, verdict);
    },
    setStyle(next) {
      if (next === style) return;
      for (const [type, highlight] of byType) {
        api.registry.delete(highlightName(type, style));
        if (!hiddenTypes.has(type)) api.registry.set(highlightName(type, next), highlight);
      }
      style = next;
    },
    setTypeVisible(type, visible) {
      if (visible === !hiddenTypes.has(type)) return;
      if (visible) {
        hiddenTypes.delete(type);
        const highlight = byType.get(type);
        if (highlight) api.registry.set(highlightName(type, style), highlight);
      } else {
        hiddenTypes.add(type);
        api.registry.delete(highlightName(type, style));
      }
    },
    repaint(mentions) {
      for (const highlight of byType.values()) highlight.clear();
      for (const mention of mentions) highlightFor(mention.type).add(mention.range);
    },
    clear() {
      for (const [type, highlight] of byType) {
        highlight.clear();
        api.registry.delete(highlightName(type, style));
      }
      byType.clear();
      for (const [verdict, highlight] of byVerdict) {
        highlight.clear();
        api.registry.delete(quoteHighlightName(verdict));
      }
      byVerdict.clear();
      quoteVerdicts.clear();
      active.clear();
      api.registry.delete(ACTIVE_HIGHLIGHT);
    },
    get size() {
      let total = 0;
      for (const highlight of byType.values()) total += highlight.size;
      return total;
    },
  };
}

/**
 * ::highlight() rules painting each type in its colour: a translucent background, or an underline.
 * `originating` goes before each `::highlight(…)` (a selector for the elements whose text it styles).
 */
export function highlightRules(colors: Partial<Record<EntityType, string>>, originating = ''): string {
  return Object.entries(colors)
    .filter(([, color]) => typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color))
    .map(([type, color]) => {
      const name = (style: HighlightStyle) => highlightName(type as EntityType, style);
      return (
        `${originating}::highlight(${name('background')}) { background-color: ${withAlpha(color!, HIGHLIGHT_ALPHA)}; }\n` +
        `${originating}::highlight(${name('underline')}) { text-decoration: underline 2px ${color}; text-underline-offset: 3px; }`
      );
    })
    .join('\n');
}

/** The content script's manifest stylesheet (entrypoints/content/highlights.css), from the type palette. */
export function highlightStylesheet(): string {
  const palette = Object.fromEntries(Object.entries(TYPE_COLORS).map(([type, color]) => [type, color.light]));
  return [
    '/* Generated from utils/type-colors.ts by `npm run highlight-css`; a unit test keeps it in step. */',
    '/* Loaded through the manifest: the only way ::highlight() reaches page text without adding a node to the page. */',
    highlightRules(palette),
    "/* The quote check: a quotation's closing mark, in its verdict's colour. */",
    ...Object.entries(VERDICT_COLORS).map(
      ([verdict, color]) =>
        `::highlight(${quoteHighlightName(verdict as QuoteVerdict)}) { background-color: ${withAlpha(color.light, 0.45)}; ` +
        `text-decoration: underline 3px ${color.light}; text-underline-offset: 3px; }`,
    ),
    '/* The mention the card is about, or the one just revealed from the popup. */',
    `::highlight(${ACTIVE_HIGHLIGHT}) { background-color: rgba(250, 204, 21, 0.75); color: #111; }`,
    '',
  ].join('\n');
}

/**
 * Every element, at specificity (0,1,1) instead of the manifest rules' (0,0,1). Firefox cascades an
 * extension's manifest CSS after the page's own sheets (Chromium before them), so at equal specificity the
 * default colours beat the adopted sheet there and a user's colour never showed.
 */
export const OVERRIDE_ORIGINATING = ':is(:root, *)';

/**
 * The user's own colours. Manifest CSS cannot change at run time, so these go into a constructed stylesheet
 * adopted by the document: no element is added to the page, and only users who chose a colour get one.
 */
export function colorOverrideCss(colors: Partial<Record<EntityType, string>>): string {
  return highlightRules(colors, OVERRIDE_ORIGINATING);
}
