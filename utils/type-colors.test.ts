import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_ALPHA, TYPE_COLORS, blend, contrastRatio, typeColorRules, withAlpha } from './type-colors';
import { ENTITY_TYPES } from './types';

const WHITE = '#ffffff';
const NEAR_BLACK = '#121212';
const DARK_TEXT = '#111111';
const LIGHT_TEXT = '#eeeeee';

describe('TYPE_COLORS', () => {
  it('has a distinct colour for every entity type', () => {
    expect(Object.keys(TYPE_COLORS).sort()).toEqual([...ENTITY_TYPES].sort());
    expect(new Set(Object.values(TYPE_COLORS).map((c) => c.light)).size).toBe(ENTITY_TYPES.length);
    expect(new Set(Object.values(TYPE_COLORS).map((c) => c.dark)).size).toBe(ENTITY_TYPES.length);
  });

  it('keeps page text readable (WCAG AA) under a highlight of either shade, on white and near-black pages', () => {
    for (const color of Object.values(TYPE_COLORS)) {
      for (const shade of [color.light, color.dark]) {
        expect(contrastRatio(DARK_TEXT, blend(shade, HIGHLIGHT_ALPHA, WHITE))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(LIGHT_TEXT, blend(shade, HIGHLIGHT_ALPHA, NEAR_BLACK))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('has light shades readable as text on white and dark shades on near-black', () => {
    for (const color of Object.values(TYPE_COLORS)) {
      expect(contrastRatio(color.light, WHITE)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(color.dark, NEAR_BLACK)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('colour helpers', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('formats and blends', () => {
    expect(withAlpha('#2563eb', 0.3)).toBe('rgba(37, 99, 235, 0.3)');
    expect(blend('#000000', 0.5, '#ffffff')).toBe('#808080');
  });

  it('writes a rule per type in both schemes', () => {
    const css = typeColorRules((type) => `.t-${type}`);
    for (const type of ENTITY_TYPES) {
      expect(css).toContain(`.t-${type}{--gloss-type:${TYPE_COLORS[type].light};`);
      expect(css).toContain(`.t-${type}{--gloss-type:${TYPE_COLORS[type].dark};`);
    }
    expect(css).toContain('@media (prefers-color-scheme: dark)');
  });
});
