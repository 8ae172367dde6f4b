// Gloss's UI theme, for the card, popup, options and source view: light and dark colours and the fonts.

/** The colours of light and dark schemes; tested for WCAG AA contrast. */
export const THEME = {
  light: {
    bg: '#ffffff',
    surface: '#f4f6f8',
    fg: '#1f2328',
    muted: '#57606a',
    border: '#d0d7de',
    link: '#0550ae',
    focus: '#0969da',
  },
  dark: {
    bg: '#1b1d21',
    surface: '#24282e',
    fg: '#e6e8eb',
    muted: '#a4adb8',
    border: '#3d444d',
    link: '#79b8ff',
    focus: '#58a6ff',
  },
} as const;

/** Declares the theme's custom properties on `selector`, for both colour schemes. */
export function themeCss(selector: string): string {
  const vars = (scheme: keyof typeof THEME) =>
    Object.entries(THEME[scheme])
      .map(([name, value]) => `--gloss-${name}:${value};`)
      .join('') + `--gloss-font:${UI_FONTS};`;
  return `${selector}{${vars('light')}color-scheme:light;}\n@media (prefers-color-scheme: dark){${selector}{${vars('dark')}color-scheme:dark;}}\n`;
}

/** Sans-serif with Chinese fallbacks, for UI text and quotations alike. */
export const UI_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", sans-serif';
